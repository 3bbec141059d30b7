import { CHINA_OFFSET_MS, chinaDateKey } from '@xiuhua/domain';
import { sql, type RawBuilder } from 'kysely';
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
import type { Executor } from './executor';

/** Where each grouping's objects are in the monthly sums, and the key column read. */
const MONTH_SUM_GROUP = {
  district: { scope: 'region', column: 'district_code' },
  street: { scope: 'region', column: 'street_code' },
  community: { scope: 'region', column: 'community_code' },
  grid: { scope: 'region', column: 'grid_code' },
  department: { scope: 'department', column: 'department_id' },
  actor: { scope: 'actor', column: 'actor_user_id' },
} as const;

/** The key of a monthly sum row (its primary key). */
const SUM_KEY_COLUMNS = [
  'month',
  'scope',
  'grid_code',
  'community_code',
  'street_code',
  'district_code',
  'department_id',
  'actor_user_id',
  'position',
  'kind',
  'held',
  'finished_month',
] as const;
const SUM_KEY = sql.join(SUM_KEY_COLUMNS.map((c) => sql.ref(c)));

/** Two folds at once would take the same sum rows in different orders: they queue instead. */
const FOLD_LOCK = 7_101_023;

function isChinaMonthStart(at: Date): boolean {
  const shifted = new Date(at.getTime() + CHINA_OFFSET_MS);
  return shifted.getUTCDate() === 1 && shifted.getTime() % 86_400_000 === 0;
}

/**
 * Whether the monthly sums can answer: the window is whole months that have ended, and the
 * filter narrows only by what the sums keep (a position for people, a region for regions).
 */
export function monthSumsServe(
  grouping: FactGrouping,
  window: FactWindow,
  filter: FactFilter,
): boolean {
  const end = windowEnd(window);
  const scope = MONTH_SUM_GROUP[grouping].scope;
  return (
    isChinaMonthStart(window.from) &&
    isChinaMonthStart(end) &&
    window.from.getTime() < end.getTime() &&
    filter.classId === undefined &&
    filter.source === undefined &&
    (!filter.position || scope === 'actor') &&
    (!filter.regionPrefix || scope === 'region')
  );
}

/** The monthly sums of indicator facts (migration 0023): read, and fold their deltas in. */
export const evaluationMonthSumRepository = {
  /**
   * Measures (as `evaluationFactRepository.measures`, `cases` as `n`) read from the monthly
   * sums plus the deltas not yet folded into them, for windows of whole elapsed months (China
   * time) without class or source filters (see `monthSumsServe`).
   */
  async measures(
    db: Executor,
    grouping: FactGrouping,
    window: FactWindow,
    filter: FactFilter,
    specs: readonly MeasureSpec[],
  ): Promise<MeasureRow[]> {
    const { scope, column } = MONTH_SUM_GROUP[grouping];
    const from = chinaDateKey(window.from);
    const end = chinaDateKey(windowEnd(window));
    const kinds = [...new Set(specs.map((s) => s.kind))];
    const conditions = [
      sql`scope = ${scope}`,
      sql`month >= ${from}::date`,
      sql`month < ${end}::date`,
      sql`kind in (${sql.join(kinds.length ? kinds : [''])})`,
    ];
    if (filter.position) conditions.push(sql`position = ${filter.position}`);
    if (filter.regionPrefix) conditions.push(sql`grid_code like ${`${filter.regionPrefix}%`}`);
    const where = sql.join(conditions, sql` and `);
    const none = scope === 'region' ? sql`''` : sql`0`;
    const ended = sql`finished_month < ${end}::date`;
    // Which column each measure adds up, and over which of a kind's rows.
    const plan: Record<FactMeasure, [string, RawBuilder<unknown> | null]> = {
      n: ['n', null],
      cases: ['n', null],
      value: ['value', null],
      onTime: ['on_time', null],
      finished: ['n', ended],
      open: ['n', sql`not (${ended})`],
      held: ['n', sql`held`],
      heldFinished: ['n', sql`held and ${ended}`],
      heldOnTime: ['on_time', sql`held`],
    };
    const columns = specs.map((spec, i) => {
      const [summed, only] = plan[spec.measure];
      const rows = only ? sql`kind = ${spec.kind} and ${only}` : sql`kind = ${spec.kind}`;
      return sql`coalesce(sum(${sql.ref(summed)}) filter (where ${rows}), 0) as ${sql.ref(`m${i}`)}`;
    });
    const { rows } = await sql<Record<string, unknown>>`
      select ${sql.ref(column)}::text as key, ${sql.join(columns)}
      from (
        select * from evaluation_month_sums where ${where}
        union all
        select * from evaluation_fact_deltas where ${where}
      ) as summed
      where ${sql.ref(column)} <> ${none}
      group by ${sql.ref(column)}
      having sum(n) <> 0
    `.execute(db);
    return toMeasureRows(rows, specs.length);
  },

  /**
   * Folds the deltas written since the last fold into the monthly sums, in one transaction
   * (`db` must be one); a second fold running at the same time waits for this one. Sum rows
   * that reach zero (their facts moved on, e.g. from open to ended) are deleted by key. Returns
   * the number of sum rows changed.
   */
  async fold(db: Executor): Promise<number> {
    await sql`select pg_advisory_xact_lock(${FOLD_LOCK})`.execute(db);
    const { rows } = await sql<{ changed: number; emptied: unknown[] }>`
      with moved as (delete from evaluation_fact_deltas returning *),
      upserted as (
        insert into evaluation_month_sums
        select ${SUM_KEY}, sum(n), sum(value), sum(on_time)
        from moved
        group by ${SUM_KEY}
        on conflict (${SUM_KEY})
        do update set n = evaluation_month_sums.n + excluded.n,
          value = evaluation_month_sums.value + excluded.value,
          on_time = evaluation_month_sums.on_time + excluded.on_time
        returning *
      )
      select count(*)::int as changed,
        coalesce(jsonb_agg(to_jsonb(upserted)) filter (where n = 0), '[]'::jsonb) as emptied
      from upserted
    `.execute(db);
    const emptied = rows[0]?.emptied ?? [];
    if (emptied.length > 0)
      await sql`
        delete from evaluation_month_sums s
        using jsonb_populate_recordset(null::evaluation_month_sums, ${JSON.stringify(emptied)}::jsonb) e
        where (${sql.join(
          SUM_KEY_COLUMNS.map((c) => sql`s.${sql.ref(c)} = e.${sql.ref(c)}`),
          sql` and `,
        )})
          and s.n = 0
      `.execute(db);
    return rows[0]?.changed ?? 0;
  },
};
