import { Type, type Static } from '@sinclair/typebox';
import { Nullable, Timestamp } from './common.schema';

export const RoleName = Type.Union(
  [
    Type.Literal('supervisor'),
    Type.Literal('operator'),
    Type.Literal('shift_leader'),
    Type.Literal('dispatcher'),
    Type.Literal('department_handler'),
    Type.Literal('commander'),
    Type.Literal('leader'),
    Type.Literal('admin'),
  ],
  { description: '监督员/受理员/值班长/派遣员/专业部门/指挥长/领导/管理员' },
);

export const ScopeOut = Type.Union([
  Type.Object({ kind: Type.Literal('all') }),
  Type.Object({ kind: Type.Literal('region'), divisionCode: Type.String() }),
  Type.Object({ kind: Type.Literal('department'), organisationId: Type.Integer() }),
]);

export const ScopeIn = Type.Union([
  Type.Object({ kind: Type.Literal('all') }),
  Type.Object({
    kind: Type.Literal('region'),
    divisionCode: Type.String({ pattern: '^[0-9]{6}([0-9]{3}){0,2}$' }),
  }),
  Type.Object({
    kind: Type.Literal('department'),
    organisationCode: Type.String({ minLength: 1 }),
  }),
]);

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const Me = Type.Object({
  userId: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleName),
  scope: ScopeOut,
  organisationId: Nullable(Type.Integer()),
  via: Type.Union([Type.Literal('session'), Type.Literal('token'), Type.Literal('system')]),
});

export const LoginResponse = Type.Object({ user: Me, expiresAt: Timestamp });

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1 }),
    newPassword: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const User = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Type.String()),
  organisationId: Nullable(Type.Integer()),
  scopeKind: Type.String(),
  scopeDivisionCode: Nullable(Type.String()),
  scopeOrganisationId: Nullable(Type.Integer()),
  phone: Nullable(Type.String()),
  active: Type.Boolean(),
  lastLoginAt: Nullable(Timestamp),
  createdAt: Timestamp,
});

export const CreateUserBody = Type.Object(
  {
    username: Type.String({ pattern: '^[A-Za-z0-9_.@-]{2,64}$' }),
    displayName: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    roles: Type.Array(RoleName, { minItems: 1, maxItems: 8 }),
    organisationCode: Type.Optional(Nullable(Type.String())),
    scope: ScopeIn,
    phone: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    roles: Type.Optional(Type.Array(RoleName, { minItems: 1, maxItems: 8 })),
    organisationCode: Type.Optional(
      Nullable(Type.String({ minLength: 1, description: 'null: no organisation' })),
    ),
    scope: Type.Optional(ScopeIn),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    active: Type.Optional(Type.Boolean()),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const UsersQuery = Type.Object({
  q: Type.Optional(
    Type.String({ minLength: 1, maxLength: 100, description: 'part of the username or name' }),
  ),
  role: Type.Optional(RoleName),
  organisationId: Type.Optional(Type.Integer({ minimum: 1 })),
  active: Type.Optional(Type.Boolean()),
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
});

export const Organisation = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.Union([Type.Literal('centre'), Type.Literal('department')]),
  level: Type.String({ description: 'centre: city|district|street; department: first|second' }),
  parentId: Nullable(Type.Integer()),
  divisionCode: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  active: Type.Boolean(),
});

export const CreateOrganisationBody = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,40}$' }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    kind: Type.Union([Type.Literal('centre'), Type.Literal('department')]),
    level: Type.Union([
      Type.Literal('city'),
      Type.Literal('district'),
      Type.Literal('street'),
      Type.Literal('first'),
      Type.Literal('second'),
    ]),
    parentCode: Type.Optional(Nullable(Type.String())),
    divisionCode: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{6}([0-9]{3}){0,2}$' }))),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  },
  { additionalProperties: false },
);

export const UpdateOrganisationBody = Type.Object(
  {
    code: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.-]{1,40}$' })),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    kind: Type.Optional(
      Type.Union([Type.Literal('centre'), Type.Literal('department')], {
        description: 'only while nothing refers to the organisation as a department or centre',
      }),
    ),
    level: Type.Optional(
      Type.Union([
        Type.Literal('city'),
        Type.Literal('district'),
        Type.Literal('street'),
        Type.Literal('first'),
        Type.Literal('second'),
      ]),
    ),
    parentCode: Type.Optional(Nullable(Type.String({ minLength: 1 }))),
    divisionCode: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{6}([0-9]{3}){0,2}$' }))),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ApiToken = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  prefix: Type.String({ description: 'First characters of the secret, to recognise it' }),
  userId: Type.Integer(),
  createdAt: Timestamp,
  expiresAt: Nullable(Timestamp),
  lastUsedAt: Nullable(Timestamp),
  revokedAt: Nullable(Timestamp),
});

export const CreateApiTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    username: Type.String({ minLength: 1, description: 'The (service) user the token acts as' }),
    expiresAt: Type.Optional(Nullable(Timestamp)),
  },
  { additionalProperties: false },
);

export const CreatedApiToken = Type.Object({
  token: Type.String({
    description: 'The secret: shown once, send as Authorization: Bearer <token>',
  }),
  apiToken: ApiToken,
});

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
