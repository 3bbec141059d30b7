import { Type } from '@sinclair/typebox';
import { Nullable, Timestamp } from './common.schema';

export const CitizenReportBody = Type.Object(
  {
    description: Type.String({ minLength: 1, maxLength: 2000 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    classId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    name: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 50 }))),
    phone: Type.Optional(Nullable(Type.String({ pattern: '^\\+?[0-9][0-9 ()-]{2,29}$' }))),
  },
  { additionalProperties: false },
);

export const TrackingCodeParams = Type.Object({
  code: Type.String({ minLength: 4, maxLength: 40 }),
});

export const CitizenRatingBody = Type.Object(
  {
    satisfaction: Type.Union([
      Type.Literal('very_satisfied'),
      Type.Literal('satisfied'),
      Type.Literal('basically_satisfied'),
      Type.Literal('dissatisfied'),
      Type.Literal('very_dissatisfied'),
    ]),
    comment: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);

export const CitizenReportOut = Type.Object({
  trackingCode: Type.String(),
  caseNumber: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  state: Type.String(),
  stateLabel: Type.String(),
  statusNotes: Nullable(Type.String()),
  serviceName: Nullable(Type.String()),
  description: Nullable(Type.String()),
  address: Nullable(Type.String()),
  lng: Nullable(Type.Number()),
  lat: Nullable(Type.Number()),
  requestedAt: Timestamp,
  updatedAt: Timestamp,
  expectedAt: Nullable(Timestamp),
  timeline: Type.Array(Type.Object({ at: Timestamp, type: Type.String(), summary: Type.String() })),
  photos: Type.Array(Type.Object({ url: Type.String(), kind: Type.String() })),
  rating: Nullable(
    Type.Object({ satisfaction: Type.String(), score: Type.Integer(), ratedAt: Timestamp }),
  ),
  canRate: Type.Boolean(),
});
