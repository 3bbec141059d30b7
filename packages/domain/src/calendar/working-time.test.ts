import { describe, expect, it } from 'vitest';
import {
  ALWAYS_ON_SCHEME_VERSION,
  DEFAULT_SCHEME_VERSION,
  addLimit,
  addWorkingTime,
  createWorkingCalendar,
  dayNumber,
  isWorkingDay,
  isWorkingInstant,
  isoWeekday,
  nextWorkingInstant,
  workingTimeBetween,
  type DayOverride,
  type SchemeVersion,
} from './index';

const at = (local: string) => new Date(`${local}+08:00`);
const iso = (local: string) => at(local).toISOString();
const calendar = (options: { versions?: SchemeVersion[]; overrides?: DayOverride[] } = {}) =>
  createWorkingCalendar({
    utcOffsetMinutes: 480,
    versions: options.versions ?? [DEFAULT_SCHEME_VERSION],
    overrides: options.overrides ?? [],
  });

// 2026 National Day: 1–7 October off; Sunday 20 September and Saturday 10 October worked.
const nationalDay: DayOverride[] = [
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({
    day: `2026-10-${d}`,
    isWorking: false,
    note: '国庆节',
  })),
  { day: '2026-09-20', isWorking: true, note: '调休' },
  { day: '2026-10-10', isWorking: true, note: '调休' },
];

describe('addWorkingTime on the default scheme', () => {
  const cal = calendar();

  it('ends a 4-working-hour limit started Friday 17:00 on Monday 11:00', () => {
    expect(isoWeekday(dayNumber('2026-11-20'))).toBe(5);
    expect(addWorkingTime(cal, at('2026-11-20T17:00:00'), 240).toISOString()).toBe(
      iso('2026-11-23T11:00:00'),
    );
  });

  it('skips the lunch break', () => {
    expect(addWorkingTime(cal, at('2026-11-23T11:00:00'), 120).toISOString()).toBe(
      iso('2026-11-23T15:00:00'),
    );
  });

  it('starts counting at 14:00 when started inside the lunch break', () => {
    expect(addWorkingTime(cal, at('2026-11-23T12:30:00'), 30).toISOString()).toBe(
      iso('2026-11-23T14:30:00'),
    );
  });

  it('starts counting at 08:00 when started before work', () => {
    expect(addWorkingTime(cal, at('2026-11-23T06:10:00'), 60).toISOString()).toBe(
      iso('2026-11-23T09:00:00'),
    );
  });

  it('ends at the end of a period rather than the start of the next', () => {
    expect(addWorkingTime(cal, at('2026-11-23T08:00:00'), 240).toISOString()).toBe(
      iso('2026-11-23T12:00:00'),
    );
    expect(addWorkingTime(cal, at('2026-11-23T08:00:00'), 480).toISOString()).toBe(
      iso('2026-11-23T18:00:00'),
    );
  });

  it('returns the start for a zero limit', () => {
    expect(addWorkingTime(cal, at('2026-11-21T03:00:00'), 0).toISOString()).toBe(
      iso('2026-11-21T03:00:00'),
    );
  });
});

describe('holidays and make-up days', () => {
  const cal = calendar({ overrides: nationalDay });

  it('reads real 2026 weekdays for the make-up days', () => {
    expect(isoWeekday(dayNumber('2026-09-20'))).toBe(7);
    expect(isoWeekday(dayNumber('2026-10-10'))).toBe(6);
    expect(isWorkingDay(cal, '2026-10-10')).toBe(true);
    expect(isWorkingDay(cal, '2026-10-05')).toBe(false);
    expect(isWorkingDay(cal, '2026-10-11')).toBe(false);
  });

  it('skips a public holiday week', () => {
    // Wednesday 30 September 17:00 + 2 h → 1 h that day, then the holiday, then Thursday 8 October.
    expect(addWorkingTime(cal, at('2026-09-30T17:00:00'), 120).toISOString()).toBe(
      iso('2026-10-08T09:00:00'),
    );
  });

  it('counts a make-up Saturday', () => {
    // Friday 9 October 17:00 + 2 h → Saturday 10 October 09:00.
    expect(addWorkingTime(cal, at('2026-10-09T17:00:00'), 120).toISOString()).toBe(
      iso('2026-10-10T09:00:00'),
    );
  });

  it('counts working time across a weekend and the holiday', () => {
    // From Friday 25 September 12:00 to Thursday 8 October 12:00:
    // Fri afternoon 4 h + Mon–Wed 28–30 Sep 24 h + Thu 8 Oct morning 4 h = 32 h.
    expect(workingTimeBetween(cal, at('2026-09-25T12:00:00'), at('2026-10-08T12:00:00'))).toBe(
      32 * 60,
    );
    expect(workingTimeBetween(cal, at('2026-10-08T12:00:00'), at('2026-09-25T12:00:00'))).toBe(0);
  });
});

describe('scheme changes and other schemes', () => {
  const summer: SchemeVersion = {
    validFrom: '2027-07-01',
    periods: [
      { start: '07:30', end: '11:30' },
      { start: '14:30', end: '18:30' },
    ],
    workingWeekdays: [1, 2, 3, 4, 5],
  };

  it('uses both versions for a span crossing the change', () => {
    const cal = calendar({ versions: [DEFAULT_SCHEME_VERSION, summer] });
    // Wednesday 30 June 17:00: 1 h on the old hours, then Thursday 1 July from 07:30.
    expect(addWorkingTime(cal, at('2027-06-30T17:00:00'), 120).toISOString()).toBe(
      iso('2027-07-01T08:30:00'),
    );
    expect(workingTimeBetween(cal, at('2027-06-30T17:00:00'), at('2027-07-01T08:30:00'))).toBe(120);
  });

  it('works through nights and weekends on the 24 h scheme', () => {
    const cal = calendar({ versions: [ALWAYS_ON_SCHEME_VERSION] });
    expect(addWorkingTime(cal, at('2026-11-21T23:00:00'), 180).toISOString()).toBe(
      iso('2026-11-22T02:00:00'),
    );
    expect(isWorkingInstant(cal, at('2026-11-22T03:00:00'))).toBe(true);
  });

  it('adds working days, natural hours, natural days and minutes', () => {
    const cal = calendar({ overrides: nationalDay });
    expect(
      addLimit(cal, at('2026-11-20T10:00:00'), { value: 1, unit: 'working_day' }).toISOString(),
    ).toBe(iso('2026-11-23T10:00:00'));
    expect(
      addLimit(cal, at('2026-09-29T10:00:00'), { value: 3, unit: 'working_day' }).toISOString(),
    ).toBe(iso('2026-10-09T10:00:00'));
    expect(
      addLimit(cal, at('2026-11-21T23:00:00'), { value: 2, unit: 'natural_hour' }).toISOString(),
    ).toBe(iso('2026-11-22T01:00:00'));
    expect(
      addLimit(cal, at('2026-11-21T23:00:00'), { value: 1, unit: 'natural_day' }).toISOString(),
    ).toBe(iso('2026-11-22T23:00:00'));
    expect(
      addLimit(cal, at('2026-11-21T23:00:00'), { value: 30, unit: 'minute' }).toISOString(),
    ).toBe(iso('2026-11-21T23:30:00'));
  });

  it('finds the next working instant', () => {
    const cal = calendar();
    expect(nextWorkingInstant(cal, at('2026-11-21T10:00:00')).toISOString()).toBe(
      iso('2026-11-23T08:00:00'),
    );
    expect(nextWorkingInstant(cal, at('2026-11-23T09:15:00')).toISOString()).toBe(
      iso('2026-11-23T09:15:00'),
    );
  });
});

describe('inverse property and validation', () => {
  it('gives back the minutes it added, over many starts and durations', () => {
    const cal = calendar({ overrides: nationalDay });
    let seed = 12345;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const base = at('2026-09-01T00:00:00').getTime();
    for (let i = 0; i < 300; i++) {
      const start = new Date(base + Math.floor(next() * 60 * 24 * 60) * 60_000);
      const minutes = 1 + Math.floor(next() * 5000);
      const end = addWorkingTime(cal, start, minutes);
      expect(workingTimeBetween(cal, start, end)).toBe(minutes);
    }
  });

  it('refuses bad times, overlaps, weekdays, duplicate days and empty schemes', () => {
    const version = (periods: { start: string; end: string }[], workingWeekdays = [1]) => ({
      validFrom: '2026-01-01',
      periods,
      workingWeekdays,
    });
    expect(() => calendar({ versions: [version([{ start: '8:00', end: '12:00' }])] })).toThrow(
      /HH:MM/,
    );
    expect(() => calendar({ versions: [version([{ start: '12:00', end: '08:00' }])] })).toThrow(
      /ends before/,
    );
    expect(() =>
      calendar({
        versions: [
          version([
            { start: '08:00', end: '12:00' },
            { start: '11:00', end: '13:00' },
          ]),
        ],
      }),
    ).toThrow(/overlap/);
    expect(() =>
      calendar({ versions: [version([{ start: '08:00', end: '12:00' }], [8])] }),
    ).toThrow(/weekday/);
    expect(() => calendar({ overrides: [{ day: '2026-02-30', isWorking: false }] })).toThrow(
      /real date/,
    );
    expect(() =>
      calendar({
        overrides: [
          { day: '2026-10-01', isWorking: false },
          { day: '2026-10-01', isWorking: true },
        ],
      }),
    ).toThrow(/twice/);
    expect(() =>
      createWorkingCalendar({ utcOffsetMinutes: 480, versions: [], overrides: [] }),
    ).toThrow(/at least one/);
    const never = createWorkingCalendar({
      utcOffsetMinutes: 480,
      versions: [version([{ start: '08:00', end: '12:00' }], [])],
      overrides: [],
    });
    expect(() => addWorkingTime(never, at('2026-01-05T08:00:00'), 60)).toThrow(/no working time/);
  });
});
