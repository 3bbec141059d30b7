import type { Executor } from './executor';

export type AuditEntry = {
  at: Date;
  actorUserId: number | null;
  action: string;
  entity: string;
  entityId: string | null;
  detail?: Record<string, unknown>;
};

export const adminAuditRepository = {
  async append(db: Executor, entry: AuditEntry): Promise<void> {
    await db
      .insertInto('admin_audit')
      .values({
        at: entry.at,
        actor_user_id: entry.actorUserId,
        action: entry.action,
        entity: entry.entity,
        entity_id: entry.entityId,
        detail: JSON.stringify(entry.detail ?? {}),
      })
      .execute();
  },

  async list(db: Executor, filter: { entity?: string; entityId?: string; limit: number }) {
    let query = db.selectFrom('admin_audit').selectAll();
    if (filter.entity) query = query.where('entity', '=', filter.entity);
    if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
    return query.orderBy('id', 'desc').limit(filter.limit).execute();
  },
};
