import type { Insertable, Selectable } from 'kysely';
import type { PatrolPointsTable, PatrolShiftsTable } from '../schema/database';
import type { Executor } from './executor';

export type PatrolShiftRow = Selectable<PatrolShiftsTable>;
export type PatrolPointRow = Selectable<PatrolPointsTable>;

export const patrolRepository = {
  async openShift(db: Executor, userId: number): Promise<PatrolShiftRow | undefined> {
    return db
      .selectFrom('patrol_shifts')
      .selectAll()
      .where('user_id', '=', userId)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
  },

  async startShift(db: Executor, row: Insertable<PatrolShiftsTable>): Promise<PatrolShiftRow> {
    return db.insertInto('patrol_shifts').values(row).returningAll().executeTakeFirstOrThrow();
  },

  async endShift(db: Executor, id: number, at: Date): Promise<PatrolShiftRow> {
    return db
      .updateTable('patrol_shifts')
      .set({ ended_at: at })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async shiftsBetween(db: Executor, userId: number, from: Date, to: Date) {
    return db
      .selectFrom('patrol_shifts')
      .selectAll()
      .where('user_id', '=', userId)
      .where('started_at', '<', to)
      .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>=', from)]))
      .orderBy('started_at')
      .execute();
  },

  /** Inserts positions; ones already recorded (same user and time) are skipped. */
  async insertPoints(
    db: Executor,
    rows: readonly Insertable<PatrolPointsTable>[],
  ): Promise<number> {
    if (rows.length === 0) return 0;
    const result = await db
      .insertInto('patrol_points')
      .values([...rows])
      .onConflict((oc) => oc.columns(['user_id', 'at']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n);
  },

  async pointsBetween(
    db: Executor,
    filter: { userId?: number; from: Date; to: Date; gridPrefix?: string },
  ): Promise<PatrolPointRow[]> {
    let query = db
      .selectFrom('patrol_points')
      .selectAll()
      .where('at', '>=', filter.from)
      .where('at', '<', filter.to);
    if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
    if (filter.gridPrefix) query = query.where('grid_code', 'like', `${filter.gridPrefix}%`);
    return query.orderBy('user_id').orderBy('at').execute();
  },

  /** Unit grids of the responsibility grids a supervisor patrols, with their geometry. */
  async gridsOfSupervisor(db: Executor, userId: number) {
    return db
      .selectFrom('responsibility_grid_supervisors as s')
      .innerJoin('responsibility_grids as r', 'r.code', 's.responsibility_grid_code')
      .innerJoin('unit_grids as g', 'g.responsibility_grid_code', 'r.code')
      .select([
        'g.code',
        'g.name',
        'g.geometry',
        'r.code as responsibility_grid_code',
        'r.name as responsibility_grid_name',
      ])
      .where('s.user_id', '=', userId)
      .orderBy('g.code')
      .execute();
  },
};
