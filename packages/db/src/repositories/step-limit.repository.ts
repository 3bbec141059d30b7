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
};
