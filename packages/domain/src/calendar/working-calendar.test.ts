import { describe, expect, it } from 'vitest';
import { isWorkingDay } from './calendar-days';
import { calendarOf, HOLIDAYS_AUTUMN_2026, SUMMER_2027 } from './calendar-test-world';
import { dayNumber, isoWeekday } from './local-time';
import { DEFAULT_SCHEME_VERSION } from './standard-schemes';
import { createWorkingCalendar, type SchemeVersion, type WorkPeriod } from './working-calendar';

const version = (periods: WorkPeriod[], workingWeekdays = [1, 2, 3, 4, 5]): SchemeVersion => ({
  validFrom: '2026-01-01',
  periods,
  workingWeekdays,
});
const morning = { start: '08:00', end: '12:00' };
const withVersion = (v: SchemeVersion) => () => calendarOf({ versions: [v] });

describe('createWorkingCalendar validation', () => {
  it('throws naming the time when a period is not HH:MM', () => {
    for (const bad of ['8:00', '25:00', '24:30', '12:60', '12.00', '']) {
      expect(withVersion(version([{ start: bad, end: '23:00' }]))).toThrow(
        `time "${bad}" is not HH:MM`,
      );
    }
  });

  it('throws when a period does not end after it starts', () => {
    expect(withVersion(version([{ start: '12:00', end: '08:00' }]))).toThrow(
      'period 12:00–08:00 does not end after it starts',
    );
    expect(withVersion(version([{ start: '08:00', end: '08:00' }]))).toThrow(/does not end after/);
  });

  it('throws when periods overlap', () => {
    expect(withVersion(version([morning, { start: '11:00', end: '13:00' }]))).toThrow(
      /working periods overlap/,
    );
  });

  it('throws when a version has no periods', () => {
    expect(withVersion(version([]))).toThrow(/has no working periods/);
  });

  it('throws when there are no versions', () => {
    expect(() =>
      createWorkingCalendar({ utcOffsetMinutes: 480, versions: [], overrides: [] }),
    ).toThrow('a working calendar needs at least one scheme version');
  });

  it('throws when a weekday is outside 1..7', () => {
    for (const weekday of [0, 8, 1.5]) {
      expect(withVersion(version([morning], [1, weekday]))).toThrow(
        `working weekday ${weekday} is not an ISO weekday 1..7`,
      );
    }
  });

  it('throws when an override day is listed twice', () => {
    expect(() =>
      calendarOf({
        overrides: [
          { day: '2026-10-01', isWorking: false },
          { day: '2026-10-01', isWorking: true },
        ],
      }),
    ).toThrow('override day 2026-10-01 is listed twice');
  });

  it('throws when a day is not a real date', () => {
    expect(() => calendarOf({ overrides: [{ day: '2026-02-30', isWorking: false }] })).toThrow(
      'override day "2026-02-30" is not a real YYYY-MM-DD date',
    );
    expect(withVersion({ ...version([morning]), validFrom: '2026-7-1' })).toThrow(
      'validFrom "2026-7-1" is not a real YYYY-MM-DD date',
    );
  });

  it('throws when two versions start on the same day', () => {
    expect(() =>
      calendarOf({
        versions: [SUMMER_2027, { ...DEFAULT_SCHEME_VERSION, validFrom: '2027-07-01' }],
      }),
    ).toThrow('two scheme versions start on 2027-07-01');
  });

  it('throws when the UTC offset is not a whole number of minutes in range', () => {
    for (const utcOffsetMinutes of [480.5, 900, -780, Number.NaN]) {
      expect(() =>
        createWorkingCalendar({
          utcOffsetMinutes,
          versions: [DEFAULT_SCHEME_VERSION],
          overrides: [],
        }),
      ).toThrow(/utcOffsetMinutes/);
    }
  });

  it('accepts periods given out of order when they do not overlap', () => {
    const calendar = calendarOf({
      versions: [version([{ start: '14:00', end: '18:00' }, morning])],
    });
    expect(calendar.versions[0]?.dayMs).toBe(8 * 60 * 60_000);
  });

  it('keeps its own copy when the input is changed afterwards', () => {
    const input = version([morning]);
    const overrides = [{ day: '2026-01-05', isWorking: false }];
    const calendar = calendarOf({ versions: [input], overrides });
    input.workingWeekdays.push(6);
    overrides.push({ day: '2026-01-06', isWorking: false });
    expect(isWorkingDay(calendar, '2026-01-10')).toBe(false);
    expect(isWorkingDay(calendar, '2026-01-06')).toBe(true);
    expect(Object.isFrozen(calendar)).toBe(true);
  });

  it('refuses changes to the shared default scheme', () => {
    expect(() => DEFAULT_SCHEME_VERSION.workingWeekdays.push(6)).toThrow(TypeError);
  });
});

describe('isWorkingDay', () => {
  const calendar = calendarOf({ overrides: HOLIDAYS_AUTUMN_2026 });

  it('follows the working weekdays when no override exists', () => {
    expect(isoWeekday(dayNumber('2026-11-20'))).toBe(5);
    expect(isWorkingDay(calendar, '2026-11-20')).toBe(true);
    expect(isWorkingDay(calendar, '2026-11-21')).toBe(false);
    expect(isWorkingDay(calendar, '2026-11-22')).toBe(false);
  });

  it('treats holidays as days off even when they fall on a weekday', () => {
    expect(isoWeekday(dayNumber('2026-10-01'))).toBe(4);
    expect(isoWeekday(dayNumber('2026-09-25'))).toBe(5);
    expect(isWorkingDay(calendar, '2026-10-01')).toBe(false);
    expect(isWorkingDay(calendar, '2026-10-07')).toBe(false);
    expect(isWorkingDay(calendar, '2026-09-25')).toBe(false);
  });

  it('treats 调休 make-up days as working when they fall on a weekend', () => {
    expect(isoWeekday(dayNumber('2026-09-20'))).toBe(7);
    expect(isoWeekday(dayNumber('2026-10-10'))).toBe(6);
    expect(isWorkingDay(calendar, '2026-09-20')).toBe(true);
    expect(isWorkingDay(calendar, '2026-10-10')).toBe(true);
    expect(isWorkingDay(calendar, '2026-10-11')).toBe(false);
  });

  it('uses the first version for days before any version starts', () => {
    const weekendWork = { ...version([morning], [6, 7]), validFrom: '2030-01-01' };
    const later = calendarOf({ versions: [weekendWork] });
    expect(isWorkingDay(later, '2026-11-21')).toBe(true);
    expect(isWorkingDay(later, '2026-11-20')).toBe(false);
  });

  it('switches weekdays on the day a new version starts', () => {
    const sixDays = { ...version([morning], [1, 2, 3, 4, 5, 6]), validFrom: '2026-11-21' };
    const changed = calendarOf({ versions: [DEFAULT_SCHEME_VERSION, sixDays] });
    expect(isWorkingDay(changed, '2026-11-14')).toBe(false);
    expect(isWorkingDay(changed, '2026-11-21')).toBe(true);
  });

  it('throws when the day is not a real date', () => {
    expect(() => isWorkingDay(calendar, '2026-13-01')).toThrow(/not a real YYYY-MM-DD date/);
  });
});
