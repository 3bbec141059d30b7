import type { Executor } from './executor';

export type AuditEntry = {
  at: Date;
  actorUserId: number | null;
  action: string;
  entity: string;
  entityId: string | null;
  detail?: Record<string, unknown>;
};

export type AuditRow = {
  id: number;
  at: Date;
  actor_user_id: number | null;
  actor_username: string | null;
  actor_display_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: Record<string, unknown>;
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

  /** Newest first, with the acting user's name (null actor: the built-in system administrator). */
  async list(
    db: Executor,
    filter: {
      entity?: string;
      entityId?: string;
      actorUserId?: number;
      action?: string;
      from?: Date;
      to?: Date;
      limit: number;
      offset?: number;
    },
  ): Promise<{ rows: AuditRow[]; total: number }> {
    let query = db.selectFrom('admin_audit as a');
    if (filter.entity) query = query.where('a.entity', '=', filter.entity);
    if (filter.entityId) query = query.where('a.entity_id', '=', filter.entityId);
    if (filter.actorUserId !== undefined)
      query = query.where('a.actor_user_id', '=', filter.actorUserId);
    if (filter.action) query = query.where('a.action', '=', filter.action);
    if (filter.from) query = query.where('a.at', '>=', filter.from);
    if (filter.to) query = query.where('a.at', '<', filter.to);
    const total = await query
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await query
      .leftJoin('users as u', 'u.id', 'a.actor_user_id')
      .select([
        'a.id',
        'a.at',
        'a.actor_user_id',
        'u.username as actor_username',
        'u.display_name as actor_display_name',
        'a.action',
        'a.entity',
        'a.entity_id',
        'a.detail',
      ])
      .orderBy('a.at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset ?? 0)
      .execute();
    return { rows, total: Number(total.n) };
  },
};
