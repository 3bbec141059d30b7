import { describe, expect, it } from 'vitest';
import { addLimit, minutesPerWorkingDay, type LimitUnit } from './add-limit';
import { at, calendarOf, HOLIDAYS_AUTUMN_2026, local, SUMMER_2027 } from './calendar-test-world';
import { ALWAYS_ON_SCHEME_VERSION, DEFAULT_SCHEME_VERSION } from './standard-schemes';
import type { WorkingCalendar } from './working-calendar';

const deadline = (calendar: WorkingCalendar, start: string, value: number, unit: LimitUnit) =>
  local(addLimit(calendar, at(start), { value, unit }));

describe('addLimit in working units', () => {
  const calendar = calendarOf({ overrides: HOLIDAYS_AUTUMN_2026 });

  it('counts working hours on the calendar', () => {
    expect(deadline(calendar, '2026-11-20T17:00', 4, 'working_hour')).toBe('2026-11-23T11:00');
  });

  it('ends a working day at the same point of the next working day', () => {
    expect(deadline(calendar, '2026-11-20T10:00', 1, 'working_day')).toBe('2026-11-23T10:00');
    expect(deadline(calendar, '2026-11-23T15:30', 2, 'working_day')).toBe('2026-11-25T15:30');
  });

  it('skips the holiday week when working days cross it', () => {
    // Tue 29 Sep 10:00: 6 h that day, 8 h Wed 30 Sep, 8 h Thu 8 Oct, 2 h Fri 9 Oct.
    expect(deadline(calendar, '2026-09-29T10:00', 3, 'working_day')).toBe('2026-10-09T10:00');
  });

  it('counts a full working day from the next opening when started on a weekend', () => {
    expect(deadline(calendar, '2026-11-21T10:00', 1, 'working_day')).toBe('2026-11-23T18:00');
  });

  it('ends 20 working days later for a demolition order', () => {
    expect(deadline(calendar, '2026-11-02T09:00', 20, 'working_day')).toBe('2026-11-30T09:00');
  });

  it('sizes a working day by the version in force on the start day', () => {
    const changed = calendarOf({ versions: [DEFAULT_SCHEME_VERSION, SUMMER_2027] });
    expect(minutesPerWorkingDay(changed, at('2027-06-30T10:00'))).toBe(480);
    expect(minutesPerWorkingDay(changed, at('2027-07-01T10:00'))).toBe(420);
    // 420 summer minutes from Thu 1 July 09:00: 2.5 h + 3 h that day, then 1.5 h on Friday.
    expect(deadline(changed, '2027-07-01T09:00', 1, 'working_day')).toBe('2027-07-02T09:00');
    const always = calendarOf({ versions: [ALWAYS_ON_SCHEME_VERSION] });
    expect(deadline(always, '2026-11-21T10:00', 1, 'working_day')).toBe('2026-11-22T10:00');
  });
});

describe('addLimit in natural units', () => {
  const calendar = calendarOf({ overrides: HOLIDAYS_AUTUMN_2026 });

  it('adds wall-clock time when the unit is natural, ignoring nights and holidays', () => {
    expect(deadline(calendar, '2026-11-21T23:00', 2, 'natural_hour')).toBe('2026-11-22T01:00');
    expect(deadline(calendar, '2026-09-30T23:00', 1, 'natural_day')).toBe('2026-10-01T23:00');
    expect(deadline(calendar, '2026-11-21T23:50', 30, 'minute')).toBe('2026-11-22T00:20');
    expect(deadline(calendar, '2026-11-21T23:00', 36, 'natural_hour')).toBe('2026-11-23T11:00');
  });

  it('returns the start when the value is zero', () => {
    expect(deadline(calendar, '2026-11-21T23:00', 0, 'natural_day')).toBe('2026-11-21T23:00');
    expect(deadline(calendar, '2026-11-21T23:00', 0, 'working_day')).toBe('2026-11-21T23:00');
  });

  it('throws when the value is negative or not finite', () => {
    for (const value of [-1, Number.POSITIVE_INFINITY, Number.NaN]) {
      expect(() => addLimit(calendar, at('2026-11-21T23:00'), { value, unit: 'minute' })).toThrow(
        RangeError,
      );
    }
  });
});
