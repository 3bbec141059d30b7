import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { CaseTimersTable } from '../schema/database';
import type { Executor } from './executor';
import { assignedToAny } from './department-filter';

export type CaseTimerRow = Selectable<CaseTimersTable>;

export const caseTimerRepository = {
  async insert(db: Executor, row: Insertable<CaseTimersTable>): Promise<void> {
    await db.insertInto('case_timers').values(row).execute();
  },

  /** The case's timer that is running or paused (at most one). */
  async active(db: Executor, caseId: number): Promise<CaseTimerRow | undefined> {
    return db
      .selectFrom('case_timers')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('status', 'in', ['running', 'paused'])
      .orderBy('id', 'desc')
      .executeTakeFirst();
  },

  async activeAll(db: Executor, caseId: number): Promise<CaseTimerRow[]> {
    return db
      .selectFrom('case_timers')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('status', 'in', ['running', 'paused'])
      .orderBy('id')
      .execute();
  },

  async activeForCases(db: Executor, caseIds: readonly number[]): Promise<CaseTimerRow[]> {
    if (caseIds.length === 0) return [];
    return db
      .selectFrom('case_timers')
      .selectAll()
      .where('case_id', 'in', caseIds)
      .where('status', 'in', ['running', 'paused'])
      .execute();
  },

  async forCase(db: Executor, caseId: number): Promise<CaseTimerRow[]> {
    return db
      .selectFrom('case_timers')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute();
  },

  async update(db: Executor, id: number, patch: Updateable<CaseTimersTable>): Promise<void> {
    await db.updateTable('case_timers').set(patch).where('id', '=', id).execute();
  },

  /** Cases with a running timer past its deadline, within a region or departments. */
  async countOverdue(
    db: Executor,
    filter: { now: Date; regionPrefix?: string; departmentIds?: readonly number[] },
  ): Promise<number> {
    let query = db
      .selectFrom('case_timers as t')
      .innerJoin('cases as c', 'c.id', 't.case_id')
      .where('t.status', '=', 'running')
      .where('t.due_at', '<', filter.now);
    if (filter.regionPrefix) query = query.where('c.grid_code', 'like', `${filter.regionPrefix}%`);
    if (filter.departmentIds)
      query = query.where(assignedToAny(filter.departmentIds, 'c.department_ids'));
    const row = await query
      .select((eb) => eb.fn.count<number>('t.case_id').distinct().as('n'))
      .executeTakeFirstOrThrow();
    return row.n;
  },

  /** Records that the sweep issued these timers' automatic warnings. */
  async markWarned(db: Executor, ids: readonly number[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await db.updateTable('case_timers').set({ warned_at: at }).where('id', 'in', ids).execute();
  },

  /** Sets when each timer is next worth a look for its warning, in one statement. */
  async deferWarningChecks(
    db: Executor,
    checks: readonly { id: number; at: Date }[],
  ): Promise<void> {
    if (checks.length === 0) return;
    await sql`
      update case_timers t set warning_check_at = v.at
      from unnest(${checks.map((c) => c.id)}::bigint[], ${checks.map((c) => c.at.toISOString())}::timestamptz[]) as v(id, at)
      where t.id = v.id`.execute(db);
  },

  /**
   * Claims running timers that passed their yellow or red point and marks them, each once:
   * the conditional update only succeeds for rows not yet marked, and SKIP LOCKED lets
   * several sweepers share the work.
   */
  async claimCrossed(
    db: Executor,
    kind: 'yellow' | 'red',
    now: Date,
    limit: number,
  ): Promise<CaseTimerRow[]> {
    const column = kind === 'yellow' ? 'warn_at' : 'due_at';
    const marker = kind === 'yellow' ? 'yellow_at' : 'red_at';
    const due = db
      .selectFrom('case_timers')
      .select('id')
      .where('status', '=', 'running')
      .where(marker, 'is', null)
      .where(column, '<=', now)
      .orderBy(column)
      .limit(limit)
      .forUpdate()
      .skipLocked();
    return (
      db
        .updateTable('case_timers')
        // Turning red makes a timer due a look for its warning (the sweep's warning pass).
        .set(kind === 'yellow' ? { yellow_at: now } : { red_at: now, warning_check_at: now })
        .where('id', 'in', due)
        .where(marker, 'is', null)
        .returningAll()
        .execute()
    );
  },
};
