import { Type } from '@sinclair/typebox';
import { Nullable, Timestamp } from './common.schema';

export const CaseSourceSchema = Type.Union([
  Type.Literal('supervisor'),
  Type.Literal('hotline_12345'),
  Type.Literal('hotline_12319'),
  Type.Literal('citizen_web'),
  Type.Literal('open311'),
  Type.Literal('video'),
  Type.Literal('sensor'),
  Type.Literal('leader'),
  Type.Literal('department'),
  Type.Literal('media'),
]);

export const CreateCaseBody = Type.Object(
  {
    source: CaseSourceSchema,
    description: Type.String({ minLength: 1, maxLength: 2000 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    address: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
    classId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    conditionCode: Type.Optional(Nullable(Type.String({ pattern: '^[a-z0-9_-]{1,40}$' }))),
    urgency: Type.Optional(Nullable(Type.Union([Type.Literal('normal'), Type.Literal('urgent')]))),
    componentId: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{16,17}$' }))),
    sourceRef: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    reporterName: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    reporterPhone: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    draft: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const CaseActionBody = Type.Object(
  {
    version: Type.Integer({
      minimum: 1,
      description: 'The version you last saw; a stale one is refused with 409 STALE_VERSION',
    }),
    opinion: Type.Optional(Type.String({ maxLength: 2000 })),
    departmentIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 10 })),
    classId: Type.Optional(Type.Integer({ minimum: 1 })),
    conditionCode: Type.Optional(Type.String({ pattern: '^[a-z0-9_-]{1,40}$' })),
    urgency: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('urgent')])),
    postponeMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 * 24 * 90 })),
    rejectTo: Type.Optional(Type.Union([Type.Literal('PENDING_FILE'), Type.Literal('VOID')])),
    special: Type.Optional(Type.Boolean()),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
    parentCaseId: Type.Optional(
      Type.Integer({ minimum: 1, description: 'merge: the case this duplicate joins' }),
    ),
  },
  { additionalProperties: false },
);

export const CaseTimer = Type.Object({
  step: Type.String(),
  status: Type.String(),
  startedAt: Timestamp,
  dueAt: Nullable(Timestamp),
  light: Type.Union([Type.Literal('green'), Type.Literal('yellow'), Type.Literal('red')]),
  remainingMinutes: Type.Integer(),
  unit: Type.String(),
  overdue: Nullable(Type.Boolean()),
});

export const CaseOut = Type.Object({
  id: Type.Integer(),
  caseNumber: Type.String({ description: '<district 6>-<yyyymmdd>-<5-digit daily sequence>' }),
  state: Type.String(),
  version: Type.Integer(),
  source: Type.String(),
  level: Type.String(),
  classId: Nullable(Type.Integer()),
  conditionCode: Nullable(Type.String()),
  urgency: Nullable(Type.String()),
  description: Type.String(),
  address: Nullable(Type.String()),
  lng: Nullable(Type.Number()),
  lat: Nullable(Type.Number()),
  gridCode: Nullable(Type.String()),
  communityCode: Nullable(Type.String()),
  streetCode: Nullable(Type.String()),
  componentId: Nullable(Type.String()),
  reporterName: Type.Optional(Nullable(Type.String())),
  reporterPhone: Type.Optional(Nullable(Type.String())),
  departmentIds: Type.Array(Type.Integer()),
  reworkCount: Type.Integer(),
  pendingRequest: Nullable(Type.Record(Type.String(), Type.Unknown())),
  closureType: Nullable(Type.String()),
  voidType: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  closedAt: Nullable(Timestamp),
  light: Type.Optional(Nullable(Type.String())),
  dueAt: Type.Optional(
    Nullable(
      Type.String({ format: 'date-time', description: 'the earliest running deadline (lists)' }),
    ),
  ),
  allowedActions: Type.Optional(
    Type.Array(Type.String(), { description: 'What the caller may do now' }),
  ),
  timers: Type.Optional(Type.Array(CaseTimer)),
  parentCaseId: Type.Optional(Nullable(Type.Integer())),
  keySupervision: Type.Optional(Type.Boolean({ description: '重点监管' })),
  limitFactor: Type.Optional(Type.Number({ description: 'factor applied to the disposal limit' })),
  keyReasons: Type.Optional(Type.Array(Type.String())),
  possibleDuplicates: Type.Optional(
    Type.Array(
      Type.Object({
        id: Type.Integer(),
        caseNumber: Type.String(),
        state: Type.String(),
        distanceM: Type.Integer(),
      }),
      {
        description: 'On intake: open cases of the same class nearby (50 m, 72 h)',
      },
    ),
  ),
});

export const CasesQuery = Type.Object({
  state: Type.Optional(Type.String({ description: 'one state or several, comma-separated' })),
  source: Type.Optional(CaseSourceSchema),
  grid: Type.Optional(Type.String({ pattern: '^[0-9]{15}$' })),
  region: Type.Optional(Type.String({ pattern: '^[0-9]{6}([0-9]{3}){0,2}$' })),
  classId: Type.Optional(Type.Integer({ minimum: 1 })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(Timestamp),
  to: Type.Optional(Timestamp),
  mine: Type.Optional(Type.Boolean({ description: 'only cases I reported (the app history)' })),
  department: Type.Optional(
    Type.Integer({ minimum: 1, description: 'assigned to this department' }),
  ),
  keySupervision: Type.Optional(Type.Boolean({ description: '重点监管 cases only (or none)' })),
  light: Type.Optional(
    Type.Union([Type.Literal('green'), Type.Literal('yellow'), Type.Literal('red')], {
      description: 'the light as of the last SLA sweep',
    }),
  ),
  sort: Type.Optional(
    Type.Union([Type.Literal('newest'), Type.Literal('oldest'), Type.Literal('due')], {
      description: 'newest first (default), oldest first, or the nearest deadline first',
    }),
  ),
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
});

export const CaseIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const CaseActionParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  action: Type.String({ pattern: '^[a-z_]{2,40}$' }),
});

export const CaseActionLogEntry = Type.Object({
  seq: Type.Integer(),
  action: Type.String(),
  fromState: Nullable(Type.String()),
  toState: Type.String(),
  actorUserId: Nullable(Type.Integer()),
  actorRoles: Type.Array(Type.String()),
  opinion: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
  at: Timestamp,
  hash: Type.String(),
});

export const AuditVerification = Type.Object({
  ok: Type.Boolean(),
  actions: Type.Integer(),
  brokenAt: Nullable(Type.Integer()),
});

export const SlipKind = Type.Union(
  [Type.Literal('reminder'), Type.Literal('supervision'), Type.Literal('warning')],
  {
    description: 'reminder 提醒单 / supervision 督办单 / warning 警示单',
  },
);

export const Slip = Type.Object({
  id: Type.Integer(),
  caseId: Type.Integer(),
  kind: SlipKind,
  origin: Type.Union([Type.Literal('auto'), Type.Literal('manual')]),
  departmentIds: Type.Array(Type.Integer()),
  reason: Type.String(),
  issuedBy: Nullable(Type.Integer()),
  issuedAt: Timestamp,
  reply: Nullable(Type.String()),
  repliedAt: Nullable(Timestamp),
});

export const IssueSlipBody = Type.Object(
  { kind: SlipKind, reason: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);
export const ReplySlipBody = Type.Object(
  { reply: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
export const SlipsQuery = Type.Object({
  department: Type.Optional(Type.Integer({ minimum: 1 })),
  unanswered: Type.Optional(Type.Boolean()),
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
});

export const DispatchSuggestion = Type.Object({
  departmentId: Type.Integer(),
  departmentName: Type.String(),
  basis: Type.Union([Type.Literal('rule'), Type.Literal('class_default')]),
  ruleId: Nullable(Type.Integer()),
  regionCode: Nullable(Type.String()),
});

export const RoutingRule = Type.Object({
  id: Type.Integer(),
  classId: Nullable(Type.Integer()),
  regionCode: Type.String(),
  departmentId: Type.Integer(),
  note: Nullable(Type.String()),
});

export const CreateRoutingRuleBody = Type.Object(
  {
    classId: Nullable(Type.Integer({ minimum: 1 })),
    regionCode: Type.String({
      pattern: '^[0-9]{6}([0-9]{3}){0,3}$',
      description: 'district, street, community or grid code',
    }),
    departmentCode: Type.String({ minLength: 1 }),
    note: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);

export const DuplicatesQuery = Type.Object({
  radiusM: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
  windowHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 90 })),
});

export const CasePhoto = Type.Object({
  sha256: Type.String(),
  kind: Type.Union([Type.Literal('before'), Type.Literal('after')]),
  mime: Type.String(),
  sizeBytes: Type.Integer(),
  uploadedAt: Timestamp,
  url: Type.String(),
});
export const PhotoQuery = Type.Object({
  kind: Type.Union([Type.Literal('before'), Type.Literal('after')]),
});
export const PhotoParams = Type.Object({ sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }) });

export const KeyAreaBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    geometry: Type.Object(
      { type: Type.String(), coordinates: Type.Array(Type.Unknown()) },
      { description: 'GeoJSON Polygon or MultiPolygon, WGS84' },
    ),
    factor: Type.Number({
      exclusiveMinimum: 0,
      maximum: 1,
      description: 'limit × factor, e.g. 0.5 halves it',
    }),
  },
  { additionalProperties: false },
);
export const KeyPeriodBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    startsAt: Timestamp,
    endsAt: Timestamp,
    factor: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
  },
  { additionalProperties: false },
);
export const LimitFactorParams = Type.Object({
  key: Type.Union([
    Type.Literal('key_class'),
    Type.Literal('area_class:core'),
    Type.Literal('area_class:fringe'),
    Type.Literal('area_class:rural'),
  ]),
});
export const LimitFactorBody = Type.Object(
  { factor: Type.Number({ exclusiveMinimum: 0, maximum: 10 }) },
  { additionalProperties: false },
);
export const AreaClassBody = Type.Object(
  {
    areaClass: Type.Union([
      Type.Literal('core'),
      Type.Literal('fringe'),
      Type.Literal('rural'),
      Type.Null(),
    ]),
  },
  { additionalProperties: false },
);
