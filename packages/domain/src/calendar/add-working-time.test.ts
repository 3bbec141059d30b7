import { describe, expect, it } from 'vitest';
import { addWorkingTime } from './add-working-time';
import { at, calendarOf, HOLIDAYS_AUTUMN_2026, local, SUMMER_2027 } from './calendar-test-world';
import { dayNumber, isoWeekday } from './local-time';
import { ALWAYS_ON_SCHEME_VERSION, DEFAULT_SCHEME_VERSION } from './standard-schemes';
import { createWorkingCalendar } from './working-calendar';

const HOUR = 60;
const weekdayOf = (day: string) => isoWeekday(dayNumber(day));

describe('addWorkingTime on the default scheme', () => {
  const calendar = calendarOf();
  const add = (start: string, minutes: number) =>
    local(addWorkingTime(calendar, at(start), minutes));

  it('ends a 4-working-hour limit on Monday 11:00 when started Friday 17:00', () => {
    expect(weekdayOf('2026-11-20')).toBe(5);
    expect(add('2026-11-20T17:00', 4 * HOUR)).toBe('2026-11-23T11:00');
  });

  it('skips the lunch break when the limit runs past noon', () => {
    expect(add('2026-11-23T11:00', 2 * HOUR)).toBe('2026-11-23T15:00');
  });

  it('starts counting at 14:00 when started inside the lunch break', () => {
    expect(add('2026-11-23T12:30', 30)).toBe('2026-11-23T14:30');
  });

  it('starts counting at 08:00 when started before work', () => {
    expect(add('2026-11-23T06:10', HOUR)).toBe('2026-11-23T09:00');
  });

  it('starts counting on Monday when started on a weekend', () => {
    expect(add('2026-11-21T10:00', HOUR)).toBe('2026-11-23T09:00');
  });

  it('ends at the end of the period when the last minute fills it', () => {
    expect(add('2026-11-23T08:00', 4 * HOUR)).toBe('2026-11-23T12:00');
    expect(add('2026-11-23T08:00', 8 * HOUR)).toBe('2026-11-23T18:00');
    expect(add('2026-11-20T14:00', 4 * HOUR)).toBe('2026-11-20T18:00');
  });

  it('returns the start unchanged when the limit is zero, inside or outside working time', () => {
    const saturday = at('2026-11-21T03:00');
    const result = addWorkingTime(calendar, saturday, 0);
    expect(result.getTime()).toBe(saturday.getTime());
    expect(result).not.toBe(saturday);
    expect(add('2026-11-23T09:30', 0)).toBe('2026-11-23T09:30');
  });

  it('keeps seconds and fractions of a minute when given them', () => {
    expect(local(addWorkingTime(calendar, at('2026-11-23T11:59:30'), 1))).toBe(
      '2026-11-23T14:00:30.000',
    );
    expect(add('2026-11-23T08:00', 0.5)).toBe('2026-11-23T08:00:30.000');
  });

  it('adds 20 working days of minutes across four weekends', () => {
    expect(weekdayOf('2026-11-02')).toBe(1);
    expect(add('2026-11-02T08:00', 20 * 8 * HOUR)).toBe('2026-11-27T18:00');
  });

  it('ends on Friday 18:00 rather than next Monday when exactly whole weeks are added', () => {
    expect(add('2026-11-23T00:00', 5 * 8 * HOUR)).toBe('2026-11-27T18:00');
    expect(add('2026-11-22T00:00', 3 * 5 * 8 * HOUR)).toBe('2026-12-11T18:00');
  });

  it('adds a whole year of working days without holidays', () => {
    expect(weekdayOf('2027-01-04')).toBe(1);
    expect(weekdayOf('2027-12-31')).toBe(5);
    expect(add('2027-01-04T08:00', 52 * 5 * 8 * HOUR)).toBe('2027-12-31T18:00');
  });

  it('throws when the minutes are negative or not finite, or the start is invalid', () => {
    expect(() => addWorkingTime(calendar, at('2026-11-23T08:00'), -1)).toThrow(RangeError);
    expect(() => addWorkingTime(calendar, at('2026-11-23T08:00'), Number.NaN)).toThrow(RangeError);
    expect(() => addWorkingTime(calendar, new Date(Number.NaN), 10)).toThrow(/not a valid date/);
  });
});

describe('addWorkingTime with holidays and make-up days', () => {
  const calendar = calendarOf({ overrides: HOLIDAYS_AUTUMN_2026 });
  const add = (start: string, minutes: number) =>
    local(addWorkingTime(calendar, at(start), minutes));

  it('skips the National Day holiday week when a limit runs into it', () => {
    expect(weekdayOf('2026-09-30')).toBe(3);
    expect(add('2026-09-30T17:00', 2 * HOUR)).toBe('2026-10-08T09:00');
  });

  it('skips a holiday that falls on a Friday', () => {
    expect(weekdayOf('2026-09-25')).toBe(5);
    expect(add('2026-09-24T17:00', 2 * HOUR)).toBe('2026-09-28T09:00');
  });

  it('counts a 调休 Saturday as a working day', () => {
    expect(weekdayOf('2026-10-10')).toBe(6);
    expect(add('2026-10-09T17:00', 2 * HOUR)).toBe('2026-10-10T09:00');
  });

  it('counts a 调休 Sunday as a working day', () => {
    expect(weekdayOf('2026-09-20')).toBe(7);
    expect(add('2026-09-19T10:00', HOUR)).toBe('2026-09-20T09:00');
  });
});

describe('addWorkingTime on other schemes', () => {
  it('uses both versions when a span crosses a scheme change', () => {
    const calendar = calendarOf({ versions: [DEFAULT_SCHEME_VERSION, SUMMER_2027] });
    const add = (start: string, minutes: number) =>
      local(addWorkingTime(calendar, at(start), minutes));
    // One hour on the old hours on Wednesday, then summer hours from Thursday 07:30.
    expect(add('2027-06-30T17:00', 2 * HOUR)).toBe('2027-07-01T08:30');
    expect(add('2027-06-30T17:00', 6 * HOUR)).toBe('2027-07-01T16:00');
  });

  it('counts nights and weekends when the scheme is 24 h', () => {
    const calendar = calendarOf({ versions: [ALWAYS_ON_SCHEME_VERSION] });
    expect(local(addWorkingTime(calendar, at('2026-11-21T23:00'), 3 * HOUR))).toBe(
      '2026-11-22T02:00',
    );
    expect(local(addWorkingTime(calendar, at('2026-11-23T00:00'), 24 * HOUR))).toBe(
      '2026-11-24T00:00',
    );
    expect(local(addWorkingTime(calendar, at('2026-11-23T00:00'), 365 * 24 * HOUR))).toBe(
      '2027-11-23T00:00',
    );
  });

  it('reads local time from the calendar offset, not the host time zone', () => {
    const utc = createWorkingCalendar({
      utcOffsetMinutes: 0,
      versions: [DEFAULT_SCHEME_VERSION],
      overrides: [],
    });
    const start = new Date('2026-11-20T17:00:00Z');
    expect(addWorkingTime(utc, start, 4 * HOUR).toISOString()).toBe('2026-11-23T11:00:00.000Z');
  });

  it('gives the same deadline when the host time zone is New York', () => {
    const calendar = calendarOf({ overrides: HOLIDAYS_AUTUMN_2026 });
    const before = process.env.TZ;
    try {
      process.env.TZ = 'America/New_York';
      expect(local(addWorkingTime(calendar, at('2026-09-30T17:00'), 2 * HOUR))).toBe(
        '2026-10-08T09:00',
      );
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('throws instead of looping when no day ever works', () => {
    const never = calendarOf({ versions: [{ ...DEFAULT_SCHEME_VERSION, workingWeekdays: [] }] });
    expect(() => addWorkingTime(never, at('2026-01-05T08:00'), 60)).toThrow(
      'no working time within 3660 days',
    );
  });

  it('finds a lone make-up day when it lies years ahead', () => {
    const rare = calendarOf({
      versions: [{ ...DEFAULT_SCHEME_VERSION, workingWeekdays: [] }],
      overrides: [{ day: '2034-03-01', isWorking: true }],
    });
    expect(local(addWorkingTime(rare, at('2026-01-05T08:00'), 60))).toBe('2034-03-01T09:00');
  });
});
