import { describe, expect, it } from 'vitest';
import { addWorkingTime } from './add-working-time';
import { calendarOf, HOLIDAYS_AUTUMN_2026, lcg, SUMMER_2027 } from './calendar-test-world';
import { dayNumber, dayString, isoWeekday } from './local-time';
import { DEFAULT_SCHEME_VERSION } from './standard-schemes';
import type { DayOverride } from './working-calendar';
import { workingTimeBetween } from './working-time-between';

const MINUTE_MS = 60_000;
const versions = [DEFAULT_SCHEME_VERSION, SUMMER_2027];
const calendar = calendarOf({ versions, overrides: HOLIDAYS_AUTUMN_2026 });
const rangeStart = new Date('2026-08-01T00:00:00+08:00').getTime();

/** Same working days, but spelled out as an override on every day so no week can be skipped. */
function dayByDayTwin() {
  const holidays = new Map(HOLIDAYS_AUTUMN_2026.map((o) => [o.day, o.isWorking]));
  const overrides: DayOverride[] = [];
  for (let day = dayNumber('2026-07-01'); day <= dayNumber('2028-12-31'); day++) {
    const name = dayString(day);
    overrides.push({ day: name, isWorking: holidays.get(name) ?? isoWeekday(day) <= 5 });
  }
  return calendarOf({ versions, overrides });
}

/** Starts spread over about ten months, some on whole minutes and some with seconds. */
function samples(seed: number, count: number) {
  const next = lcg(seed);
  return Array.from({ length: count }, (_, i) => {
    const minuteOffset = Math.floor(next() * 300 * 24 * 60);
    const seconds = i % 3 === 0 ? Math.floor(next() * 60) : 0;
    return {
      start: new Date(rangeStart + minuteOffset * MINUTE_MS + seconds * 1000),
      minutes: 1 + Math.floor(next() * 40 * 8 * 60),
    };
  });
}

describe('working time properties', () => {
  it('gives back the minutes it added when measured from the same start', () => {
    for (const { start, minutes } of samples(20_261_001, 400)) {
      const end = addWorkingTime(calendar, start, minutes);
      expect(workingTimeBetween(calendar, start, end)).toBe(minutes);
    }
  });

  it('never lands an end on a break when the last minute fills a period', () => {
    for (const { start, minutes } of samples(7, 200)) {
      const end = addWorkingTime(calendar, start, minutes);
      const oneMinuteLess = workingTimeBetween(
        calendar,
        start,
        new Date(end.getTime() - MINUTE_MS),
      );
      expect(oneMinuteLess).toBe(minutes - 1);
    }
  });

  it('matches a day-by-day walk when whole weeks are skipped', () => {
    const twin = dayByDayTwin();
    for (const { start, minutes } of samples(42, 200)) {
      const end = addWorkingTime(calendar, start, minutes);
      expect(addWorkingTime(twin, start, minutes).getTime()).toBe(end.getTime());
      const later = new Date(end.getTime() + minutes * 97 * MINUTE_MS);
      expect(workingTimeBetween(twin, start, later)).toBe(
        workingTimeBetween(calendar, start, later),
      );
    }
  });

  it('adds up when a span is split in two', () => {
    for (const { start, minutes } of samples(99, 200)) {
      const firstPart = Math.floor(minutes / 3);
      const middle = addWorkingTime(calendar, start, firstPart);
      const end = addWorkingTime(calendar, middle, minutes - firstPart);
      expect(end.getTime()).toBe(addWorkingTime(calendar, start, minutes).getTime());
    }
  });
});
