import { describe, expect, it } from 'vitest';
import { at, calendarOf, HOLIDAYS_AUTUMN_2026, local } from './calendar-test-world';
import { ALWAYS_ON_SCHEME_VERSION, DEFAULT_SCHEME_VERSION } from './standard-schemes';
import { isWorkingInstant, nextWorkingInstant } from './working-instant';

describe('isWorkingInstant', () => {
  const calendar = calendarOf({ overrides: HOLIDAYS_AUTUMN_2026 });
  const working = (when: string) => isWorkingInstant(calendar, at(when));

  it('includes the start of a period and excludes its end', () => {
    expect(working('2026-11-23T08:00')).toBe(true);
    expect(working('2026-11-23T11:59:59')).toBe(true);
    expect(working('2026-11-23T12:00')).toBe(false);
    expect(working('2026-11-23T07:59:59')).toBe(false);
  });

  it('is false on holidays and true on make-up days', () => {
    expect(working('2026-10-05T10:00')).toBe(false);
    expect(working('2026-10-10T10:00')).toBe(true);
  });

  it('is true at night when the scheme is 24 h', () => {
    expect(
      isWorkingInstant(
        calendarOf({ versions: [ALWAYS_ON_SCHEME_VERSION] }),
        at('2026-11-22T03:00'),
      ),
    ).toBe(true);
  });
});

describe('nextWorkingInstant', () => {
  const calendar = calendarOf({ overrides: HOLIDAYS_AUTUMN_2026 });
  const next = (when: string) => local(nextWorkingInstant(calendar, at(when)));

  it('returns the instant itself when it is working time', () => {
    expect(next('2026-11-23T09:15')).toBe('2026-11-23T09:15');
  });

  it('returns the next period start when the instant is in a break, a weekend or a holiday', () => {
    expect(next('2026-11-23T12:00')).toBe('2026-11-23T14:00');
    expect(next('2026-11-20T18:00')).toBe('2026-11-23T08:00');
    expect(next('2026-09-30T18:30')).toBe('2026-10-08T08:00');
  });

  it('throws when no day ever works', () => {
    const never = calendarOf({ versions: [{ ...DEFAULT_SCHEME_VERSION, workingWeekdays: [] }] });
    expect(() => nextWorkingInstant(never, at('2026-01-05T08:00'))).toThrow(/no working time/);
  });
});
