import { caseTimerRepository, screenRepository } from '@xiuhua/db';
import { chinaDateKey, regionFilter, requireAnyRole, type Actor, type Role } from '@xiuhua/domain';
import type { AppContext } from '../context';
import { localDayWindow } from '../mobile/patrol.commands';

/** Who may watch the big screen: the centre and its leaders. */
export const SCREEN_ROLES: readonly Role[] = [
  'commander',
  'leader',
  'admin',
  'shift_leader',
  'dispatcher',
  'operator',
];

const DAY_MS = 86_400_000;

export type ScreenSummary = {
  asOf: Date;
  today: {
    reported: number;
    filed: number;
    closed: number;
    /** Disposals due today so far, and those done within their limit. */
    disposeDue: number;
    disposedOnTime: number;
    onTimeRate: number | null;
  };
  open: { green: number; yellow: number; red: number; keySupervision: number; overdue: number };
  supervisorsOnShift: number;
  /** The last 14 local days: reported and closed per day (zero-filled). */
  trend: { day: string; reported: number; closed: number }[];
};

/**
 * Today's numbers for the command big screen, from the indicator facts and the open cases,
 * within the viewer's region.
 */
export async function screenSummary(ctx: AppContext, actor: Actor): Promise<ScreenSummary> {
  requireAnyRole(actor, SCREEN_ROLES);
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const prefix = regionFilter(actor);
  const region = prefix ? { regionPrefix: prefix } : {};
  const today = chinaDateKey(now);
  const midnight = localDayWindow(today).from;
  const first = new Date(midnight.getTime() - 13 * DAY_MS);
  const [daily, lights, overdue, onShift] = await Promise.all([
    screenRepository.dailyFacts(db, {
      kinds: ['reported', 'filed', 'closed'],
      from: first,
      to: new Date(midnight.getTime() + DAY_MS),
      ...region,
    }),
    screenRepository.openByLight(db, prefix),
    caseTimerRepository.countOverdue(db, { now, ...region }),
    screenRepository.supervisorsOnShift(db, prefix),
  ]);
  const on = (kind: string, day = today) => daily.find((d) => d.kind === kind && d.day === day);
  // Disposals land on their deadline: only those already due count today.
  const dueSoFar = await dueDisposalsSoFar(ctx, midnight, now, prefix);
  const light = (severity: number) => lights.find((l) => l.severity === severity)?.n ?? 0;
  return {
    asOf: now,
    today: {
      reported: on('reported')?.n ?? 0,
      filed: on('filed')?.n ?? 0,
      closed: on('closed')?.n ?? 0,
      disposeDue: dueSoFar.n,
      disposedOnTime: dueSoFar.onTime,
      onTimeRate: dueSoFar.n > 0 ? dueSoFar.onTime / dueSoFar.n : null,
    },
    open: {
      green: light(0),
      yellow: light(1),
      red: light(2),
      keySupervision: lights.reduce((sum, l) => sum + l.key, 0),
      overdue,
    },
    supervisorsOnShift: onShift,
    trend: Array.from({ length: 14 }, (_, i) => {
      const day = chinaDateKey(new Date(first.getTime() + i * DAY_MS));
      return { day, reported: on('reported', day)?.n ?? 0, closed: on('closed', day)?.n ?? 0 };
    }),
  };
}

async function dueDisposalsSoFar(
  ctx: AppContext,
  from: Date,
  to: Date,
  prefix: string | undefined,
): Promise<{ n: number; onTime: number }> {
  const rows = await screenRepository.dailyFacts(ctx.db.kysely, {
    kinds: ['step_dispose'],
    from,
    to,
    ...(prefix ? { regionPrefix: prefix } : {}),
  });
  return rows.reduce((sum, r) => ({ n: sum.n + r.n, onTime: sum.onTime + r.onTime }), {
    n: 0,
    onTime: 0,
  });
}
