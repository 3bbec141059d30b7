import { calendarRepository, type TimingSchemeRow } from '@xiuhua/db';
import {
  addLimit,
  createWorkingCalendar,
  invalidInput,
  isWorkingDay,
  notFound,
  workingTimeBetween,
  type LimitUnit,
} from '@xiuhua/domain';
import type { AppContext } from '../context';

export type LoadedCalendar = {
  scheme: TimingSchemeRow;
  calendar: ReturnType<typeof createWorkingCalendar>;
};

export const CALENDAR_CACHE = 'calendars';
const SCHEME = { zh: '作息方案', en: 'Timing scheme' };

const cache = new WeakMap<AppContext, Map<string, Promise<LoadedCalendar>>>();

async function load(ctx: AppContext, code: string | undefined): Promise<LoadedCalendar> {
  const db = ctx.db.kysely;
  const scheme = code
    ? await calendarRepository.findScheme(db, code)
    : await calendarRepository.findDefaultScheme(db);
  if (!scheme) throw notFound(SCHEME, code ?? 'default');
  const [versions, days] = await Promise.all([
    calendarRepository.versions(db, scheme.id),
    calendarRepository.days(db, scheme.id),
  ]);
  const calendar = createWorkingCalendar({
    utcOffsetMinutes: scheme.utc_offset_minutes,
    versions: versions.map((v) => ({
      validFrom: v.valid_from,
      periods: v.periods,
      workingWeekdays: v.working_weekdays,
    })),
    overrides: days.map((d) => ({
      day: d.day,
      isWorking: d.is_working,
      ...(d.note ? { note: d.note } : {}),
    })),
  });
  return { scheme, calendar };
}

/**
 * The working calendar of a timing scheme (the default scheme when no code is given),
 * built once per process and rebuilt after any calendar change.
 */
export function loadCalendar(ctx: AppContext, code?: string): Promise<LoadedCalendar> {
  let byCode = cache.get(ctx);
  if (!byCode) {
    const fresh = new Map<string, Promise<LoadedCalendar>>();
    byCode = fresh;
    cache.set(ctx, fresh);
    ctx.caches.on(CALENDAR_CACHE, () => fresh.clear());
  }
  const key = code ?? '';
  let entry = byCode.get(key);
  if (!entry) {
    entry = load(ctx, code);
    byCode.set(key, entry);
    entry.catch(() => byCode.delete(key));
  }
  return entry;
}

export type LimitInput = { value: number; unit: LimitUnit };

/** Schemes with their versions, for the admin console. */
export async function listTimingSchemes(ctx: AppContext) {
  const db = ctx.db.kysely;
  const schemes = await calendarRepository.listSchemes(db);
  return Promise.all(
    schemes.map(async (scheme) => ({
      scheme,
      versions: await calendarRepository.versions(db, scheme.id),
    })),
  );
}

const MAX_RANGE_DAYS = 731;

/** Each day in [from, to] with whether it works and whether an override decided it. */
export async function calendarDays(
  ctx: AppContext,
  code: string,
  range: { from: string; to: string },
) {
  const start = Date.parse(`${range.from}T00:00:00Z`);
  const end = Date.parse(`${range.to}T00:00:00Z`);
  if (end < start)
    throw invalidInput('to', { zh: '结束日期早于开始日期', en: 'must not be before from' });
  if ((end - start) / 86_400_000 > MAX_RANGE_DAYS) {
    throw invalidInput('to', {
      zh: `跨度不能超过 ${MAX_RANGE_DAYS} 天`,
      en: `range is limited to ${MAX_RANGE_DAYS} days`,
    });
  }
  const { scheme, calendar } = await loadCalendar(ctx, code);
  const overrides = new Map(
    (await calendarRepository.days(ctx.db.kysely, scheme.id, range)).map((d) => [d.day, d]),
  );
  const days = [];
  for (let t = start; t <= end; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    const override = overrides.get(day);
    days.push({
      day,
      isWorking: isWorkingDay(calendar, day),
      override: override !== undefined,
      note: override?.note ?? null,
    });
  }
  return { scheme, days };
}

/** The deadline of a limit started at `start` on a scheme's calendar. */
export async function computeDeadline(
  ctx: AppContext,
  code: string | undefined,
  start: Date,
  limit: LimitInput,
) {
  const { scheme, calendar } = await loadCalendar(ctx, code);
  return { scheme, deadline: addLimit(calendar, start, limit) };
}

/** Working minutes between two instants on a scheme's calendar. */
export async function workingMinutesBetween(
  ctx: AppContext,
  code: string | undefined,
  from: Date,
  to: Date,
) {
  const { scheme, calendar } = await loadCalendar(ctx, code);
  return { scheme, minutes: workingTimeBetween(calendar, from, to) };
}
