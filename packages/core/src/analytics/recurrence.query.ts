import { analyticsRepository, type RecurrencePairRow } from '@xiuhua/db';
import type { Actor } from '@xiuhua/domain';
import type { AppContext } from '../context';
import { scopedPeriod, type AnalyticsPeriodQuery } from './analytics-period';

/** Linked pairs read at most; beyond this the answer says `truncated`. */
export const MAX_RECURRENCE_PAIRS = 50_000;

export type RecurrenceCase = {
  id: number;
  caseNumber: string;
  createdAt: Date;
  gridCode: string | null;
  lng: number;
  lat: number;
};

export type RecurrenceCluster = {
  classId: number;
  classCode: string | null;
  className: string | null;
  /** Cases in the cluster and the linked pairs (same class, within radiusM and days) among them. */
  count: number;
  pairs: number;
  /** The longest distance of a linked pair, metres. */
  maxDistanceM: number;
  centre: { lng: number; lat: number };
  gridCodes: string[];
  firstAt: Date;
  lastAt: Date;
  caseIds: number[];
  cases: RecurrenceCase[];
};

export type AnalyticsRecurrence = {
  from: Date;
  to: Date;
  region: string | null;
  days: number;
  radiusM: number;
  /** All clusters found, the cases in them and their linked pairs (before the limit). */
  clusters: number;
  cases: number;
  pairs: number;
  truncated: boolean;
  items: RecurrenceCluster[];
};

/** Connected components of the linked pairs (union–find), each with its pairs. */
function components(pairs: readonly RecurrencePairRow[]) {
  const parent = new Map<number, number>();
  const find = (id: number): number => {
    let root = id;
    for (let up = parent.get(root); up !== undefined && up !== root; up = parent.get(root))
      root = up;
    // Path compression keeps later look-ups short.
    for (let node = id; node !== root;) {
      const next = parent.get(node) ?? root;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const p of pairs) {
    const [a, b] = [find(p.first_id), find(p.second_id)];
    if (a !== b) parent.set(Math.max(a, b), Math.min(a, b));
  }
  const groups = new Map<number, { ids: Set<number>; pairs: RecurrencePairRow[] }>();
  for (const p of pairs) {
    const root = find(p.first_id);
    const group = groups.get(root) ?? { ids: new Set<number>(), pairs: [] };
    group.ids.add(p.first_id).add(p.second_id);
    group.pairs.push(p);
    groups.set(root, group);
  }
  return [...groups.values()];
}

/**
 * Places where a class recurred: cases of the same class at most `radiusM` metres and `days`
 * days apart are linked, the later one reported in the period (the earlier may be up to `days`
 * before it); linked cases form clusters (chains included), ranked by cases, then pairs, then
 * the earliest case id.
 */
export async function analyticsRecurrence(
  ctx: AppContext,
  actor: Actor,
  query: AnalyticsPeriodQuery & { classId?: number; days: number; radiusM: number; limit: number },
): Promise<AnalyticsRecurrence> {
  const { period, region, filter } = scopedPeriod(actor, query);
  const db = ctx.db.kysely;
  const pairs = await analyticsRepository.recurrencePairs(db, {
    ...filter,
    ...(query.classId ? { classId: query.classId } : {}),
    days: query.days,
    radiusM: query.radiusM,
    limit: MAX_RECURRENCE_PAIRS,
  });
  const groups = components(pairs)
    .map((g) => ({ ...g, ids: [...g.ids].sort((a, b) => a - b) }))
    .sort(
      (a, b) =>
        b.ids.length - a.ids.length ||
        b.pairs.length - a.pairs.length ||
        (a.ids[0] ?? 0) - (b.ids[0] ?? 0),
    );
  const top = groups.slice(0, query.limit);
  const details = new Map(
    (
      await analyticsRepository.recurrenceCases(
        db,
        top.flatMap((g) => g.ids),
      )
    ).map((c) => [c.id, c]),
  );
  const items = top.map((g): RecurrenceCluster => {
    const rows = g.ids
      .map((id) => details.get(id))
      .filter((c) => c !== undefined)
      .sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || a.id - b.id);
    const first = rows[0];
    const last = rows[rows.length - 1];
    const mean = (pick: (c: (typeof rows)[number]) => number) =>
      Math.round((rows.reduce((a, c) => a + pick(c), 0) / Math.max(rows.length, 1)) * 1e6) / 1e6;
    return {
      classId: g.pairs[0]?.class_id ?? first?.class_id ?? 0,
      classCode: first?.class_code ?? null,
      className: first?.class_name ?? null,
      count: g.ids.length,
      pairs: g.pairs.length,
      maxDistanceM: Math.round(g.pairs.reduce((a, p) => Math.max(a, p.distance_m), 0) * 10) / 10,
      centre: { lng: mean((c) => c.lng), lat: mean((c) => c.lat) },
      gridCodes: [...new Set(rows.flatMap((c) => (c.grid_code ? [c.grid_code] : [])))].sort(),
      firstAt: first?.created_at ?? period.from,
      lastAt: last?.created_at ?? period.from,
      caseIds: rows.map((c) => c.id),
      cases: rows.map((c) => ({
        id: c.id,
        caseNumber: c.case_number,
        createdAt: c.created_at,
        gridCode: c.grid_code,
        lng: c.lng,
        lat: c.lat,
      })),
    };
  });
  return {
    ...period,
    region,
    days: query.days,
    radiusM: query.radiusM,
    clusters: groups.length,
    cases: groups.reduce((a, g) => a + g.ids.length, 0),
    pairs: pairs.length,
    truncated: pairs.length >= MAX_RECURRENCE_PAIRS,
    items,
  };
}
