import { addWorkingTime } from './add-working-time';
import { versionOn } from './calendar-days';
import { DAY_MS, instantMs, MINUTE_MS, toLocal } from './local-time';
import type { WorkingCalendar } from './working-calendar';

/** Units of a time limit: working units follow the calendar, natural ones the wall clock. */
export type LimitUnit = 'working_hour' | 'working_day' | 'natural_hour' | 'natural_day' | 'minute';

const HOUR_MS = 60 * MINUTE_MS;

/**
 * Working minutes in one working day of the scheme version in force on the local day of
 * `at` (480 on the default scheme, 1440 on the 24 h scheme).
 */
export function minutesPerWorkingDay(calendar: WorkingCalendar, at: Date): number {
  const { day } = toLocal(calendar.offsetMs, instantMs(at, 'at'));
  return versionOn(calendar, day).dayMs / MINUTE_MS;
}

/**
 * The deadline of a time limit such as `{ value: 4, unit: 'working_hour' }` started at `start`:
 *
 * - `working_hour`: `addWorkingTime` of value × 60 minutes;
 * - `working_day`: `addWorkingTime` of value × the working minutes of one day of the scheme
 *   version in force on the start's local day, so 1 working day from Mon 10:00 ends Tue
 *   10:00 (the same point of the working day), holidays and weekends skipped; a start
 *   outside working time counts from the next opening (Sat 10:00 + 1 → Mon 18:00);
 * - `natural_hour`, `natural_day`, `minute`: plain wall-clock addition (a natural day is 24 h;
 *   the offset is fixed, so that is also the same local time the next day).
 *
 * Throws a RangeError for a negative or non-finite value.
 */
export function addLimit(
  calendar: WorkingCalendar,
  start: Date,
  limit: { value: number; unit: LimitUnit },
): Date {
  const { value, unit } = limit;
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`limit value must be a finite number ≥ 0, got ${value}`);
  }
  const startMs = instantMs(start, 'start');
  switch (unit) {
    case 'working_hour':
      return addWorkingTime(calendar, start, value * 60);
    case 'working_day':
      return addWorkingTime(calendar, start, value * minutesPerWorkingDay(calendar, start));
    case 'natural_hour':
      return new Date(startMs + Math.round(value * HOUR_MS));
    case 'natural_day':
      return new Date(startMs + Math.round(value * DAY_MS));
    case 'minute':
      return new Date(startMs + Math.round(value * MINUTE_MS));
  }
}
