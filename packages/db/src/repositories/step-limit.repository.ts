import type { Selectable } from 'kysely';
import type { StepLimitsTable } from '../schema/database';
import type { Executor } from './executor';

export type StepLimitRow = Selectable<StepLimitsTable>;

export const stepLimitRepository = {
  async all(db: Executor): Promise<StepLimitRow[]> {
    return db.selectFrom('step_limits').selectAll().orderBy('step').orderBy('urgency').execute();
  },

  async find(
    db: Executor,
    step: string,
    urgency: 'normal' | 'urgent',
  ): Promise<StepLimitRow | undefined> {
    return db
      .selectFrom('step_limits')
      .selectAll()
      .where('step', '=', step)
      .where('urgency', '=', urgency)
      .executeTakeFirst();
  },

  async upsert(db: Executor, row: StepLimitRow): Promise<void> {
    await db
      .insertInto('step_limits')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['step', 'urgency']).doUpdateSet((eb) => ({
          limit_value: eb.ref('excluded.limit_value'),
          limit_unit: eb.ref('excluded.limit_unit'),
        })),
      )
      .execute();
  },
};
