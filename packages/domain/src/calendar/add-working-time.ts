import { MAX_IDLE_DAYS, noWorkingTimeError, periodsOn, uniformWeeksFrom } from './calendar-days';
import { fromLocal, instantMs, MINUTE_MS, toLocal } from './local-time';
import type { WorkingCalendar } from './working-calendar';

/** Working milliseconds of a non-negative, finite number of minutes (1 ms resolution). */
export function workingMs(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`working minutes must be a finite number ≥ 0, got ${minutes}`);
  }
  return Math.round(minutes * MINUTE_MS);
}

/**
 * The instant at which `minutes` working minutes have elapsed, counting from `start`.
 *
 * - Outside working time, counting begins at the start of the next working period.
 * - A deadline that lands exactly on a period boundary is the END of the period that used
 *   the last minute (Mon 08:00 + 4 h → Mon 12:00, not 14:00), so nothing waits for a break.
 * - Zero minutes return `start` unchanged (as a new Date), even outside working time: a
 *   zero limit is due at once rather than at the next opening.
 * - Precision is one millisecond; negative or non-finite minutes throw a RangeError.
 *
 * Walks day by day and skips whole unchanged weeks, so 20 working days or a year cost a
 * handful of steps. Throws when no working time exists within {@link MAX_IDLE_DAYS} days.
 */
export function addWorkingTime(calendar: WorkingCalendar, start: Date, minutes: number): Date {
  const startMs = instantMs(start, 'start');
  let remaining = workingMs(minutes);
  if (remaining === 0) return new Date(startMs);

  let { day, msOfDay: from } = toLocal(calendar.offsetMs, startMs);
  let idleDays = 0;
  for (;;) {
    if (from === 0) {
      const { weeks, weekMs } = uniformWeeksFrom(calendar, day);
      // Skip only while strictly more than the skipped time remains, so a deadline on the
      // last minute of a week is still found inside that week's final period.
      const skip =
        weekMs > 0
          ? Math.min(weeks, Math.floor((remaining - 1) / weekMs))
          : Math.min(weeks, Math.ceil((MAX_IDLE_DAYS + 1 - idleDays) / 7));
      if (skip > 0) {
        remaining -= skip * weekMs;
        day += skip * 7;
        idleDays = weekMs > 0 ? 0 : idleDays + skip * 7;
        if (idleDays > MAX_IDLE_DAYS) throw noWorkingTimeError();
        continue;
      }
    }

    let worked = false;
    for (const [periodStart, periodEnd] of periodsOn(calendar, day)) {
      const begin = Math.max(periodStart, from);
      if (begin >= periodEnd) continue;
      worked = true;
      const available = periodEnd - begin;
      if (remaining <= available) return fromLocal(calendar.offsetMs, day, begin + remaining);
      remaining -= available;
    }
    idleDays = worked ? 0 : idleDays + 1;
    if (idleDays > MAX_IDLE_DAYS) throw noWorkingTimeError();
    day += 1;
    from = 0;
  }
}
