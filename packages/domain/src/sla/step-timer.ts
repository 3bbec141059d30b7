import {
  addLimit,
  addWorkingTime,
  workingTimeBetween,
  type LimitUnit,
} from '../calendar/working-time';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { lightFor, YELLOW_SHARE, type Light } from './lights';

const MINUTE_MS = 60_000;

/** Working units count on the calendar; natural units on the wall clock. */
export const isWorkingUnit = (unit: LimitUnit) => unit === 'working_hour' || unit === 'working_day';

/**
 * A running deadline of one step. `limitMinutes` is the whole limit in the unit's own minutes
 * (working or natural), so pauses and extensions stay exact on either clock.
 */
export type StepTimer = {
  step: string;
  startedAt: Date;
  unit: LimitUnit;
  limitMinutes: number;
  /** Minutes used before the current running stretch (earlier stretches before pauses). */
  usedBeforeMinutes: number;
  /** Start of the current running stretch; null while paused. */
  runningSince: Date | null;
  dueAt: Date | null;
  warnAt: Date | null;
};

function minutesOf(
  calendar: WorkingCalendar,
  start: Date,
  limit: { value: number; unit: LimitUnit },
): number {
  if (limit.unit === 'working_hour') return limit.value * 60;
  if (limit.unit === 'working_day')
    return workingTimeBetween(calendar, start, addLimit(calendar, start, limit));
  if (limit.unit === 'natural_hour') return limit.value * 60;
  if (limit.unit === 'natural_day') return limit.value * 24 * 60;
  return limit.value;
}

function addMinutes(calendar: WorkingCalendar, unit: LimitUnit, from: Date, minutes: number): Date {
  return isWorkingUnit(unit)
    ? addWorkingTime(calendar, from, minutes)
    : new Date(from.getTime() + minutes * MINUTE_MS);
}

function between(calendar: WorkingCalendar, unit: LimitUnit, from: Date, to: Date): number {
  return isWorkingUnit(unit)
    ? workingTimeBetween(calendar, from, to)
    : Math.max(0, (to.getTime() - from.getTime()) / MINUTE_MS);
}

function schedule(calendar: WorkingCalendar, timer: StepTimer, from: Date): StepTimer {
  const remaining = Math.max(0, timer.limitMinutes - timer.usedBeforeMinutes);
  const toWarn = Math.max(0, timer.limitMinutes * YELLOW_SHARE - timer.usedBeforeMinutes);
  return {
    ...timer,
    runningSince: from,
    dueAt: addMinutes(calendar, timer.unit, from, remaining),
    warnAt: addMinutes(calendar, timer.unit, from, toWarn),
  };
}

/** Starts a step's timer at `now` with a limit such as { value: 4, unit: 'working_hour' }. */
export function startTimer(options: {
  calendar: WorkingCalendar;
  step: string;
  now: Date;
  limit: { value: number; unit: LimitUnit };
}): StepTimer {
  const { calendar, step, now, limit } = options;
  const base: StepTimer = {
    step,
    startedAt: now,
    unit: limit.unit,
    limitMinutes: minutesOf(calendar, now, limit),
    usedBeforeMinutes: 0,
    runningSince: now,
    dueAt: null,
    warnAt: null,
  };
  return schedule(calendar, base, now);
}

/** Minutes used so far (in the timer's own minutes). */
export function usedMinutes(calendar: WorkingCalendar, timer: StepTimer, now: Date): number {
  return (
    timer.usedBeforeMinutes +
    (timer.runningSince ? between(calendar, timer.unit, timer.runningSince, now) : 0)
  );
}

/** Stops the clock (hold): the deadline disappears until resumed. */
export function pauseTimer(calendar: WorkingCalendar, timer: StepTimer, now: Date): StepTimer {
  if (!timer.runningSince) return timer;
  return {
    ...timer,
    usedBeforeMinutes: usedMinutes(calendar, timer, now),
    runningSince: null,
    dueAt: null,
    warnAt: null,
  };
}

/** Restarts a paused clock: the remaining time counts from now. */
export function resumeTimer(calendar: WorkingCalendar, timer: StepTimer, now: Date): StepTimer {
  return timer.runningSince ? timer : schedule(calendar, timer, now);
}

/** Adds granted time (postponement) to the limit and moves the deadline. */
export function extendTimer(
  calendar: WorkingCalendar,
  timer: StepTimer,
  minutes: number,
  now: Date,
): StepTimer {
  const extended = { ...timer, limitMinutes: timer.limitMinutes + minutes };
  if (!timer.runningSince) return extended;
  const used = usedMinutes(calendar, timer, now);
  return schedule(calendar, { ...extended, usedBeforeMinutes: used }, now);
}

/** The light of a timer now; paused timers keep the light of their used share. */
export function timerLight(calendar: WorkingCalendar, timer: StepTimer, now: Date): Light {
  return lightFor(usedMinutes(calendar, timer, now), timer.limitMinutes);
}

/** Remaining minutes (negative when overdue). */
export function remainingMinutes(calendar: WorkingCalendar, timer: StepTimer, now: Date): number {
  return timer.limitMinutes - usedMinutes(calendar, timer, now);
}

/**
 * When a running timer will have used its limit plus `share` of it again (the 警示 point of
 * the warning rule), if it keeps running; null while paused. A pause or a postponement only
 * moves this later, so a sweep may wait until then before looking at the timer again.
 */
export function overtimeReachedAt(
  calendar: WorkingCalendar,
  timer: StepTimer,
  share: number,
): Date | null {
  if (!timer.runningSince) return null;
  const remaining = Math.max(0, timer.limitMinutes * (1 + share) - timer.usedBeforeMinutes);
  return addMinutes(calendar, timer.unit, timer.runningSince, remaining);
}
