import { describe, expect, it } from 'vitest';
import { at, calendarOf, HOLIDAYS_AUTUMN_2026, SUMMER_2027 } from './calendar-test-world';
import { dayNumber, isoWeekday } from './local-time';
import { ALWAYS_ON_SCHEME_VERSION, DEFAULT_SCHEME_VERSION } from './standard-schemes';
import { workingTimeBetween } from './working-time-between';

const HOUR = 60;

describe('workingTimeBetween', () => {
  const calendar = calendarOf({ overrides: HOLIDAYS_AUTUMN_2026 });
  const between = (from: string, to: string) => workingTimeBetween(calendar, at(from), at(to));

  it('returns 0 when to is not after from', () => {
    expect(between('2026-11-23T10:00', '2026-11-23T10:00')).toBe(0);
    expect(between('2026-11-23T11:00', '2026-11-23T09:00')).toBe(0);
  });

  it('counts only working periods within one day', () => {
    expect(between('2026-11-23T07:00', '2026-11-23T19:00')).toBe(8 * HOUR);
    expect(between('2026-11-23T11:30', '2026-11-23T14:30')).toBe(HOUR);
    expect(between('2026-11-23T12:10', '2026-11-23T13:50')).toBe(0);
  });

  it('counts nothing over a weekend', () => {
    expect(between('2026-11-20T18:00', '2026-11-23T08:00')).toBe(0);
    expect(between('2026-11-20T17:00', '2026-11-23T09:00')).toBe(2 * HOUR);
  });

  it('skips weekends and holidays but counts make-up days when the span crosses them', () => {
    expect(isoWeekday(dayNumber('2026-09-18'))).toBe(5);
    // Fri 18 Sep afternoon 4 h + Sun 20 Sep (调休) 8 h + Mon–Thu 21–24 Sep 32 h
    // + Mon–Wed 28–30 Sep 24 h + Thu 8 Oct morning 4 h; 25–27 Sep and 1–7 Oct are off.
    expect(between('2026-09-18T12:00', '2026-10-08T12:00')).toBe(72 * HOUR);
  });

  it('counts a year of working days when the dates are a year apart', () => {
    const plain = calendarOf();
    expect(isoWeekday(dayNumber('2027-01-04'))).toBe(1);
    expect(workingTimeBetween(plain, at('2027-01-04T00:00'), at('2028-01-03T00:00'))).toBe(
      52 * 5 * 8 * HOUR,
    );
  });

  it('uses each version for its own days when the span crosses a scheme change', () => {
    const changed = calendarOf({ versions: [DEFAULT_SCHEME_VERSION, SUMMER_2027] });
    // Wed 30 June 8 h on the old hours, Thu 1 and Fri 2 July 7 h each on summer hours.
    expect(workingTimeBetween(changed, at('2027-06-30T00:00'), at('2027-07-03T00:00'))).toBe(
      22 * HOUR,
    );
  });

  it('counts every minute when the scheme is 24 h', () => {
    const always = calendarOf({ versions: [ALWAYS_ON_SCHEME_VERSION] });
    expect(workingTimeBetween(always, at('2026-11-21T23:00'), at('2026-11-23T01:30'))).toBe(
      26.5 * HOUR,
    );
  });

  it('returns fractions of a minute when the instants carry seconds', () => {
    expect(between('2026-11-23T08:00:30', '2026-11-23T08:01')).toBe(0.5);
  });

  it('throws when an instant is invalid', () => {
    expect(() =>
      workingTimeBetween(calendar, new Date(Number.NaN), at('2026-11-23T08:00')),
    ).toThrow(/from is not a valid date/);
  });
});
