import { dayWorkMs, overlapMs, periodsOn, uniformWeeksFrom } from './calendar-days';
import { DAY_MS, instantMs, MINUTE_MS, toLocal } from './local-time';
import type { WorkingCalendar } from './working-calendar';

/**
 * Working minutes in [from, to); 0 when `to` is not after `from`. The inverse of
 * `addWorkingTime`: `workingTimeBetween(c, s, addWorkingTime(c, s, m)) === m` for whole
 * minutes (fractions are exact to the millisecond). Whole unchanged weeks between the two
 * ends are counted a stretch at a time, so spans of years stay cheap.
 */
export function workingTimeBetween(calendar: WorkingCalendar, from: Date, to: Date): number {
  const fromMs = instantMs(from, 'from');
  const toMs = instantMs(to, 'to');
  if (toMs <= fromMs) return 0;
  const first = toLocal(calendar.offsetMs, fromMs);
  const last = toLocal(calendar.offsetMs, toMs);
  if (first.day === last.day) {
    return overlapMs(periodsOn(calendar, first.day), first.msOfDay, last.msOfDay) / MINUTE_MS;
  }

  let total = overlapMs(periodsOn(calendar, first.day), first.msOfDay, DAY_MS);
  let day = first.day + 1;
  while (day < last.day) {
    const { weeks, weekMs } = uniformWeeksFrom(calendar, day);
    const skip = Math.min(weeks, Math.floor((last.day - day) / 7));
    if (skip > 0) {
      total += skip * weekMs;
      day += skip * 7;
    } else {
      total += dayWorkMs(calendar, day);
      day += 1;
    }
  }
  total += overlapMs(periodsOn(calendar, last.day), 0, last.msOfDay);
  return total / MINUTE_MS;
}
