import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, DEFAULT_SCHEME_VERSION } from '../calendar/index';
import {
  extendTimer,
  lightFor,
  overtimeMultiple,
  overtimeReachedAt,
  pauseTimer,
  remainingMinutes,
  resumeTimer,
  startTimer,
  timerLight,
  usedMinutes,
} from './index';

const calendar = createWorkingCalendar({
  utcOffsetMinutes: 480,
  versions: [DEFAULT_SCHEME_VERSION],
  overrides: [],
});
const at = (local: string) => new Date(`${local}+08:00`);

describe('lights', () => {
  it('is green below 80 %, yellow from 80 % to the limit, red beyond', () => {
    expect(lightFor(79, 100)).toBe('green');
    expect(lightFor(80, 100)).toBe('yellow');
    expect(lightFor(100, 100)).toBe('yellow');
    expect(lightFor(100.5, 100)).toBe('red');
    expect(lightFor(0, 0)).toBe('green');
    expect(lightFor(1, 0)).toBe('red');
  });

  it('computes the overtime multiple', () => {
    expect(overtimeMultiple(150, 100)).toBe(0.5);
    expect(overtimeMultiple(90, 100)).toBe(0);
  });
});

describe('step timers', () => {
  it('sets the deadline and the yellow point on working time', () => {
    const timer = startTimer({
      calendar,
      step: 'dispose',
      now: at('2026-11-20T17:00:00'),
      limit: { value: 4, unit: 'working_hour' },
    });
    expect(timer.dueAt?.toISOString()).toBe(at('2026-11-23T11:00:00').toISOString());
    // 80 % of 240 min = 192 min: 60 on Friday, then Monday 08:00 + 132 min = 10:12.
    expect(timer.warnAt?.toISOString()).toBe(at('2026-11-23T10:12:00').toISOString());
    expect(timerLight(calendar, timer, at('2026-11-23T10:00:00'))).toBe('green');
    expect(timerLight(calendar, timer, at('2026-11-23T10:30:00'))).toBe('yellow');
    expect(timerLight(calendar, timer, at('2026-11-23T11:01:00'))).toBe('red');
  });

  it('counts natural units on the wall clock', () => {
    const timer = startTimer({
      calendar,
      step: 'dispose',
      now: at('2026-11-21T23:00:00'),
      limit: { value: 2, unit: 'natural_hour' },
    });
    expect(timer.dueAt?.toISOString()).toBe(at('2026-11-22T01:00:00').toISOString());
  });

  it('tells when a timer reaches a share of overtime, on working time, later after a pause', () => {
    const timer = startTimer({
      calendar,
      step: 'dispose',
      now: at('2026-11-20T16:00:00'),
      limit: { value: 4, unit: 'working_hour' },
    });
    // 4 h + 50 % = 6 working hours: 1 on Friday, 5 on Monday from 08:00 → 14:00 (after lunch).
    const reached = overtimeReachedAt(calendar, timer, 0.5);
    expect(overtimeMultiple(usedMinutes(calendar, timer, reached!), timer.limitMinutes)).toBe(0.5);
    expect(
      overtimeMultiple(
        usedMinutes(calendar, timer, new Date(reached!.getTime() - 60_000)),
        timer.limitMinutes,
      ),
    ).toBeLessThan(0.5);
    const paused = pauseTimer(calendar, timer, at('2026-11-23T09:00:00'));
    expect(overtimeReachedAt(calendar, paused, 0.5)).toBeNull();
    const resumed = resumeTimer(calendar, paused, at('2026-11-24T09:00:00'));
    expect(overtimeReachedAt(calendar, resumed, 0.5)!.getTime()).toBeGreaterThan(
      reached!.getTime(),
    );
  });

  it('pauses the clock during a hold and resumes with the time that was left', () => {
    const started = startTimer({
      calendar,
      step: 'dispose',
      now: at('2026-11-23T08:00:00'),
      limit: { value: 4, unit: 'working_hour' },
    });
    const paused = pauseTimer(calendar, started, at('2026-11-23T09:00:00'));
    expect(paused.dueAt).toBeNull();
    expect(usedMinutes(calendar, paused, at('2026-11-25T09:00:00'))).toBe(60);
    const resumed = resumeTimer(calendar, paused, at('2026-11-25T14:00:00'));
    // 3 working hours left from Wednesday 14:00 → 17:00.
    expect(resumed.dueAt?.toISOString()).toBe(at('2026-11-25T17:00:00').toISOString());
    expect(remainingMinutes(calendar, resumed, at('2026-11-25T16:00:00'))).toBe(60);
  });

  it('adds an approved postponement to the limit', () => {
    const started = startTimer({
      calendar,
      step: 'dispose',
      now: at('2026-11-23T08:00:00'),
      limit: { value: 4, unit: 'working_hour' },
    });
    const extended = extendTimer(calendar, started, 120, at('2026-11-23T10:00:00'));
    expect(extended.limitMinutes).toBe(360);
    expect(extended.dueAt?.toISOString()).toBe(at('2026-11-23T16:00:00').toISOString());
  });

  it('counts a working day as the scheme’s day length', () => {
    const timer = startTimer({
      calendar,
      step: 'dispose',
      now: at('2026-11-20T10:00:00'),
      limit: { value: 1, unit: 'working_day' },
    });
    expect(timer.limitMinutes).toBe(480);
    expect(timer.dueAt?.toISOString()).toBe(at('2026-11-23T10:00:00').toISOString());
  });
});
