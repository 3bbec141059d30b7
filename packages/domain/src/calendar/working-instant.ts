import { MAX_IDLE_DAYS, noWorkingTimeError, periodsOn } from './calendar-days';
import { fromLocal, instantMs, toLocal } from './local-time';
import type { WorkingCalendar } from './working-calendar';

/** Whether `at` is working time. Periods are half-open: 08:00 works, 12:00 does not. */
export function isWorkingInstant(calendar: WorkingCalendar, at: Date): boolean {
  const { day, msOfDay } = toLocal(calendar.offsetMs, instantMs(at, 'at'));
  return periodsOn(calendar, day).some(([start, end]) => msOfDay >= start && msOfDay < end);
}

/**
 * `at` itself (as a new Date) when it is working time, else the start of the next working
 * period. Throws when no working time exists within {@link MAX_IDLE_DAYS} days.
 */
export function nextWorkingInstant(calendar: WorkingCalendar, at: Date): Date {
  const position = toLocal(calendar.offsetMs, instantMs(at, 'at'));
  let from = position.msOfDay;
  for (let day = position.day; day <= position.day + MAX_IDLE_DAYS; day++, from = 0) {
    for (const [start, end] of periodsOn(calendar, day)) {
      if (from < end) return fromLocal(calendar.offsetMs, day, Math.max(start, from));
    }
  }
  throw noWorkingTimeError();
}
