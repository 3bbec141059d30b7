import { Type } from '@sinclair/typebox';
import { Nullable, Timestamp } from './common.schema';

export const DeviceAlarmBody = Type.Object(
  {
    deviceId: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' }),
    deviceType: Type.Union([Type.Literal('video'), Type.Literal('sensor')]),
    alarmId: Type.Optional(
      Nullable(
        Type.String({
          pattern: '^[A-Za-z0-9_.:-]{1,100}$',
          description: "The device platform's alarm id; the same id again creates nothing",
        }),
      ),
    ),
    classCode: Type.Optional(
      Nullable(
        Type.String({
          pattern: '^L?[CME][0-9]{4,5}$',
          description: 'Class as an Open311 service code, e.g. C01001 (manhole cover), M03005',
        }),
      ),
    ),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    occurredAt: Timestamp,
    snapshotUrl: Type.Optional(
      Nullable(Type.String({ pattern: '^https?://\\S+$', maxLength: 2000 })),
    ),
    description: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 2000 }))),
  },
  { additionalProperties: false },
);

export const DeviceAlarmOut = Type.Object({
  id: Type.Integer(),
  caseId: Type.Integer(),
  caseNumber: Type.String(),
  duplicate: Type.Boolean({
    description: 'A repeat of an open problem from the same device and class: no new case',
  }),
  replayed: Type.Boolean({ description: 'This alarm id was received before' }),
});
