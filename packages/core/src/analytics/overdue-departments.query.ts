import { analyticsRepository } from '@xiuhua/db';
import type { Actor } from '@xiuhua/domain';
import type { AppContext } from '../context';
import { scopedPeriod, shareOf, type AnalyticsPeriodQuery } from './analytics-period';

export type OverdueDepartment = {
  departmentId: number;
  code: string;
  name: string;
  disposals: number;
  overdue: number;
  overdueShare: number;
  finishedLate: number;
  openOverdue: number;
};
export type AnalyticsOverdueDepartments = {
  from: Date;
  to: Date;
  region: string | null;
  /** Open disposals count as due once their deadline is before this moment. */
  asOf: Date;
  total: { disposals: number; overdue: number; overdueShare: number; openOverdue: number };
  items: OverdueDepartment[];
};

/**
 * Departments ranked by overdue disposals: disposal timers whose deadline fell in the period and
 * that are settled (finished, or open past the deadline), overdue when finished late or still
 * open past it. A disposal for several departments counts for each; the total counts it once.
 */
export async function analyticsOverdueDepartments(
  ctx: AppContext,
  actor: Actor,
  query: AnalyticsPeriodQuery & { limit: number },
): Promise<AnalyticsOverdueDepartments> {
  const { period, region, filter } = scopedPeriod(actor, query);
  const asOf = ctx.clock.now();
  const db = ctx.db.kysely;
  const disposalFilter = { ...filter, now: asOf };
  const rows = await analyticsRepository.overdueByDepartment(db, {
    ...disposalFilter,
    limit: query.limit,
  });
  const totals = await analyticsRepository.disposalTotals(db, disposalFilter);
  return {
    ...period,
    region,
    asOf,
    total: {
      disposals: totals.total,
      overdue: totals.overdue,
      overdueShare: shareOf(totals.overdue, totals.total),
      openOverdue: totals.open_overdue,
    },
    items: rows.map((r) => ({
      departmentId: r.department_id,
      code: r.code,
      name: r.name,
      disposals: r.total,
      overdue: r.overdue,
      overdueShare: shareOf(r.overdue, r.total),
      finishedLate: r.overdue - r.open_overdue,
      openOverdue: r.open_overdue,
    })),
  };
}
