import {
  sql,
  type ExpressionBuilder,
  type Insertable,
  type Selectable,
  type Updateable,
} from 'kysely';
import type { CasesTable, Database } from '../schema/database';
import type { Executor } from './executor';
import { assignedToAny } from './department-filter';

export type CaseRow = Selectable<CasesTable>;
export type NewCase = Insertable<CasesTable>;
export type CasePatch = Updateable<CasesTable>;

export type CaseListFilter = {
  states?: readonly string[];
  regionPrefix?: string;
  departmentIds?: readonly number[];
  source?: string;
  gridCode?: string;
  classId?: number;
  q?: string;
  createdFrom?: Date;
  createdTo?: Date;
  reporterUserId?: number;
  keySupervision?: boolean;
  /** Assigned to this department (the same array test as department scopes). */
  departmentId?: number;
  /** The light as of the last SLA sweep: red or yellow marks on a running timer, else green. */
  light?: 'green' | 'yellow' | 'red';
  sort?: 'newest' | 'oldest' | 'due';
  limit: number;
  offset: number;
};

const CASE_NUMBER = /^[0-9]{6}-[0-9]{8}-[0-9]{5}$/;

/**
 * Cases whose description, address or number contains `q`. A whole case number is looked up by
 * its index; words go through the bigram index (case_search, migration 0018) and are then checked
 * with LIKE; digits only, or one character, fall back to scanning with LIKE.
 */
function matchingText(q: string) {
  const like = `%${q}%`;
  return (eb: ExpressionBuilder<Database, 'cases'>) => {
    if (CASE_NUMBER.test(q)) return eb('case_number', '=', q);
    const words = eb.or([eb('description', 'like', like), eb('address', 'like', like)]);
    if (q.length < 2 || /^[0-9 ./:,-]*$/.test(q))
      return eb.or([words, eb('case_number', 'like', like)]);
    return eb.and([
      eb(
        'id',
        'in',
        eb
          .selectFrom('case_search')
          .select('case_id')
          .where(sql<boolean>`bigrams @> case_search_bigrams(${q})`),
      ),
      words,
    ]);
  };
}

export const caseRepository = {
  /** The next number of the day for a district: concurrency-safe through one upsert. */
  /**
   * Lets the current transaction commit without waiting for its WAL flush. Only for the
   * case-number counter: a case using the number commits later and its own (synchronous) commit
   * flushes all earlier WAL, the counter's included, so a crash can lose only unused numbers.
   */
  async commitWithoutFlush(db: Executor): Promise<void> {
    await sql`set local synchronous_commit = off`.execute(db);
  },

  async nextNumber(db: Executor, districtCode: string, day: string): Promise<number> {
    const row = await db
      .insertInto('case_number_counters')
      .values({ district_code: districtCode, day, last_value: 1 })
      .onConflict((oc) =>
        oc
          .columns(['district_code', 'day'])
          .doUpdateSet((eb) => ({ last_value: eb('case_number_counters.last_value', '+', 1) })),
      )
      .returning('last_value')
      .executeTakeFirstOrThrow();
    return row.last_value;
  },

  /** Inserts a case and returns its row as written. */
  async insert(db: Executor, row: NewCase): Promise<CaseRow> {
    return db.insertInto('cases').values(row).returningAll().executeTakeFirstOrThrow();
  },

  async findById(db: Executor, id: number): Promise<CaseRow | undefined> {
    return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async findByIds(db: Executor, ids: readonly number[]): Promise<CaseRow[]> {
    if (ids.length === 0) return [];
    return db
      .selectFrom('cases')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute();
  },

  async findByNumber(db: Executor, caseNumber: string): Promise<CaseRow | undefined> {
    return db
      .selectFrom('cases')
      .selectAll()
      .where('case_number', '=', caseNumber)
      .executeTakeFirst();
  },

  /** Reads the case and locks its row until the transaction ends. */
  async lock(db: Executor, id: number): Promise<CaseRow | undefined> {
    return db.selectFrom('cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  /** Writes the case only if it still has `version`; returns false when someone else won. */
  async updateIfVersion(
    db: Executor,
    id: number,
    version: number,
    patch: CasePatch,
  ): Promise<boolean> {
    return (await caseRepository.updatedIfVersion(db, id, version, patch)) !== undefined;
  },

  /** As `updateIfVersion`, returning the row as updated (undefined when the version moved on). */
  async updatedIfVersion(
    db: Executor,
    id: number,
    version: number,
    patch: CasePatch,
  ): Promise<CaseRow | undefined> {
    return db
      .updateTable('cases')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  async list(db: Executor, filter: CaseListFilter): Promise<{ rows: CaseRow[]; total: number }> {
    let query = db.selectFrom('cases');
    if (filter.states) {
      if (filter.states.length === 0) return { rows: [], total: 0 };
      query = query.where('state', 'in', filter.states);
    }
    if (filter.regionPrefix) query = query.where('grid_code', 'like', `${filter.regionPrefix}%`);
    if (filter.departmentIds) {
      const ids = filter.departmentIds;
      query = query.where(assignedToAny(ids));
    }
    if (filter.source) query = query.where('source', '=', filter.source);
    if (filter.gridCode) query = query.where('grid_code', '=', filter.gridCode);
    if (filter.classId) query = query.where('class_id', '=', filter.classId);
    if (filter.createdFrom) query = query.where('created_at', '>=', filter.createdFrom);
    if (filter.createdTo) query = query.where('created_at', '<', filter.createdTo);
    if (filter.reporterUserId !== undefined)
      query = query.where('reporter_user_id', '=', filter.reporterUserId);
    if (filter.keySupervision !== undefined)
      query = query.where('key_supervision', '=', filter.keySupervision);
    if (filter.departmentId !== undefined)
      query = query.where(assignedToAny([filter.departmentId]));
    if (filter.light) {
      const marked = (column: 'red_at' | 'yellow_at') =>
        sql<boolean>`exists (select 1 from case_timers t where t.case_id = cases.id and t.status = 'running' and t.${sql.ref(column)} is not null)`;
      if (filter.light === 'red') query = query.where(marked('red_at'));
      else if (filter.light === 'yellow')
        query = query.where(marked('yellow_at')).where(sql<boolean>`not ${marked('red_at')}`);
      else
        query = query
          .where('state', 'not in', ['DRAFT', 'CLOSED', 'VOID'])
          .where(sql<boolean>`not ${marked('yellow_at')}`)
          .where(sql<boolean>`not ${marked('red_at')}`);
    }
    if (filter.q) query = query.where(matchingText(filter.q));
    const total = await query
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const sorted =
      filter.sort === 'oldest'
        ? query.selectAll().orderBy('id', 'asc')
        : filter.sort === 'due'
          ? query
              .selectAll()
              .orderBy(
                sql`(select min(t.due_at) from case_timers t where t.case_id = cases.id and t.status = 'running')`,
                (ob) => ob.asc().nullsLast(),
              )
              .orderBy('id', 'desc')
          : query.selectAll().orderBy('id', 'desc');
    const rows = await sorted.limit(filter.limit).offset(filter.offset).execute();
    return { rows, total: total.n };
  },

  /** Open cases near a point (bounding box; the caller measures exact distance). */
  async openNear(
    db: Executor,
    near: {
      bbox: [number, number, number, number];
      /** The grids the bbox touches, when known: found through the grid index. */
      gridCodes?: readonly string[];
      since: Date;
      classId: number | null;
      excludeId: number;
      terminal: readonly string[];
    },
  ): Promise<CaseRow[]> {
    const [minLng, minLat, maxLng, maxLat] = near.bbox;
    let query = db
      .selectFrom('cases')
      .selectAll()
      .where('id', '<>', near.excludeId)
      .where('state', 'not in', near.terminal)
      .where('created_at', '>=', near.since)
      .where('lng', '>=', minLng)
      .where('lng', '<=', maxLng)
      .where('lat', '>=', minLat)
      .where('lat', '<=', maxLat);
    if (near.classId !== null) query = query.where('class_id', '=', near.classId);
    if (near.gridCodes && near.gridCodes.length > 0)
      query = query.where('grid_code', 'in', near.gridCodes);
    return query.orderBy('created_at').limit(50).execute();
  },

  async children(db: Executor, parentId: number): Promise<CaseRow[]> {
    return db
      .selectFrom('cases')
      .selectAll()
      .where('parent_case_id', '=', parentId)
      .orderBy('id')
      .execute();
  },

  /** Counts per state among `states` (the open ones: found through the state index). */
  async countByState(
    db: Executor,
    filter: { states: readonly string[]; regionPrefix?: string; departmentIds?: readonly number[] },
  ) {
    if (filter.states.length === 0) return [];
    let query = db
      .selectFrom('cases')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .where('state', 'in', filter.states);
    if (filter.regionPrefix) query = query.where('grid_code', 'like', `${filter.regionPrefix}%`);
    if (filter.departmentIds) query = query.where(assignedToAny(filter.departmentIds));
    return query.groupBy('state').execute();
  },
};
