import { sql, type Selectable } from 'kysely';
import type { AddressPointsTable, CaseRatingsTable } from '../schema/database';
import type { CaseRow } from './case.repository';
import type { Executor } from './executor';

export type AddressPointRow = Selectable<AddressPointsTable>;
export type CaseRatingRow = Selectable<CaseRatingsTable>;

/** A case as the public sees it, with its class. */
export type PublicCaseRow = CaseRow & {
  class_code: string | null;
  class_kind: string | null;
  class_name: string | null;
  class_standard: string | null;
};

export type PublicCaseFilter = {
  caseNumbers?: readonly string[];
  classIds?: readonly number[];
  states?: readonly string[];
  createdFrom?: Date;
  createdTo?: Date;
  districtCode?: string;
  limit: number;
  offset: number;
};

export type PublicActionRow = {
  id: number;
  case_id: number;
  case_number: string;
  action: string;
  to_state: string;
  at: Date;
  closure_type: string | null;
  void_type: string | null;
};

export const publicCaseRepository = {
  /** Non-draft cases for public feeds, newest first, with the total before paging. */
  async list(
    db: Executor,
    filter: PublicCaseFilter,
  ): Promise<{ rows: PublicCaseRow[]; total: number }> {
    let query = db
      .selectFrom('cases as c')
      .leftJoin('case_classes as k', 'k.id', 'c.class_id')
      .where('c.state', '<>', 'DRAFT');
    if (filter.caseNumbers) query = query.where('c.case_number', 'in', [...filter.caseNumbers]);
    if (filter.classIds) query = query.where('c.class_id', 'in', [...filter.classIds]);
    if (filter.states) query = query.where('c.state', 'in', [...filter.states]);
    if (filter.createdFrom) query = query.where('c.created_at', '>=', filter.createdFrom);
    if (filter.createdTo) query = query.where('c.created_at', '<=', filter.createdTo);
    if (filter.districtCode) query = query.where('c.district_code', '=', filter.districtCode);
    const { n } = await query
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await query
      .selectAll('c')
      .select([
        'k.code as class_code',
        'k.kind as class_kind',
        'k.name as class_name',
        'k.standard as class_standard',
      ])
      .orderBy('c.created_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
    return { rows, total: Number(n) };
  },

  /** The latest disposal deadline of each case (the Open311 expected_datetime). */
  async disposeDeadlines(db: Executor, caseIds: readonly number[]): Promise<Map<number, Date>> {
    if (caseIds.length === 0) return new Map();
    const rows = await db
      .selectFrom('case_timers')
      .select(['case_id', 'due_at'])
      .where('case_id', 'in', [...caseIds])
      .where('step', '=', 'dispose')
      .where('due_at', 'is not', null)
      .orderBy('id')
      .execute();
    const result = new Map<number, Date>();
    for (const row of rows) if (row.due_at) result.set(row.case_id, row.due_at);
    return result;
  },

  async organisationNames(db: Executor, ids: readonly number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('id', 'in', [...ids])
      .execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  },

  async caseNumbers(db: Executor, ids: readonly number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('cases')
      .select(['id', 'case_number'])
      .where('id', 'in', [...ids])
      .execute();
    return new Map(rows.map((r) => [r.id, r.case_number]));
  },

  /** Log rows of the given actions for several cases, in order. */
  async actionsOf(
    db: Executor,
    caseIds: readonly number[],
    actions: readonly string[],
  ): Promise<{ id: number; case_id: number; action: string; to_state: string; at: Date }[]> {
    if (caseIds.length === 0) return [];
    return db
      .selectFrom('case_actions')
      .select(['id', 'case_id', 'action', 'to_state', 'at'])
      .where('case_id', 'in', [...caseIds])
      .where('action', 'in', [...actions])
      .orderBy('case_id')
      .orderBy('seq')
      .execute();
  },

  async findByTrackingCode(db: Executor, code: string): Promise<CaseRow | undefined> {
    return db.selectFrom('cases').selectAll().where('tracking_code', '=', code).executeTakeFirst();
  },

  /** Log rows of the given actions in a time window, oldest first, across non-draft cases. */
  async actionsBetween(
    db: Executor,
    filter: {
      actions: readonly string[];
      from: Date;
      to: Date;
      districtCode?: string;
      limit: number;
    },
  ): Promise<PublicActionRow[]> {
    let query = db
      .selectFrom('case_actions as a')
      .innerJoin('cases as c', 'c.id', 'a.case_id')
      .where('a.action', 'in', [...filter.actions])
      .where('a.at', '>=', filter.from)
      .where('a.at', '<=', filter.to)
      .where('c.state', '<>', 'DRAFT');
    if (filter.districtCode) query = query.where('c.district_code', '=', filter.districtCode);
    return query
      .select([
        'a.id',
        'a.case_id',
        'c.case_number',
        'a.action',
        'a.to_state',
        'a.at',
        'c.closure_type',
        'c.void_type',
      ])
      .orderBy('a.at')
      .orderBy('a.id')
      .limit(filter.limit)
      .execute();
  },

  /** The time of the last change to any case (for Open311 discovery's changeset). */
  async lastChange(db: Executor): Promise<Date | null> {
    const row = await db
      .selectFrom('cases')
      .select((eb) => eb.fn.max('updated_at').as('at'))
      .executeTakeFirst();
    return row?.at ? new Date(row.at) : null;
  },

  async districtsWithGrids(db: Executor): Promise<string[]> {
    const rows = await db.selectFrom('unit_grids').select('district_code').distinct().execute();
    return rows.map((r) => r.district_code).sort();
  },

  async setTrackingCode(db: Executor, caseId: number, code: string): Promise<void> {
    await db.updateTable('cases').set({ tracking_code: code }).where('id', '=', caseId).execute();
  },

  async rating(db: Executor, caseId: number): Promise<CaseRatingRow | undefined> {
    return db
      .selectFrom('case_ratings')
      .selectAll()
      .where('case_id', '=', caseId)
      .executeTakeFirst();
  },

  /** Stores a rating once; returns false when the case already has one. */
  async insertRating(db: Executor, row: CaseRatingRow): Promise<boolean> {
    const result = await db
      .insertInto('case_ratings')
      .values(row)
      .onConflict((oc) => oc.column('case_id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  },
};

export const addressPointRepository = {
  async upsertMany(db: Executor, rows: readonly AddressPointRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      await db
        .insertInto('address_points')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            address: eb.ref('excluded.address'),
            lng: eb.ref('excluded.lng'),
            lat: eb.ref('excluded.lat'),
            grid_code: eb.ref('excluded.grid_code'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
  },

  async findById(db: Executor, id: string): Promise<AddressPointRow | undefined> {
    return db.selectFrom('address_points').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The longest address point contained in the text (or equal to it). */
  async longestContainedIn(db: Executor, text: string): Promise<AddressPointRow | undefined> {
    return db
      .selectFrom('address_points')
      .selectAll()
      .where(sql<boolean>`strpos(${text}, address) > 0`)
      .orderBy(sql`length(address)`, 'desc')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
  },

  async count(db: Executor): Promise<number> {
    const { n } = await db
      .selectFrom('address_points')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  },
};
