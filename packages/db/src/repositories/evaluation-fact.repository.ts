import { sql, type Insertable, type SelectQueryBuilder } from 'kysely';
import type { Database, EvaluationFactsTable } from '../schema/database';
import type { Executor } from './executor';

/** How facts are grouped into evaluated objects. */
export type FactGrouping = 'district' | 'street' | 'community' | 'grid' | 'department' | 'actor';

const GROUP_COLUMN = {
  district: 'district_code',
  street: 'street_code',
  community: 'community_code',
  grid: 'grid_code',
  department: 'department_id',
  actor: 'actor_user_id',
} as const;

export type FactWindow = {
  /** Period start (inclusive). */
  from: Date;
  /** Period end (exclusive); deadlines later than `asOf` are not due yet. */
  to: Date;
  asOf: Date;
};

export type FactFilter = {
  /** Only facts of this position (positions' evaluations). */
  position?: string;
  /** Only facts in regions whose code starts with this (a street's communities, …). */
  regionPrefix?: string;
  classId?: number;
  source?: string;
};

export type FactSums = {
  key: string;
  kind: string;
  /** Number of facts. */
  n: number;
  /** Sum of values (return-visit scores; equals n for other facts). */
  value: number;
  /** Distinct cases among them (rework counted once per case), for the kinds asked; else n. */
  cases: number;
  onTime: number;
  /** Steps ended by the end of the period (or by `asOf` if earlier). */
  finished: number;
  held: number;
  heldFinished: number;
  heldOnTime: number;
};

type FactQuery = SelectQueryBuilder<Database, 'evaluation_facts', object>;

/**
 * Facts in the period for one way of grouping: departments count their own copies of
 * departmental facts; regions and people count the case's single copy (department null).
 */
function windowed(
  query: FactQuery,
  grouping: FactGrouping,
  window: FactWindow,
  filter: FactFilter,
): FactQuery {
  const end = window.to.getTime() < window.asOf.getTime() ? window.to : window.asOf;
  let q = query.where('at', '>=', window.from).where('at', '<', end);
  q =
    grouping === 'department'
      ? q.where('department_id', 'is not', null)
      : q.where('department_id', 'is', null);
  if (filter.position) q = q.where('position', '=', filter.position);
  if (filter.regionPrefix) q = q.where('grid_code', 'like', `${filter.regionPrefix}%`);
  if (filter.classId !== undefined) q = q.where('class_id', '=', filter.classId);
  if (filter.source) q = q.where('source', '=', filter.source);
  return q;
}

export const evaluationFactRepository = {
  /** Replaces all facts of one case (called in the transaction of each of its changes). */
  async replaceForCase(
    db: Executor,
    caseId: number,
    rows: Insertable<EvaluationFactsTable>[],
  ): Promise<void> {
    await db.deleteFrom('evaluation_facts').where('case_id', '=', caseId).execute();
    for (let i = 0; i < rows.length; i += 500)
      await db
        .insertInto('evaluation_facts')
        .values(rows.slice(i, i + 500))
        .execute();
  },

  /** A case's facts in a stable order (for the rebuild check). */
  async forCase(db: Executor, caseId: number) {
    return db
      .selectFrom('evaluation_facts')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute();
  },

  /** Sums per object and fact kind for one period. */
  /**
   * Lets this transaction's aggregates sort and hash in memory (a month of a city's facts is
   * millions of rows; the default 4 MB would spill to disk), and skips PostgreSQL's JIT, whose
   * compiling costs these one-off aggregates more than it saves.
   */
  async allowLargeAggregates(trx: Executor): Promise<void> {
    await sql`set local work_mem = '128MB'`.execute(trx);
    await sql`set local jit = off`.execute(trx);
  },

  /**
   * Sums per object key and fact kind. Distinct cases (`cases`) are counted only for the kinds
   * in `distinctCasesFor` (a distinct count forces a sort of every fact; the others get n).
   */
  async sums(
    db: Executor,
    grouping: FactGrouping,
    window: FactWindow,
    filter: FactFilter = {},
    distinctCasesFor: readonly string[] = [],
  ): Promise<FactSums[]> {
    const column = GROUP_COLUMN[grouping];
    const end = window.to.getTime() < window.asOf.getTime() ? window.to : window.asOf;
    const base = windowed(db.selectFrom('evaluation_facts'), grouping, window, filter).where(
      column,
      'is not',
      null,
    );
    const distinct = new Map<string, number>();
    if (distinctCasesFor.length > 0) {
      const counted = await base
        .where('kind', 'in', distinctCasesFor)
        .select([
          sql<string>`${sql.ref(column)}::text`.as('key'),
          'kind',
          sql<string>`count(distinct case_id)`.as('cases'),
        ])
        .groupBy([column, 'kind'])
        .execute();
      for (const r of counted) distinct.set(`${r.key}\u0000${r.kind}`, Number(r.cases));
    }
    const rows = await base
      .select([
        sql<string>`${sql.ref(column)}::text`.as('key'),
        'kind',
        sql<string>`count(*)`.as('n'),
        sql<string>`coalesce(sum(value), 0)`.as('value'),
        sql<string>`count(*) filter (where on_time)`.as('on_time'),
        sql<string>`count(*) filter (where finished_at is not null and finished_at < ${end})`.as(
          'finished',
        ),
        sql<string>`count(*) filter (where held)`.as('held'),
        sql<string>`count(*) filter (where held and finished_at is not null and finished_at < ${end})`.as(
          'held_finished',
        ),
        sql<string>`count(*) filter (where held and on_time)`.as('held_on_time'),
      ])
      .groupBy([column, 'kind'])
      .execute();
    return rows.map((r) => ({
      key: r.key,
      kind: r.kind,
      n: Number(r.n),
      value: Number(r.value),
      cases: distinct.get(`${r.key}\u0000${r.kind}`) ?? Number(r.n),
      onTime: Number(r.on_time),
      finished: Number(r.finished),
      held: Number(r.held),
      heldFinished: Number(r.held_finished),
      heldOnTime: Number(r.held_on_time),
    }));
  },

  /**
   * The facts behind one number: one object's facts of a kind in the period, narrowed to a part
   * (on time, ended, still open, held …). `distinct` lists each case once (a count of cases).
   */
  async facts(
    db: Executor,
    grouping: FactGrouping,
    keys: readonly string[],
    kind: string,
    window: FactWindow,
    filter: FactFilter & {
      onTime?: boolean;
      held?: boolean;
      finished?: boolean;
      distinct?: boolean;
    },
    page: { limit: number; offset: number },
  ): Promise<{
    rows: { caseId: number; at: Date; finishedAt: Date | null; onTime: boolean | null }[];
    total: number;
  }> {
    const column = GROUP_COLUMN[grouping];
    const end = window.to.getTime() < window.asOf.getTime() ? window.to : window.asOf;
    let q = windowed(db.selectFrom('evaluation_facts'), grouping, window, filter)
      .where('kind', '=', kind)
      .where(sql<string>`${sql.ref(column)}::text`, 'in', keys.length ? [...keys] : ['']);
    if (filter.onTime !== undefined)
      q = filter.onTime
        ? q.where('on_time', '=', true)
        : q.where(sql<boolean>`on_time is not true`);
    if (filter.held !== undefined) q = q.where('held', '=', filter.held);
    if (filter.finished !== undefined)
      q = filter.finished
        ? q.where('finished_at', 'is not', null).where('finished_at', '<', end)
        : q.where((eb) => eb.or([eb('finished_at', 'is', null), eb('finished_at', '>=', end)]));
    if (filter.distinct) {
      const rows = await q
        .select(['case_id', sql<Date>`min(at)`.as('at')])
        .groupBy('case_id')
        .orderBy('case_id')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      const total = await q.select(sql<string>`count(distinct case_id)`.as('n')).executeTakeFirst();
      return {
        rows: rows.map((r) => ({
          caseId: r.case_id,
          at: new Date(r.at),
          finishedAt: null,
          onTime: null,
        })),
        total: Number(total?.n ?? 0),
      };
    }
    const rows = await q
      .select(['case_id', 'at', 'finished_at', 'on_time'])
      .orderBy('at')
      .orderBy('case_id')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    const total = await q.select(sql<string>`count(*)`.as('n')).executeTakeFirst();
    return {
      rows: rows.map((r) => ({
        caseId: r.case_id,
        at: r.at,
        finishedAt: r.finished_at,
        onTime: r.on_time,
      })),
      total: Number(total?.n ?? 0),
    };
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

  /** The stored evaluation scheme, if a city set one. */
  async scheme(db: Executor): Promise<Record<string, unknown> | null> {
    const row = await db
      .selectFrom('evaluation_schemes')
      .select('scheme')
      .where('id', '=', 1)
      .executeTakeFirst();
    return row?.scheme ?? null;
  },

  async saveScheme(
    db: Executor,
    scheme: Record<string, unknown>,
    at: Date,
    userId: number | null,
  ): Promise<void> {
    const values = { scheme: JSON.stringify(scheme), updated_at: at, updated_by: userId };
    await db
      .insertInto('evaluation_schemes')
      .values({ id: 1, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
  },

  /** Case ids in id order, for rebuilding every case's facts in batches. */
  async caseIdsAfter(db: Executor, afterId: number, limit: number): Promise<number[]> {
    const rows = await db
      .selectFrom('cases')
      .select('id')
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  },
};
