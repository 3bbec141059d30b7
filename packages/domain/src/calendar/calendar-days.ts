import { dayNumber, isoWeekday } from './local-time';
import type { CompiledSchemeVersion, PeriodMs, WorkingCalendar } from './working-calendar';

/**
 * A calendar may not go longer than this without working time (about ten years); beyond it
 * the scheme is taken as mis-configured rather than looping for ever.
 */
export const MAX_IDLE_DAYS = 3660;

export function noWorkingTimeError(): Error {
  return new Error(`the working calendar has no working time within ${MAX_IDLE_DAYS} days`);
}

const NO_PERIODS: readonly PeriodMs[] = Object.freeze([]);

/** Index of the version in force on a day; days before the first version use the first. */
function versionIndexOn(calendar: WorkingCalendar, day: number): number {
  const { versions } = calendar;
  let low = 0;
  let high = versions.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((versions[middle]?.fromDay ?? Infinity) <= day) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The scheme version in force on a local day number. */
export function versionOn(calendar: WorkingCalendar, day: number): CompiledSchemeVersion {
  const version = calendar.versions[versionIndexOn(calendar, day)];
  // createWorkingCalendar guarantees at least one version.
  if (!version) throw new Error('the working calendar has no scheme versions');
  return version;
}

/** Whether a local day number works: its override if any, else the weekday rule. */
export function isWorkingDayNumber(calendar: WorkingCalendar, day: number): boolean {
  return (
    calendar.overrides.get(day) ?? versionOn(calendar, day).weekdayWorks[isoWeekday(day)] === true
  );
}

/** Working periods of a local day number; empty on days off. */
export function periodsOn(calendar: WorkingCalendar, day: number): readonly PeriodMs[] {
  return isWorkingDayNumber(calendar, day) ? versionOn(calendar, day).periods : NO_PERIODS;
}

/** Working milliseconds of a whole local day. */
export function dayWorkMs(calendar: WorkingCalendar, day: number): number {
  return isWorkingDayNumber(calendar, day) ? versionOn(calendar, day).dayMs : 0;
}

/** Working milliseconds of some periods that fall inside [fromMs, toMs) of their day. */
export function overlapMs(periods: readonly PeriodMs[], fromMs: number, toMs: number): number {
  let total = 0;
  for (const [start, end] of periods) {
    const overlap = Math.min(end, toMs) - Math.max(start, fromMs);
    if (overlap > 0) total += overlap;
  }
  return total;
}

/** Index of the first overridden day on or after `day`. */
function firstOverrideFrom(calendar: WorkingCalendar, day: number): number {
  const days = calendar.overrideDays;
  let low = 0;
  let high = days.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((days[middle] ?? Infinity) < day) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * How many whole weeks starting at `day` are identical — one scheme version and no
 * override — and the working milliseconds of each. Long spans are skipped a stretch at a
 * time instead of day by day; `weeks` is Infinity when nothing ever changes again.
 */
export function uniformWeeksFrom(
  calendar: WorkingCalendar,
  day: number,
): { weeks: number; weekMs: number } {
  const index = versionIndexOn(calendar, day);
  const version = calendar.versions[index];
  if (!version) throw new Error('the working calendar has no scheme versions');
  const nextVersionDay = calendar.versions[index + 1]?.fromDay ?? Infinity;
  const nextOverrideDay = calendar.overrideDays[firstOverrideFrom(calendar, day)] ?? Infinity;
  const boundary = Math.min(nextVersionDay, nextOverrideDay);
  return { weeks: Math.floor((boundary - day) / 7), weekMs: version.weekMs };
}

/**
 * Whether a local calendar day ('YYYY-MM-DD') is a working day: a holiday or 调休 make-up
 * override decides first, else the working weekdays of the scheme version in force.
 */
export function isWorkingDay(calendar: WorkingCalendar, day: string): boolean {
  const index = dayNumber(day);
  if (Number.isNaN(index)) throw new Error(`"${day}" is not a real YYYY-MM-DD date`);
  return isWorkingDayNumber(calendar, index);
}
