import { sql, type Insertable, type Selectable } from 'kysely';
import type { SupervisionRulesTable, SupervisionSlipsTable } from '../schema/database';
import type { Executor } from './executor';
import { assignedToAny } from './department-filter';

export type SlipRow = Selectable<SupervisionSlipsTable>;
export type SupervisionRuleRow = Selectable<SupervisionRulesTable>;

export const supervisionRepository = {
  async rules(db: Executor): Promise<SupervisionRuleRow[]> {
    return db.selectFrom('supervision_rules').selectAll().orderBy('kind').execute();
  },

  async updateRule(db: Executor, rule: SupervisionRuleRow): Promise<void> {
    await db
      .updateTable('supervision_rules')
      .set({ enabled: rule.enabled, steps: rule.steps, overtime_share: rule.overtime_share })
      .where('kind', '=', rule.kind)
      .execute();
  },

  /** Inserts a slip; an automatic one that already exists for its timer and kind is skipped. */
  async insert(db: Executor, slip: Insertable<SupervisionSlipsTable>): Promise<number | undefined> {
    return (await supervisionRepository.insertMany(db, [slip]))[0]?.id;
  },

  /**
   * Inserts several slips in one statement; an automatic slip a timer already has is skipped.
   * Returns the inserted slips' ids with their timers.
   */
  async insertMany(
    db: Executor,
    slips: readonly Insertable<SupervisionSlipsTable>[],
  ): Promise<{ id: number; timer_id: number | null; case_id: number }[]> {
    if (slips.length === 0) return [];
    return db
      .insertInto('supervision_slips')
      .values([...slips])
      .onConflict((oc) =>
        oc
          .columns(['timer_id', 'kind'])
          .where(sql<boolean>`origin = 'auto'`)
          .doNothing(),
      )
      .returning(['id', 'timer_id', 'case_id'])
      .execute();
  },

  async findById(db: Executor, id: number): Promise<SlipRow | undefined> {
    return db.selectFrom('supervision_slips').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async forCase(db: Executor, caseId: number): Promise<SlipRow[]> {
    return db
      .selectFrom('supervision_slips')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute();
  },

  async list(
    db: Executor,
    filter: {
      regionPrefix?: string;
      departmentIds?: readonly number[];
      unansweredOnly?: boolean;
      limit: number;
      offset: number;
    },
  ) {
    let query = db.selectFrom('supervision_slips');
    if (filter.regionPrefix) {
      const prefix = filter.regionPrefix;
      query = query.where('case_id', 'in', (eb) =>
        eb.selectFrom('cases').select('id').where('grid_code', 'like', `${prefix}%`),
      );
    }
    if (filter.departmentIds) query = query.where(assignedToAny(filter.departmentIds));
    if (filter.unansweredOnly) query = query.where('replied_at', 'is', null);
    const total = await query
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await query
      .selectAll()
      .orderBy('id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
    return { rows, total: total.n };
  },

  async reply(
    db: Executor,
    id: number,
    reply: { text: string; userId: number | null; at: Date },
  ): Promise<boolean> {
    const result = await db
      .updateTable('supervision_slips')
      .set({ reply: reply.text, replied_by: reply.userId, replied_at: reply.at })
      .where('id', '=', id)
      .where('replied_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Overdue running timers of these steps that have no warning slip yet. */
  /**
   * Overdue running timers of `steps` not yet warned whose look is due (`warning_check_at`,
   * set when they turn red and moved on by the sweep), oldest look first.
   */
  async overdueWithoutWarning(db: Executor, steps: readonly string[], limit: number, now: Date) {
    if (steps.length === 0) return [];
    return db
      .selectFrom('case_timers as t')
      .selectAll('t')
      .where('t.status', '=', 'running')
      .where('t.red_at', 'is not', null)
      .where('t.warned_at', 'is', null)
      .where('t.warning_check_at', '<=', now)
      .where('t.step', 'in', steps)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('supervision_slips as s')
              .select('s.id')
              .whereRef('s.timer_id', '=', 't.id')
              .where('s.kind', '=', 'warning')
              .where('s.origin', '=', 'auto'),
          ),
        ),
      )
      .orderBy('t.warning_check_at')
      .limit(limit)
      .execute();
  },
};
