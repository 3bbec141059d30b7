import { analyticsRepository } from '@xiuhua/db';
import type { Actor } from '@xiuhua/domain';
import type { AppContext } from '../context';
import {
  ANALYTICS_UTC_OFFSET_MINUTES,
  scopedPeriod,
  type AnalyticsPeriodQuery,
} from './analytics-period';

export type AnalyticsPatterns = {
  from: Date;
  to: Date;
  region: string | null;
  utcOffsetMinutes: number;
  /** matrix[weekday][hour]: weekday 0 = Monday … 6 = Sunday, local hour 0–23. */
  matrix: number[][];
  byWeekday: number[];
  byHour: number[];
  total: number;
  peak: { weekday: number; hour: number; count: number } | null;
};

/** Cases per local weekday × hour of report (UTC+8). */
export async function analyticsPatterns(
  ctx: AppContext,
  actor: Actor,
  query: AnalyticsPeriodQuery & { classId?: number },
): Promise<AnalyticsPatterns> {
  const { period, region, filter } = scopedPeriod(actor, query);
  const rows = await analyticsRepository.weekdayHourCounts(ctx.db.kysely, {
    ...filter,
    ...(query.classId ? { classId: query.classId } : {}),
    utcOffsetMinutes: ANALYTICS_UTC_OFFSET_MINUTES,
  });
  const matrix = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const row of rows) {
    const day = matrix[row.isodow - 1];
    if (day) day[row.hour] = (day[row.hour] ?? 0) + row.n;
  }
  let peak: AnalyticsPatterns['peak'] = null;
  matrix.forEach((hours, weekday) =>
    hours.forEach((count, hour) => {
      if (count > 0 && (!peak || count > peak.count)) peak = { weekday, hour, count };
    }),
  );
  return {
    ...period,
    region,
    utcOffsetMinutes: ANALYTICS_UTC_OFFSET_MINUTES,
    matrix,
    byWeekday: matrix.map((hours) => hours.reduce((a, b) => a + b, 0)),
    byHour: Array.from({ length: 24 }, (_, h) => matrix.reduce((a, day) => a + (day[h] ?? 0), 0)),
    total: rows.reduce((a, r) => a + r.n, 0),
    peak,
  };
}
