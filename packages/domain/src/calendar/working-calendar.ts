export type WorkPeriod = { start: string; end: string };
export type SchemeVersion = { validFrom: string; periods: WorkPeriod[]; workingWeekdays: number[] };
export type DayOverride = { day: string; isWorking: boolean; note?: string };
export type WorkingCalendarInput = {
  utcOffsetMinutes: number;
  versions: SchemeVersion[];
  overrides: DayOverride[];
};

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

type CompiledVersion = {
  fromDay: number;
  periods: [number, number][];
  weekdays: Set<number>;
  minutesPerDay: number;
};

/**
 * A working calendar ready for arithmetic: scheme versions by start day, per-day
 * overrides (holidays, 调休 make-up days), and a fixed UTC offset — China keeps one all
 * year, so local days never depend on the host's time zone.
 */
export type WorkingCalendar = {
  readonly offsetMs: number;
  readonly versions: readonly CompiledVersion[];
  readonly overrides: ReadonlyMap<number, boolean>;
};

/** Standard office hours: 08:00–12:00 and 14:00–18:00, Monday to Friday (8 h a day). */
export const DEFAULT_SCHEME_VERSION: SchemeVersion = {
  validFrom: '2000-01-01',
  periods: [
    { start: '08:00', end: '12:00' },
    { start: '14:00', end: '18:00' },
  ],
  workingWeekdays: [1, 2, 3, 4, 5],
};

/** Round the clock, every day (emergency departments). */
export const ALWAYS_ON_SCHEME_VERSION: SchemeVersion = {
  validFrom: '2000-01-01',
  periods: [{ start: '00:00', end: '24:00' }],
  workingWeekdays: [1, 2, 3, 4, 5, 6, 7],
};

/** Days since 1970-01-01 of a 'YYYY-MM-DD' string, or NaN when it is not a real date. */
export function dayNumber(day: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return Number.NaN;
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) return Number.NaN;
  return ms / DAY_MS;
}

export function dayString(dayIndex: number): string {
  return new Date(dayIndex * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number; 1970-01-01 was a Thursday. */
export function isoWeekday(dayIndex: number): number {
  return ((((dayIndex + 3) % 7) + 7) % 7) + 1;
}

function parseClock(value: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) throw new Error(`time "${value}" is not HH:MM`);
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0))
    throw new Error(`time "${value}" is not a time of day`);
  return hours * 60 + minutes;
}

function compileVersion(version: SchemeVersion): CompiledVersion {
  const fromDay = dayNumber(version.validFrom);
  if (Number.isNaN(fromDay)) throw new Error(`validFrom "${version.validFrom}" is not a real date`);
  const periods = version.periods.map((p): [number, number] => {
    const start = parseClock(p.start);
    const end = parseClock(p.end);
    if (start >= end) throw new Error(`period ${p.start}–${p.end} ends before it starts`);
    return [start, end];
  });
  periods.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < periods.length; i++) {
    const previous = periods[i - 1];
    const current = periods[i];
    if (previous && current && current[0] < previous[1]) throw new Error('periods overlap');
  }
  for (const weekday of version.workingWeekdays) {
    if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7)
      throw new Error(`weekday ${weekday} is not 1–7`);
  }
  return {
    fromDay,
    periods,
    weekdays: new Set(version.workingWeekdays),
    minutesPerDay: periods.reduce((sum, [s, e]) => sum + (e - s), 0),
  };
}

/** Validates and compiles a calendar; throws an Error naming the problem. */
export function createWorkingCalendar(input: WorkingCalendarInput): WorkingCalendar {
  if (input.versions.length === 0) throw new Error('a calendar needs at least one scheme version');
  if (!Number.isInteger(input.utcOffsetMinutes) || Math.abs(input.utcOffsetMinutes) > 14 * 60) {
    throw new Error(`UTC offset ${input.utcOffsetMinutes} minutes is not valid`);
  }
  const versions = input.versions.map(compileVersion).sort((a, b) => a.fromDay - b.fromDay);
  for (let i = 1; i < versions.length; i++) {
    if (versions[i]?.fromDay === versions[i - 1]?.fromDay)
      throw new Error('two versions start on the same day');
  }
  const overrides = new Map<number, boolean>();
  for (const override of input.overrides) {
    const day = dayNumber(override.day);
    if (Number.isNaN(day)) throw new Error(`override day "${override.day}" is not a real date`);
    if (overrides.has(day)) throw new Error(`day ${override.day} is listed twice`);
    overrides.set(day, override.isWorking);
  }
  return { offsetMs: input.utcOffsetMinutes * MINUTE_MS, versions, overrides };
}

/** The scheme version in force on a day (the first version before any starts). */
export function versionOn(calendar: WorkingCalendar, dayIndex: number): CompiledVersion {
  let found = calendar.versions[0];
  for (const version of calendar.versions) {
    if (version.fromDay <= dayIndex) found = version;
    else break;
  }
  if (!found) throw new Error('calendar has no versions');
  return found;
}

export function isWorkingDayIndex(calendar: WorkingCalendar, dayIndex: number): boolean {
  return (
    calendar.overrides.get(dayIndex) ??
    versionOn(calendar, dayIndex).weekdays.has(isoWeekday(dayIndex))
  );
}

/** Working periods of a day in local minutes, empty on days off. */
export function periodsOn(
  calendar: WorkingCalendar,
  dayIndex: number,
): readonly [number, number][] {
  return isWorkingDayIndex(calendar, dayIndex) ? versionOn(calendar, dayIndex).periods : [];
}

/** Local day number and minute of day of an instant. */
export function localPosition(
  calendar: WorkingCalendar,
  at: Date,
): { day: number; minute: number } {
  const local = at.getTime() + calendar.offsetMs;
  const day = Math.floor(local / DAY_MS);
  return { day, minute: (local - day * DAY_MS) / MINUTE_MS };
}

export function instantOf(calendar: WorkingCalendar, day: number, minute: number): Date {
  return new Date(day * DAY_MS + minute * MINUTE_MS - calendar.offsetMs);
}

/** Whether a local calendar day ('YYYY-MM-DD') works. */
export function isWorkingDay(calendar: WorkingCalendar, day: string): boolean {
  const index = dayNumber(day);
  if (Number.isNaN(index)) throw new Error(`"${day}" is not a real date`);
  return isWorkingDayIndex(calendar, index);
}
