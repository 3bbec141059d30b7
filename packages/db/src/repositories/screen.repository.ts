import { sql } from 'kysely';
import type { Executor } from './executor';

/** Counts for the command big screen (大屏), each within an optional region prefix. */
export const screenRepository = {
  /** Open cases by their light as of the last sweep (0 green, 1 yellow, 2 red), and key ones. */
  async openByLight(db: Executor, regionPrefix?: string) {
    let q = db
      .selectFrom('cases as c')
      .where('c.state', 'not in', ['DRAFT', 'CLOSED', 'VOID'])
      .select([
        sql<number>`coalesce((
          select max(case when t.red_at is not null then 2 when t.yellow_at is not null then 1 else 0 end)
          from case_timers t where t.case_id = c.id and t.status = 'running'
        ), 0)`.as('severity'),
        sql<string>`count(*)`.as('n'),
        sql<string>`count(*) filter (where c.key_supervision)`.as('key'),
      ])
      .groupBy('severity');
    if (regionPrefix) q = q.where('c.grid_code', 'like', `${regionPrefix}%`);
    const rows = await q.execute();
    return rows.map((r) => ({ severity: Number(r.severity), n: Number(r.n), key: Number(r.key) }));
  },

  /** Supervisors on shift now (clocked in, not out), within a region by their last point. */
  async supervisorsOnShift(db: Executor, regionPrefix?: string): Promise<number> {
    let q = db
      .selectFrom('patrol_shifts as s')
      .where('s.ended_at', 'is', null)
      .select(sql<string>`count(distinct s.user_id)`.as('n'));
    if (regionPrefix)
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('patrol_points as p')
            .select('p.id')
            .whereRef('p.shift_id', '=', 's.id')
            .where('p.grid_code', 'like', `${regionPrefix}%`),
        ),
      );
    return Number((await q.executeTakeFirst())?.n ?? 0);
  },

  /**
   * Facts of some kinds per local day (China time) in a window: the trend lines. Case-level facts
   * only (department null), so a case counts once.
   */
  async dailyFacts(
    db: Executor,
    filter: { kinds: readonly string[]; from: Date; to: Date; regionPrefix?: string },
  ) {
    let q = db
      .selectFrom('evaluation_facts')
      .where('kind', 'in', [...filter.kinds])
      .where('department_id', 'is', null)
      .where('at', '>=', filter.from)
      .where('at', '<', filter.to)
      .select([
        sql<string>`to_char(at + interval '8 hours', 'YYYY-MM-DD')`.as('day'),
        'kind',
        sql<string>`count(*)`.as('n'),
        sql<string>`count(*) filter (where on_time)`.as('on_time'),
      ])
      .groupBy([sql`to_char(at + interval '8 hours', 'YYYY-MM-DD')`, 'kind']);
    if (filter.regionPrefix) q = q.where('grid_code', 'like', `${filter.regionPrefix}%`);
    const rows = await q.execute();
    return rows.map((r) => ({
      day: r.day,
      kind: r.kind,
      n: Number(r.n),
      onTime: Number(r.on_time),
    }));
  },

  /** Outbox events after an id, oldest first (the live feed reads these). */
  async eventsAfter(db: Executor, afterId: number, limit: number) {
    return db
      .selectFrom('outbox_events')
      .select(['id', 'case_id', 'type', 'created_at'])
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
  },

  async lastEventId(db: Executor): Promise<number> {
    const row = await db
      .selectFrom('outbox_events')
      .select(sql<string>`coalesce(max(id), 0)`.as('id'))
      .executeTakeFirst();
    return Number(row?.id ?? 0);
  },
};
