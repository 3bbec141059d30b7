import type { Insertable, Selectable } from 'kysely';
import type { CaseActionsTable } from '../schema/database';
import type { Executor } from './executor';

export type CaseActionRow = Selectable<CaseActionsTable>;

export const caseActionRepository = {
  async last(db: Executor, caseId: number): Promise<CaseActionRow | undefined> {
    return db
      .selectFrom('case_actions')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  async append(db: Executor, row: Insertable<CaseActionsTable>): Promise<void> {
    await db.insertInto('case_actions').values(row).execute();
  },

  async forCase(db: Executor, caseId: number): Promise<CaseActionRow[]> {
    return db
      .selectFrom('case_actions')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('seq')
      .execute();
  },

  /** Case ids with actions, in pages, for verifying the whole chain. */
  async caseIds(db: Executor, afterId: number, limit: number): Promise<number[]> {
    const rows = await db
      .selectFrom('case_actions')
      .select('case_id')
      .distinct()
      .where('case_id', '>', afterId)
      .orderBy('case_id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.case_id);
  },
};
