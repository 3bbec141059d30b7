import { dayNumber, dayString, MINUTE_MS, parseClock } from './local-time';

/** A working period of a day in local 'HH:MM'; `end` may be '24:00'. */
export type WorkPeriod = { start: string; end: string };

/** One version of a timing scheme (row of timing_scheme_versions), in force from `validFrom`. */
export type SchemeVersion = {
  /** Local 'YYYY-MM-DD'. */
  validFrom: string;
  periods: WorkPeriod[];
  /** ISO weekdays that work unless overridden: 1 = Monday … 7 = Sunday. */
  workingWeekdays: number[];
};

/** A holiday (`isWorking: false`) or 调休 make-up day (`isWorking: true`) (row of calendar_days). */
export type DayOverride = { day: string; isWorking: boolean; note?: string };

/** A timing scheme as stored: offset, versions and day overrides. */
export type WorkingCalendarInput = {
  /** Fixed offset of local time from UTC; China: 480. */
  utcOffsetMinutes: number;
  versions: SchemeVersion[];
  overrides: DayOverride[];
};

/** A working period in milliseconds since local midnight, half-open: [start, end). */
export type PeriodMs = readonly [startMs: number, endMs: number];

/** A scheme version compiled for arithmetic. */
export type CompiledSchemeVersion = {
  readonly fromDay: number;
  /** Sorted, non-overlapping. */
  readonly periods: readonly PeriodMs[];
  /** Index 1..7 (ISO weekday) → whether the weekday works by default. */
  readonly weekdayWorks: readonly boolean[];
  /** Working milliseconds of one working day. */
  readonly dayMs: number;
  /** Working milliseconds of a week without overrides. */
  readonly weekMs: number;
};

/**
 * A validated, frozen working calendar built by {@link createWorkingCalendar}; pass it to
 * `addWorkingTime`, `workingTimeBetween`, `addLimit` and friends.
 */
export type WorkingCalendar = {
  readonly utcOffsetMinutes: number;
  readonly offsetMs: number;
  /** Sorted by `fromDay`; the first one also covers every day before it starts. */
  readonly versions: readonly CompiledSchemeVersion[];
  /** Day number → whether that day works, overriding the weekday rule. */
  readonly overrides: ReadonlyMap<number, boolean>;
  /** Overridden day numbers, sorted, so stretches without overrides can be skipped. */
  readonly overrideDays: readonly number[];
};

/** Largest offsets in use worldwide: UTC−12:00 to UTC+14:00. */
const MIN_OFFSET_MINUTES = -12 * 60;
const MAX_OFFSET_MINUTES = 14 * 60;

function compileVersion(version: SchemeVersion): CompiledSchemeVersion {
  const fromDay = dayNumber(version.validFrom);
  if (Number.isNaN(fromDay)) {
    throw new Error(
      `scheme version validFrom "${version.validFrom}" is not a real YYYY-MM-DD date`,
    );
  }
  const where = `scheme version from ${version.validFrom}`;
  if (version.periods.length === 0) throw new Error(`${where} has no working periods`);
  const periods = version.periods
    .map((period): PeriodMs => {
      let start: number;
      let end: number;
      try {
        start = parseClock(period.start);
        end = parseClock(period.end);
      } catch (error) {
        throw new Error(`${where}: ${(error as Error).message}`);
      }
      if (start >= end) {
        throw new Error(
          `${where}: period ${period.start}–${period.end} does not end after it starts`,
        );
      }
      return [start * MINUTE_MS, end * MINUTE_MS];
    })
    .sort((a, b) => a[0] - b[0]);
  periods.forEach(([start], i) => {
    const previous = periods[i - 1];
    if (previous && start < previous[1]) {
      throw new Error(`${where}: working periods overlap`);
    }
  });

  const weekdayWorks = Array.from({ length: 8 }, () => false);
  for (const weekday of version.workingWeekdays) {
    if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
      throw new Error(`${where}: working weekday ${weekday} is not an ISO weekday 1..7`);
    }
    weekdayWorks[weekday] = true;
  }
  const dayMs = periods.reduce((sum, [start, end]) => sum + (end - start), 0);
  const workingWeekdayCount = weekdayWorks.filter(Boolean).length;
  return Object.freeze({
    fromDay,
    periods: Object.freeze(periods.map((p) => Object.freeze(p))),
    weekdayWorks: Object.freeze(weekdayWorks),
    dayMs,
    weekMs: dayMs * workingWeekdayCount,
  });
}

function compileOverrides(overrides: readonly DayOverride[]): Map<number, boolean> {
  const byDay = new Map<number, boolean>();
  for (const override of overrides) {
    const day = dayNumber(override.day);
    if (Number.isNaN(day)) {
      throw new Error(`override day "${override.day}" is not a real YYYY-MM-DD date`);
    }
    if (byDay.has(day)) throw new Error(`override day ${override.day} is listed twice`);
    byDay.set(day, override.isWorking);
  }
  return byDay;
}

/**
 * Validates a timing scheme and compiles it for fast arithmetic (versions sorted by start
 * day, overrides by day number). Throws an Error naming the problem: no versions, an offset
 * out of range, a validFrom or override day that is not a real date, a time that is not
 * HH:MM, a period that does not end after it starts, overlapping periods, a weekday outside
 * 1..7, two versions starting the same day, or an override day listed twice.
 */
export function createWorkingCalendar(input: WorkingCalendarInput): WorkingCalendar {
  const { utcOffsetMinutes } = input;
  if (
    !Number.isInteger(utcOffsetMinutes) ||
    utcOffsetMinutes < MIN_OFFSET_MINUTES ||
    utcOffsetMinutes > MAX_OFFSET_MINUTES
  ) {
    throw new Error(
      `utcOffsetMinutes ${utcOffsetMinutes} is not a whole number between ${MIN_OFFSET_MINUTES} and ${MAX_OFFSET_MINUTES}`,
    );
  }
  if (input.versions.length === 0) {
    throw new Error('a working calendar needs at least one scheme version');
  }
  const versions = input.versions.map(compileVersion).sort((a, b) => a.fromDay - b.fromDay);
  versions.forEach((version, i) => {
    if (version.fromDay === versions[i - 1]?.fromDay) {
      throw new Error(`two scheme versions start on ${dayString(version.fromDay)}`);
    }
  });
  const overrides = compileOverrides(input.overrides);
  return Object.freeze({
    utcOffsetMinutes,
    offsetMs: utcOffsetMinutes * MINUTE_MS,
    versions: Object.freeze(versions),
    overrides,
    overrideDays: Object.freeze([...overrides.keys()].sort((a, b) => a - b)),
  });
}
