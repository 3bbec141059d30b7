import { Type } from '@sinclair/typebox';
import { Nullable, Timestamp } from './common.schema';

const Channel = Type.Union([Type.Literal('12345'), Type.Literal('12319')]);
const AppealType = Type.Union(
  [
    Type.Literal('consultation'),
    Type.Literal('help'),
    Type.Literal('complaint'),
    Type.Literal('report'),
    Type.Literal('suggestion'),
  ],
  { description: '咨询 consultation / 求助 help / 投诉 complaint / 举报 report / 建议 suggestion' },
);
const Satisfaction = Type.Union(
  [
    Type.Literal('very_satisfied'),
    Type.Literal('satisfied'),
    Type.Literal('basically_satisfied'),
    Type.Literal('dissatisfied'),
    Type.Literal('very_dissatisfied'),
  ],
  { description: '非常满意 100 / 满意 80 / 基本满意 50 / 不满意 0 / 非常不满意 −100' },
);

export const HotlineOrderBody = Type.Object(
  {
    channel: Channel,
    orderNumber: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' }),
    appealType: AppealType,
    callerName: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
    callerPhone: Type.Optional(Nullable(Type.String({ pattern: '^\\+?[0-9][0-9 ()-]{2,29}$' }))),
    content: Type.String({ minLength: 1, maxLength: 4000 }),
    address: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200 }))),
    lng: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
    lat: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
    receivedAt: Timestamp,
    dueAt: Type.Optional(Nullable(Timestamp)),
  },
  { additionalProperties: false },
);

export const HotlinePlaceBody = Type.Object(
  {
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
  },
  { additionalProperties: false },
);

export const HotlineLinkBody = Type.Object(
  { caseId: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const ReturnVisitBody = Type.Object(
  {
    satisfaction: Satisfaction,
    comment: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    reopen: Type.Optional(
      Type.Boolean({
        description: 'Dissatisfied visits reopen the case (重办) unless this is false',
      }),
    ),
  },
  { additionalProperties: false },
);

export const ReturnVisitOut = Type.Object({
  id: Type.Integer(),
  satisfaction: Satisfaction,
  satisfactionLabel: Type.String(),
  score: Type.Integer(),
  comment: Nullable(Type.String()),
  visitedAt: Timestamp,
  reopened: Type.Boolean(),
});

export const HotlineOrderOut = Type.Object({
  id: Type.Integer(),
  channel: Channel,
  orderNumber: Type.String(),
  appealType: AppealType,
  appealTypeLabel: Type.String(),
  callerName: Type.Optional(Nullable(Type.String())),
  callerPhone: Type.Optional(Nullable(Type.String())),
  content: Type.String(),
  address: Nullable(Type.String()),
  lng: Nullable(Type.Number()),
  lat: Nullable(Type.Number()),
  locatedBy: Nullable(Type.String()),
  receivedAt: Timestamp,
  dueAt: Nullable(Timestamp),
  status: Type.Union([Type.Literal('unplaced'), Type.Literal('open'), Type.Literal('closed')], {
    description: 'unplaced: waiting for an operator; then the state of the case it follows',
  }),
  linkedAs: Nullable(Type.String()),
  caseId: Nullable(Type.Integer()),
  caseNumber: Nullable(Type.String()),
  caseState: Nullable(Type.String()),
  visits: Type.Array(ReturnVisitOut),
});

export const HotlineOrdersQuery = Type.Object({
  unplaced: Type.Optional(Type.Boolean()),
  caseId: Type.Optional(Type.Integer({ minimum: 1, description: 'orders that became this case' })),
  channel: Type.Optional(Channel),
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
});
