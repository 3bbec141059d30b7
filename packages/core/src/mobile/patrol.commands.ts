import { patrolRepository, type PatrolPointRow, type PatrolShiftRow } from '@xiuhua/db';
import {
  CHINA_OFFSET_MS,
  chinaDateKey,
  conflict,
  invalidInput,
  requireAnyRole,
  type Actor,
} from '@xiuhua/domain';
import { inTransaction, type AppContext } from '../context';
import { gridIndex } from '../grids/grid-locator.cache';
import { myGrids } from './my-grids.query';

const DAY_MS = 86_400_000;
/** Positions older than this are refused: a track is uploaded the same day, not weeks later. */
export const MAX_POINT_AGE_DAYS = 7;
export const MAX_POINTS_PER_UPLOAD = 2000;

/** Clock-in (上班打卡): opens a shift; a second clock-in while one is open answers that shift. */
export async function clockIn(
  ctx: AppContext,
  actor: Actor,
  at: { lng?: number; lat?: number } = {},
): Promise<{ shift: PatrolShiftRow; alreadyOpen: boolean }> {
  requireAnyRole(actor, ['supervisor']);
  return inTransaction(ctx, async (trx) => {
    const open = await patrolRepository.openShift(trx, actor.userId);
    if (open) return { shift: open, alreadyOpen: true };
    const shift = await patrolRepository.startShift(trx, {
      user_id: actor.userId,
      started_at: ctx.clock.now(),
      start_lng: at.lng ?? null,
      start_lat: at.lat ?? null,
    });
    return { shift, alreadyOpen: false };
  });
}

/** Clock-out (下班打卡): closes the open shift; 409 when none is open. */
export async function clockOut(ctx: AppContext, actor: Actor): Promise<PatrolShiftRow> {
  requireAnyRole(actor, ['supervisor']);
  return inTransaction(ctx, async (trx) => {
    const open = await patrolRepository.openShift(trx, actor.userId);
    if (!open)
      throw conflict('CONFLICT', { zh: '当前没有上班记录', en: 'No shift is open' }, [
        { reason: 'clock in first' },
      ]);
    return patrolRepository.endShift(trx, open.id, ctx.clock.now());
  });
}

export type PatrolPointInput = { at: Date; lng: number; lat: number; accuracyM?: number | null };

/**
 * Records periodic positions of the patrol track. Each is matched to its unit grid (positions
 * outside all grids are kept without one); positions already recorded are skipped, so the app
 * may re-send a batch after a lost answer.
 */
export async function recordPatrolPoints(
  ctx: AppContext,
  actor: Actor,
  points: readonly PatrolPointInput[],
): Promise<{ received: number; recorded: number }> {
  requireAnyRole(actor, ['supervisor']);
  if (points.length > MAX_POINTS_PER_UPLOAD)
    throw invalidInput('points', {
      zh: `一次最多 ${MAX_POINTS_PER_UPLOAD} 个位置`,
      en: `at most ${MAX_POINTS_PER_UPLOAD} positions per upload`,
    });
  const now = ctx.clock.now();
  points.forEach((p, i) => {
    if (p.at.getTime() > now.getTime() + 5 * 60_000)
      throw invalidInput(`points.${i}.at`, { zh: '时间在未来', en: 'is in the future' });
    if (p.at.getTime() < now.getTime() - MAX_POINT_AGE_DAYS * DAY_MS)
      throw invalidInput(`points.${i}.at`, {
        zh: `早于 ${MAX_POINT_AGE_DAYS} 天前`,
        en: `is more than ${MAX_POINT_AGE_DAYS} days old`,
      });
  });
  const { locator } = await gridIndex(ctx);
  return inTransaction(ctx, async (trx) => {
    const shift = await patrolRepository.openShift(trx, actor.userId);
    const recorded = await patrolRepository.insertPoints(
      trx,
      points.map((p) => ({
        user_id: actor.userId,
        shift_id: shift?.id ?? null,
        at: p.at,
        lng: p.lng,
        lat: p.lat,
        accuracy_m: p.accuracyM ?? null,
        grid_code: locator.locate(p.lng, p.lat)?.code ?? null,
      })),
    );
    return { received: points.length, recorded };
  });
}

export type GridCoverage = {
  code: string;
  name: string | null;
  responsibilityGridCode: string;
  points: number;
  firstAt: Date | null;
  lastAt: Date | null;
};

export type PatrolDay = {
  day: string;
  grids: GridCoverage[];
  covered: number;
  total: number;
  shifts: PatrolShiftRow[];
  track: PatrolPointRow[];
};

/** A local (UTC+8) day as its UTC window. */
export function localDayWindow(day: string): { from: Date; to: Date } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)))
    throw invalidInput('day', { zh: '日期须为 YYYY-MM-DD', en: 'must be YYYY-MM-DD' });
  const from = new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS);
  return { from, to: new Date(from.getTime() + DAY_MS) };
}

/** The supervisor's patrol of one local day: shifts, track and coverage of each of their grids. */
export async function patrolDay(ctx: AppContext, actor: Actor, day?: string): Promise<PatrolDay> {
  const date = day ?? chinaDateKey(ctx.clock.now());
  const { from, to } = localDayWindow(date);
  const grids = await myGrids(ctx, actor);
  const track = await patrolRepository.pointsBetween(ctx.db.kysely, {
    userId: actor.userId,
    from,
    to,
  });
  const byGrid = new Map<string, PatrolPointRow[]>();
  for (const point of track) {
    if (!point.grid_code) continue;
    const list = byGrid.get(point.grid_code) ?? [];
    list.push(point);
    byGrid.set(point.grid_code, list);
  }
  const coverage = grids.map((g) => {
    const visits = byGrid.get(g.code) ?? [];
    return {
      code: g.code,
      name: g.name,
      responsibilityGridCode: g.responsibilityGridCode,
      points: visits.length,
      firstAt: visits[0]?.at ?? null,
      lastAt: visits.at(-1)?.at ?? null,
    };
  });
  return {
    day: date,
    grids: coverage,
    covered: coverage.filter((g) => g.points > 0).length,
    total: coverage.length,
    shifts: await patrolRepository.shiftsBetween(ctx.db.kysely, actor.userId, from, to),
    track,
  };
}
