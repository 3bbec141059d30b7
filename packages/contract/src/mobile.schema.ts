import { Type } from '@sinclair/typebox';
import { Nullable, Timestamp } from './common.schema';

export const PickerClassOut = Type.Object({
  id: Type.Integer(),
  serviceCode: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  bigName: Type.String(),
  pinyin: Type.String(),
  initials: Type.String(),
});

export const MyGridOut = Type.Object({
  code: Type.String(),
  name: Nullable(Type.String()),
  geometry: Type.Unknown({ description: 'GeoJSON Polygon or MultiPolygon (WGS84)' }),
  responsibilityGridCode: Type.String(),
  responsibilityGridName: Type.String(),
});

export const ClockInBody = Type.Object(
  {
    lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  },
  { additionalProperties: false },
);

export const ShiftOut = Type.Object({
  id: Type.Integer(),
  startedAt: Timestamp,
  endedAt: Nullable(Timestamp),
});

export const PatrolPointsBody = Type.Object(
  {
    points: Type.Array(
      Type.Object(
        {
          at: Timestamp,
          lng: Type.Number({ minimum: -180, maximum: 180 }),
          lat: Type.Number({ minimum: -90, maximum: 90 }),
          accuracyM: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 100000 }))),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 2000 },
    ),
  },
  { additionalProperties: false },
);

export const PatrolDayOut = Type.Object({
  day: Type.String(),
  covered: Type.Integer(),
  total: Type.Integer(),
  grids: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Nullable(Type.String()),
      responsibilityGridCode: Type.String(),
      points: Type.Integer(),
      firstAt: Nullable(Timestamp),
      lastAt: Nullable(Timestamp),
    }),
  ),
  shifts: Type.Array(ShiftOut),
  track: Type.Array(
    Type.Object({
      at: Timestamp,
      lng: Type.Number(),
      lat: Type.Number(),
      gridCode: Nullable(Type.String()),
    }),
  ),
});
