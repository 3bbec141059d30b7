import { Type } from '@sinclair/typebox';
import { Nullable, Timestamp } from './common.schema';

export const AdminAuditQuery = Type.Object({
  entity: Type.Optional(
    Type.String({ pattern: '^[a-z_]{1,40}$', description: 'e.g. user, organisation, webhook' }),
  ),
  entityId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  actor: Type.Optional(Type.Integer({ minimum: 1, description: 'the acting user id' })),
  action: Type.Optional(Type.String({ pattern: '^[a-z_]{1,40}$' })),
  from: Type.Optional(Timestamp),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'exclusive' })),
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
});

export const AdminAuditEntry = Type.Object({
  id: Type.Integer(),
  at: Timestamp,
  actor: Nullable(
    Type.Object(
      { id: Type.Integer(), username: Type.String(), displayName: Type.String() },
      { description: 'null: the built-in system administrator (CLI, demo seed)' },
    ),
  ),
  action: Type.String(),
  entity: Type.String(),
  entityId: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
});
