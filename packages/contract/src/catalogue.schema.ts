import { Type } from '@sinclair/typebox';
import { Nullable } from './common.schema';
import { LimitUnitSchema } from './calendar.schema';

export const StandardName = Type.Union([
  Type.Literal('GB/T 47678.5-2026'),
  Type.Literal('CJ/T 214-2007'),
  Type.Literal('local'),
]);
export const ClassKind = Type.Union([
  Type.Literal('component'),
  Type.Literal('matter'),
  Type.Literal('event'),
]);
export const Urgency = Type.Union([Type.Literal('normal'), Type.Literal('urgent')]);

export const ClassRule = Type.Object({
  conditionCode: Type.String(),
  urgency: Urgency,
  filingCondition: Type.String({ description: '立案条件' }),
  closingCondition: Type.String({ description: '结案条件' }),
  limitValue: Type.Integer(),
  limitUnit: LimitUnitSchema,
  departmentId: Nullable(Type.Integer()),
});

export const CaseClass = Type.Object({
  id: Type.Integer(),
  standard: StandardName,
  kind: ClassKind,
  bigCode: Type.String(),
  bigName: Type.String(),
  code: Type.String(),
  name: Type.String(),
  keySupervision: Type.Boolean({ description: '重点监管' }),
  defaultDepartmentId: Nullable(Type.Integer()),
  active: Type.Boolean(),
  rules: Type.Array(ClassRule),
});

export const ClassesQuery = Type.Object({
  standard: Type.Optional(
    Type.Union([StandardName, Type.Literal('gbt2026'), Type.Literal('legacy')]),
  ),
  kind: Type.Optional(ClassKind),
  bigCode: Type.Optional(Type.String({ pattern: '^[0-9]{2}$' })),
  q: Type.Optional(Type.String({ maxLength: 50 })),
  keySupervision: Type.Optional(Type.Boolean()),
});

export const ClassIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const ClassRuleParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  conditionCode: Type.String({ pattern: '^[a-z0-9_-]{1,40}$' }),
  urgency: Urgency,
});

export const UpdateClassBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    keySupervision: Type.Optional(Type.Boolean()),
    defaultDepartmentCode: Type.Optional(Nullable(Type.String())),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const PutClassRuleBody = Type.Object(
  {
    filingCondition: Type.String({ minLength: 1, maxLength: 500 }),
    closingCondition: Type.String({ minLength: 1, maxLength: 500 }),
    limitValue: Type.Integer({ minimum: 1, maximum: 100000 }),
    limitUnit: LimitUnitSchema,
    departmentCode: Type.Optional(Nullable(Type.String())),
  },
  { additionalProperties: false },
);

export const CreateLocalClassBody = Type.Object(
  {
    kind: ClassKind,
    bigCode: Type.String({ pattern: '^[0-9]{2}$' }),
    bigName: Type.String({ minLength: 1, maxLength: 50 }),
    code: Type.String({ pattern: '^[0-9]{4,5}$' }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
  },
  { additionalProperties: false },
);

export const ClassMapping = Type.Object({
  legacy: Type.Object({
    id: Type.Integer(),
    code: Type.String(),
    kind: Type.String(),
    name: Type.String(),
  }),
  current: Type.Object({
    id: Type.Integer(),
    code: Type.String(),
    kind: Type.String(),
    name: Type.String(),
  }),
  note: Nullable(Type.String()),
});
