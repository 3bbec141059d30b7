import { analyticsRepository } from '@xiuhua/db';
import type { Actor } from '@xiuhua/domain';
import type { AppContext } from '../context';
import {
  ANALYTICS_UTC_OFFSET_MINUTES,
  bucketsOf,
  changeOf,
  previousPeriod,
  scopedPeriod,
  type AnalyticsBucket,
  type AnalyticsBucketUnit,
  type AnalyticsPeriodQuery,
} from './analytics-period';

export type TrendPoint = { bucket: string; count: number; previous: number; change: number };
export type TrendSeries = {
  /** Class id or source; "unclassified" (no class yet) and "other" (beyond the limit). */
  key: string;
  label: string;
  classId: number | null;
  classCode: string | null;
  points: TrendPoint[];
  count: number;
  previous: number;
  change: number;
  changeRate: number | null;
};
export type AnalyticsTrends = {
  from: Date;
  to: Date;
  previousFrom: Date;
  previousTo: Date;
  region: string | null;
  bucket: AnalyticsBucketUnit;
  groupBy: 'class' | 'source';
  buckets: AnalyticsBucket[];
  total: Omit<TrendSeries, 'key' | 'label' | 'classId' | 'classCode'>;
  series: TrendSeries[];
};

/** Labels of case sources for the series (the console may localise the key instead). */
const SOURCE_LABELS: Record<string, string> = {
  supervisor: '监督员上报',
  hotline_12345: '12345热线',
  hotline_12319: '12319热线',
  citizen_web: '市民网页',
  open311: 'Open311',
  video: '视频发现',
  sensor: '物联感知',
  leader: '领导交办',
  department: '部门上报',
  media: '媒体曝光',
};
const UNCLASSIFIED = 'unclassified';
const OTHER = 'other';

type Counts = { current: number[]; previous: number[] };

const sumOf = (values: number[]) => values.reduce((a, b) => a + b, 0);
const sums = (counts: Counts) => ({
  count: sumOf(counts.current),
  previous: sumOf(counts.previous),
});

function seriesOf(
  name: { key: string; label: string; classId: number | null; classCode?: string | null },
  counts: Counts,
  buckets: AnalyticsBucket[],
): TrendSeries {
  const points = buckets.map((b, i) => {
    const count = counts.current[i] ?? 0;
    const previous = counts.previous[i] ?? 0;
    return { bucket: b.key, count, previous, change: count - previous };
  });
  const { count, previous } = sums(counts);
  return {
    classCode: null,
    ...name,
    points,
    count,
    previous,
    ...changeOf(count, previous),
  };
}

/**
 * Case counts per local bucket (zero-filled) for the period and the equal-length period before
 * it, per class or source: each bucket beside the bucket of the same position in the previous
 * period, and each series' and the whole period's change. The `limit` largest series are kept;
 * the rest add up to one "other" series.
 */
export async function analyticsTrends(
  ctx: AppContext,
  actor: Actor,
  query: AnalyticsPeriodQuery & {
    classId?: number;
    source?: string;
    bucket: AnalyticsBucketUnit;
    groupBy: 'class' | 'source';
    limit: number;
  },
): Promise<AnalyticsTrends> {
  const { period, region, filter } = scopedPeriod(actor, query);
  const before = previousPeriod(period);
  const buckets = bucketsOf(period, query.bucket);
  const previousBuckets = bucketsOf(before, query.bucket);
  const db = ctx.db.kysely;
  const rows = await analyticsRepository.trendCounts(db, {
    ...filter,
    ...(query.classId ? { classId: query.classId } : {}),
    ...(query.source ? { source: query.source } : {}),
    previousFrom: before.from,
    bucket: query.bucket,
    groupBy: query.groupBy,
    utcOffsetMinutes: ANALYTICS_UTC_OFFSET_MINUTES,
  });
  const currentIndex = new Map(buckets.map((b, i) => [b.key, i]));
  const previousIndex = new Map(previousBuckets.map((b, i) => [b.key, i]));
  const bySeries = new Map<string, Counts>();
  const total: Counts = {
    current: buckets.map(() => 0),
    previous: previousBuckets.map(() => 0),
  };
  for (const row of rows) {
    const key = row.series ?? UNCLASSIFIED;
    const counts = bySeries.get(key) ?? {
      current: buckets.map(() => 0),
      previous: previousBuckets.map(() => 0),
    };
    const index = (row.current ? currentIndex : previousIndex).get(row.bucket);
    if (index === undefined) continue;
    const side = row.current ? 'current' : 'previous';
    counts[side][index] = (counts[side][index] ?? 0) + row.n;
    total[side][index] = (total[side][index] ?? 0) + row.n;
    bySeries.set(key, counts);
  }
  const classIds =
    query.groupBy === 'class' ? [...bySeries.keys()].filter((k) => k !== UNCLASSIFIED) : [];
  const classes = new Map(
    (await analyticsRepository.seriesClasses(db, classIds.map(Number))).map((c) => [
      String(c.id),
      c,
    ]),
  );
  const describe = (key: string) => {
    if (query.groupBy === 'source') return { label: SOURCE_LABELS[key] ?? key, classId: null };
    if (key === UNCLASSIFIED) return { label: '未分类', classId: null };
    const cls = classes.get(key);
    return { label: cls?.name ?? key, classId: Number(key), classCode: cls?.code ?? null };
  };
  const ranked = [...bySeries.entries()]
    .map(([key, counts]) => ({ key, counts, ...sums(counts) }))
    .sort((a, b) => b.count - a.count || b.previous - a.previous || a.key.localeCompare(b.key));
  const series = ranked
    .slice(0, query.limit)
    .map((s) => seriesOf({ key: s.key, ...describe(s.key) }, s.counts, buckets));
  const rest = ranked.slice(query.limit);
  if (rest.length > 0) {
    const merged: Counts = {
      current: buckets.map((_, i) => rest.reduce((a, s) => a + (s.counts.current[i] ?? 0), 0)),
      previous: previousBuckets.map((_, i) =>
        rest.reduce((a, s) => a + (s.counts.previous[i] ?? 0), 0),
      ),
    };
    series.push(seriesOf({ key: OTHER, label: '其他', classId: null }, merged, buckets));
  }
  const totalSeries = seriesOf({ key: 'total', label: '合计', classId: null }, total, buckets);
  return {
    ...period,
    previousFrom: before.from,
    previousTo: before.to,
    region,
    bucket: query.bucket,
    groupBy: query.groupBy,
    buckets,
    total: {
      points: totalSeries.points,
      count: totalSeries.count,
      previous: totalSeries.previous,
      change: totalSeries.change,
      changeRate: totalSeries.changeRate,
    },
    series,
  };
}
