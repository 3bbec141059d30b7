import { sql, type Insertable, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Database, EvaluationFactsTable } from '../schema/database';
import {
  toMeasureRows,
  windowEnd,
  type FactFilter,
  type FactGrouping,
  type FactMeasure,
  type FactWindow,
  type MeasureRow,
  type MeasureSpec,
} from './evaluation-fact-types';
import { evaluationMonthSumRepository, monthSumsServe } from './evaluation-month-sum.repository';
import type { Executor } from './executor';

const GROUP_COLUMN = {
  district: 'district_code',
  street: 'street_code',
  community: 'community_code',
  grid: 'grid_code',
  department: 'department_id',
  actor: 'actor_user_id',
} as const;

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
  const end = windowEnd(window);
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

/** A fact's columns besides its id and case, with their SQL types (for the diff in replaceForCase). */
const FACT_COLUMN_LIST = [
  ['kind', 'text'],
  ['at', 'timestamptz'],
  ['finished_at', 'timestamptz'],
  ['on_time', 'boolean'],
  ['actor_user_id', 'integer'],
  ['position', 'text'],
  ['department_id', 'integer'],
  ['held', 'boolean'],
  ['value', 'integer'],
  ['source', 'text'],
  ['class_id', 'integer'],
  ['grid_code', 'text'],
  ['community_code', 'text'],
  ['street_code', 'text'],
  ['district_code', 'text'],
] as const satisfies readonly (readonly [keyof EvaluationFactsTable, string])[];
const FACT_COLUMN_TYPES = FACT_COLUMN_LIST.map(([c, t]) => `"${c}" ${t}`).join(', ');
/** Column defaults the table would fill in, applied before comparing. */
const FACT_DEFAULTS: Partial<Record<string, string>> = { held: 'false', value: '1' };
/** The columns qualified by a table alias, optionally with their defaults. */
const factColumns = (alias: string, withDefaults = false) =>
  sql.raw(
    FACT_COLUMN_LIST.map(([c]) => {
      const ref = `${alias}."${c}"`;
      const fallback = withDefaults ? FACT_DEFAULTS[c] : undefined;
      return fallback ? `coalesce(${ref}, ${fallback}) as "${c}"` : ref;
    }).join(', '),
  );

/** Distinct cases per object key and kind, for the few kinds counted in cases (rework). */
async function distinctCases(
  db: Executor,
  grouping: FactGrouping,
  window: FactWindow,
  filter: FactFilter,
  kinds: readonly string[],
): Promise<Map<string, number>> {
  const column = GROUP_COLUMN[grouping];
  const counted = await windowed(db.selectFrom('evaluation_facts'), grouping, window, filter)
    .where(column, 'is not', null)
    .where('kind', 'in', kinds)
    .select([
      sql<string>`${sql.ref(column)}::text`.as('key'),
      'kind',
      sql<string>`count(distinct case_id)`.as('cases'),
    ])
    .groupBy([column, 'kind'])
    .execute();
  return new Map(counted.map((r) => [`${r.key}\u0000${r.kind}`, Number(r.cases)]));
}

export const evaluationFactRepository = {
  /**
   * Makes one case's facts equal `rows` (called in the transaction of each of its changes), in
   * one statement that deletes only the facts that went and inserts only the new ones: most
   * changes touch a few facts, and each written fact also writes its monthly-sum delta.
   */
  async replaceForCase(
    db: Executor,
    caseId: number,
    rows: Insertable<EvaluationFactsTable>[],
  ): Promise<void> {
    const incoming = JSON.stringify(
      rows.map((r) => {
        if (r.case_id !== caseId) throw new Error(`fact of case ${r.case_id} given for ${caseId}`);
        return { ...r, case_id: undefined };
      }),
    );
    await sql`
      with given as (
        select ${factColumns('x', true)}
        from jsonb_to_recordset(${incoming}::jsonb) as x (${sql.raw(FACT_COLUMN_TYPES)})
      ),
      incoming as (
        select g.*, row_number() over (partition by g.k) as rn
        from (select r.*, row(${factColumns('r')})::text as k from given r) as g
      ),
      numbered as (
        select e.id, e.k, row_number() over (partition by e.k order by e.id) as rn
        from (
          select f.id, row(${factColumns('f')})::text as k
          from evaluation_facts f
          where f.case_id = ${caseId}
        ) as e
      ),
      removed as (
        delete from evaluation_facts
        where id in (
          select n.id from numbered n
          where not exists (select 1 from incoming i where i.k = n.k and i.rn = n.rn)
        )
      )
      insert into evaluation_facts (case_id, ${sql.raw(FACT_COLUMN_LIST.map(([c]) => `"${c}"`).join(', '))})
      select ${caseId}, ${factColumns('i')}
      from incoming i
      where not exists (select 1 from numbered n where n.k = i.k and n.rn = i.rn)
    `.execute(db);
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
   * Each object's values of the measures asked for (one row per object with facts of their
   * kinds). Whole elapsed months come from the monthly sums, anything else from the facts; both
   * give the same numbers. Distinct cases are always counted from the facts (few kinds ask).
   */
  async measures(
    db: Executor,
    grouping: FactGrouping,
    window: FactWindow,
    filter: FactFilter,
    specs: readonly MeasureSpec[],
  ): Promise<MeasureRow[]> {
    const rows = monthSumsServe(grouping, window, filter)
      ? await evaluationMonthSumRepository.measures(db, grouping, window, filter, specs)
      : await evaluationFactRepository.fromFacts(db, grouping, window, filter, specs);
    const distinctKinds = [
      ...new Set(specs.filter((s) => s.measure === 'cases').map((s) => s.kind)),
    ];
    if (distinctKinds.length === 0) return rows;
    const distinct = await distinctCases(db, grouping, window, filter, distinctKinds);
    for (const row of rows)
      specs.forEach((spec, i) => {
        if (spec.measure === 'cases')
          row.values[i] = distinct.get(`${row.key}\u0000${spec.kind}`) ?? 0;
      });
    return rows;
  },

  /** `measures` read from the facts themselves (any window and filter; `cases` as `n`). */
  async fromFacts(
    db: Executor,
    grouping: FactGrouping,
    window: FactWindow,
    filter: FactFilter,
    specs: readonly MeasureSpec[],
  ): Promise<MeasureRow[]> {
    const column = GROUP_COLUMN[grouping];
    const end = windowEnd(window);
    const ended = sql`finished_at is not null and finished_at < ${end}`;
    const part: Record<FactMeasure, RawBuilder<unknown> | null> = {
      n: null,
      cases: null,
      value: null,
      onTime: sql`on_time`,
      finished: ended,
      open: sql`not (${ended})`,
      held: sql`held`,
      heldFinished: sql`held and ${ended}`,
      heldOnTime: sql`held and on_time`,
    };
    const kinds = [...new Set(specs.map((s) => s.kind))];
    const rows = await windowed(db.selectFrom('evaluation_facts'), grouping, window, filter)
      .where(column, 'is not', null)
      .where('kind', 'in', kinds.length ? kinds : [''])
      .select([
        sql<string>`${sql.ref(column)}::text`.as('key'),
        ...specs.map((spec, i) => {
          const only = part[spec.measure];
          const where = only ? sql`kind = ${spec.kind} and ${only}` : sql`kind = ${spec.kind}`;
          return (
            spec.measure === 'value'
              ? sql<string>`coalesce(sum(value) filter (where ${where}), 0)`
              : sql<string>`count(*) filter (where ${where})`
          ).as(`m${i}`);
        }),
      ])
      .groupBy(column)
      .execute();
    return toMeasureRows(rows, specs.length);
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
    const end = windowEnd(window);
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
