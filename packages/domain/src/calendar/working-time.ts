import {
  DAY_MS,
  instantOf,
  localPosition,
  MINUTE_MS,
  periodsOn,
  versionOn,
  type WorkingCalendar,
} from './working-calendar';

/** No calendar may go this many days without working time (a mis-configured one would loop). */
const MAX_IDLE_DAYS = 3660;

/**
 * The instant at which `minutes` working minutes have elapsed from `start`. Counting starts
 * at the next working moment; a limit that ends exactly at a period's end returns that end
 * (Mon 08:00 + 4 h → Mon 12:00, not 14:00). Zero or negative minutes return `start`: the
 * deadline is immediate. Days are walked one at a time, never minute by minute.
 */
export function addWorkingTime(calendar: WorkingCalendar, start: Date, minutes: number): Date {
  if (!(minutes > 0)) return start;
  let remaining = minutes;
  let { day, minute: from } = localPosition(calendar, start);
  let idle = 0;
  for (;;) {
    const periods = periodsOn(calendar, day);
    let worked = false;
    for (const [s, e] of periods) {
      const begin = Math.max(s, from);
      if (begin >= e) continue;
      worked = true;
      const available = e - begin;
      if (remaining <= available) return instantOf(calendar, day, begin + remaining);
      remaining -= available;
    }
    idle = worked ? 0 : idle + 1;
    if (idle > MAX_IDLE_DAYS) throw new Error(`no working time within ${MAX_IDLE_DAYS} days`);
    day += 1;
    from = 0;
  }
}

/** Working minutes in [from, to); 0 when `to` is not after `from`. */
export function workingTimeBetween(calendar: WorkingCalendar, from: Date, to: Date): number {
  if (to.getTime() <= from.getTime()) return 0;
  const a = localPosition(calendar, from);
  const b = localPosition(calendar, to);
  let total = 0;
  for (let day = a.day; day <= b.day; day++) {
    const lower = day === a.day ? a.minute : 0;
    const upper = day === b.day ? b.minute : 24 * 60;
    for (const [s, e] of periodsOn(calendar, day)) {
      const overlap = Math.min(e, upper) - Math.max(s, lower);
      if (overlap > 0) total += overlap;
    }
  }
  return Math.round(total * 1000) / 1000;
}

/** Whether `at` falls inside a working period (periods are half-open: [start, end)). */
export function isWorkingInstant(calendar: WorkingCalendar, at: Date): boolean {
  const { day, minute } = localPosition(calendar, at);
  return periodsOn(calendar, day).some(([s, e]) => minute >= s && minute < e);
}

/** `at` itself when it is working time, else the start of the next working period. */
export function nextWorkingInstant(calendar: WorkingCalendar, at: Date): Date {
  let { day, minute: from } = localPosition(calendar, at);
  for (let i = 0; i <= MAX_IDLE_DAYS; i++, day++, from = 0) {
    for (const [s, e] of periodsOn(calendar, day)) {
      if (from < e) return from <= s ? instantOf(calendar, day, s) : instantOf(calendar, day, from);
    }
  }
  throw new Error(`no working time within ${MAX_IDLE_DAYS} days`);
}

export type LimitUnit = 'working_hour' | 'working_day' | 'natural_hour' | 'natural_day' | 'minute';

/**
 * The deadline of a time limit started at `start`:
 * - working_hour: that many working hours on the calendar;
 * - working_day: that many working days, each the length of a working day of the scheme in
 *   force on the start day (8 h on the default scheme), so it ends at the same point of the
 *   working day N working days later;
 * - natural_hour / natural_day / minute: wall-clock time, working or not.
 */
export function addLimit(
  calendar: WorkingCalendar,
  start: Date,
  limit: { value: number; unit: LimitUnit },
): Date {
  switch (limit.unit) {
    case 'working_hour':
      return addWorkingTime(calendar, start, limit.value * 60);
    case 'working_day': {
      const perDay =
        versionOn(calendar, localPosition(calendar, start).day).minutesPerDay || 8 * 60;
      return addWorkingTime(calendar, start, limit.value * perDay);
    }
    case 'natural_hour':
      return new Date(start.getTime() + limit.value * 60 * MINUTE_MS);
    case 'natural_day':
      return new Date(start.getTime() + limit.value * DAY_MS);
    case 'minute':
      return new Date(start.getTime() + limit.value * MINUTE_MS);
  }
}
