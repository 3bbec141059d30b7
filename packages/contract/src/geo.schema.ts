import { Type } from '@sinclair/typebox';
import { Nullable } from './common.schema';

const DivisionCode = Type.String({
  pattern: '^[0-9]{6}([0-9]{3}){0,2}$',
  description: 'district 6, street 9 or community 12 digits',
});
const GridCode = Type.String({ pattern: '^[0-9]{15}$', description: '15-digit unit grid code' });
const BBoxText = Type.String({
  pattern: '^-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,-?[0-9.]+$',
  description: 'minLng,minLat,maxLng,maxLat (WGS84)',
});

export const Geometry = Type.Object(
  {
    type: Type.Union([Type.Literal('Polygon'), Type.Literal('MultiPolygon')]),
    coordinates: Type.Array(Type.Unknown()),
  },
  { description: 'GeoJSON geometry, WGS84' },
);

export const Division = Type.Object({
  code: Type.String(),
  level: Type.String({ description: 'district | street | community' }),
  name: Type.String(),
  parentCode: Nullable(Type.String()),
  areaClass: Nullable(Type.String()),
  bbox: Nullable(Type.Array(Type.Number(), { minItems: 4, maxItems: 4 })),
  outline: Type.Optional(Nullable(Geometry)),
});

export const DivisionsQuery = Type.Object({
  parent: Type.Optional(DivisionCode),
  level: Type.Optional(
    Type.Union([Type.Literal('district'), Type.Literal('street'), Type.Literal('community')]),
  ),
  withOutline: Type.Optional(Type.Boolean()),
});

export const DivisionParams = Type.Object({ code: DivisionCode });

export const LocateQuery = Type.Object({
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
});

const NamedCode = Type.Object({ code: Type.String(), name: Type.String() });
export const GridLocation = Type.Object({
  grid: NamedCode,
  community: NamedCode,
  street: NamedCode,
  district: NamedCode,
  responsibilityGrid: Nullable(NamedCode),
});

export const GridSummary = Type.Object({
  code: Type.String(),
  name: Nullable(Type.String()),
  districtCode: Type.String(),
  streetCode: Type.String(),
  communityCode: Type.String(),
  areaM2: Type.Number(),
  centroid: Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }),
  bbox: Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }),
  responsibilityGridCode: Nullable(Type.String()),
  geometry: Type.Optional(Geometry),
});

export const GridsQuery = Type.Object({
  division: Type.Optional(DivisionCode),
  bbox: Type.Optional(BBoxText),
  responsibilityGrid: Type.Optional(Type.String()),
  withGeometry: Type.Optional(Type.Boolean()),
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 5000, default: 100 }),
});

export const GridParams = Type.Object({ code: GridCode });

export const ResponsibilityGrid = Type.Object({
  code: Type.String(),
  name: Type.String(),
  districtCode: Type.String(),
  streetCode: Nullable(Type.String()),
  gridCount: Type.Integer(),
  supervisors: Type.Array(
    Type.Object({ id: Type.Integer(), username: Type.String(), displayName: Type.String() }),
  ),
});

export const PutResponsibilityGridBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    divisionCode: Type.String({ pattern: '^[0-9]{6}([0-9]{3})?$' }),
    gridCodes: Type.Array(GridCode, { maxItems: 2000 }),
    supervisorUsernames: Type.Array(Type.String(), { maxItems: 50 }),
  },
  { additionalProperties: false },
);
export const ResponsibilityGridParams = Type.Object({
  code: Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$' }),
});
export const BBoxQueryText = BBoxText;
