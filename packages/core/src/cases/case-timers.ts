import {
  catalogueRepository,
  caseTimerRepository,
  stepLimitRepository,
  type CaseRow,
  type CaseTimerRow,
  type Executor,
} from '@xiuhua/db';
import {
  AppError,
  createWorkingCalendar,
  DEFAULT_SCHEME_VERSION,
  extendTimer,
  pauseTimer,
  resumeTimer,
  startTimer,
  usedMinutes,
  type CaseState,
  type ClockEffect,
  type LimitUnit,
  type StepTimer,
  type TimedStep,
  type WorkingCalendar,
} from '@xiuhua/domain';
import { loadCalendar } from '../calendars/calendar.queries';
import type { AppContext } from '../context';

/** Disposal limit when a case has no class rule yet. */
const FALLBACK_DISPOSAL = { value: 3, unit: 'working_day' as LimitUnit };

/** The default scheme's calendar, or standard office hours when none is configured yet. */
export async function timerCalendar(ctx: AppContext): Promise<WorkingCalendar> {
  try {
    return (await loadCalendar(ctx)).calendar;
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') {
      return createWorkingCalendar({
        utcOffsetMinutes: 480,
        versions: [DEFAULT_SCHEME_VERSION],
        overrides: [],
      });
    }
    throw error;
  }
}

/** The limit of a step: the class rule for disposal, the step table for the centre's steps. */
async function limitFor(
  db: Executor,
  step: TimedStep,
  row: CaseRow,
): Promise<{ value: number; unit: LimitUnit }> {
  const urgency = row.urgency ?? 'normal';
  if (step === 'dispose') {
    if (row.class_id === null)
      return { value: FALLBACK_DISPOSAL.value * row.limit_factor, unit: FALLBACK_DISPOSAL.unit };
    const rules = await catalogueRepository.rules(db, [row.class_id]);
    const rule =
      rules.find(
        (r) => r.condition_code === (row.condition_code ?? 'default') && r.urgency === urgency,
      ) ??
      rules.find((r) => r.condition_code === 'default' && r.urgency === urgency) ??
      rules.find((r) => r.urgency === urgency);
    const base = rule ? { value: rule.limit_value, unit: rule.limit_unit } : FALLBACK_DISPOSAL;
    // Key supervision and region classes scale the disposal limit (see assessKeySupervision).
    return { value: base.value * row.limit_factor, unit: base.unit };
  }
  const limit = await stepLimitRepository.find(db, step, urgency);
  return limit
    ? { value: limit.limit_value, unit: limit.limit_unit }
    : { value: 60, unit: 'minute' };
}

export function toStepTimer(row: CaseTimerRow): StepTimer {
  return {
    step: row.step,
    startedAt: row.started_at,
    unit: row.unit,
    limitMinutes: row.limit_minutes,
    usedBeforeMinutes: row.used_before_minutes,
    runningSince: row.running_since,
    dueAt: row.due_at,
    warnAt: row.warn_at,
  };
}

const timerColumns = (timer: StepTimer) => ({
  limit_minutes: timer.limitMinutes,
  used_before_minutes: timer.usedBeforeMinutes,
  running_since: timer.runningSince,
  due_at: timer.dueAt,
  warn_at: timer.warnAt,
});

async function start(
  db: Executor,
  calendar: WorkingCalendar,
  row: CaseRow,
  step: TimedStep,
  now: Date,
): Promise<void> {
  const limit = await limitFor(db, step, row);
  const timer = startTimer({ calendar, step, now, limit });
  await caseTimerRepository.insert(db, {
    case_id: row.id,
    step,
    status: 'running',
    started_at: now,
    unit: timer.unit,
    ...timerColumns(timer),
  });
}

async function finish(
  db: Executor,
  calendar: WorkingCalendar,
  timers: CaseTimerRow[],
  now: Date,
  status: 'done' | 'cancelled' = 'done',
) {
  for (const row of timers) {
    const timer = toStepTimer(row);
    const overdue = usedMinutes(calendar, timer, now) > timer.limitMinutes;
    await caseTimerRepository.update(db, row.id, {
      status,
      finished_at: now,
      deadline_at: row.due_at,
      overdue,
      ...timerColumns(pauseTimer(calendar, timer, now)),
    });
  }
}

const APPROVAL_STATES: readonly CaseState[] = ['RETURN_REQUESTED', 'HOLD_REQUESTED'];

/**
 * Carries a transition's clock effect into the timers. Request steps (return, hold) run beside
 * the disposal clock; an approved hold pauses it and starts the hold period; postponement
 * extends it; any other new state finishes every timer and starts its own step.
 */
export async function applyClockEffect(
  db: Executor,
  options: {
    calendar: WorkingCalendar;
    row: CaseRow;
    clock: ClockEffect;
    to: CaseState;
    now: Date;
    postponeMinutes: number;
    /** The case was created in this transaction: it has no timers yet. */
    fresh?: boolean;
  },
): Promise<void> {
  const { calendar, row, clock, to, now } = options;
  if (clock.kind === 'none') return;
  const active = options.fresh ? [] : await caseTimerRepository.activeAll(db, row.id);
  const dispose = active.filter((t) => t.step === 'dispose');
  const others = active.filter((t) => t.step !== 'dispose');
  switch (clock.kind) {
    case 'start':
      if (APPROVAL_STATES.includes(to)) {
        await finish(db, calendar, others, now);
      } else {
        await finish(db, calendar, active, now);
      }
      await start(db, calendar, row, clock.step, now);
      return;
    case 'stop':
      await finish(db, calendar, active, now);
      return;
    case 'pause':
      await finish(db, calendar, others, now);
      for (const t of dispose)
        await caseTimerRepository.update(db, t.id, {
          status: 'paused',
          ...timerColumns(pauseTimer(calendar, toStepTimer(t), now)),
        });
      await start(db, calendar, row, 'hold', now);
      return;
    case 'resume':
      await finish(db, calendar, others, now);
      for (const t of dispose) {
        if (t.status === 'paused')
          await caseTimerRepository.update(db, t.id, {
            status: 'running',
            ...timerColumns(resumeTimer(calendar, toStepTimer(t), now)),
          });
      }
      return;
    case 'extend':
      for (const t of dispose) {
        await caseTimerRepository.update(db, t.id, {
          yellow_at: null,
          red_at: null,
          ...timerColumns(extendTimer(calendar, toStepTimer(t), options.postponeMinutes, now)),
        });
      }
      return;
  }
}

/** Whether the case's last disposal finished (or is now) past its deadline: for 超时结案. */
export async function disposalWasOverdue(
  db: Executor,
  calendar: WorkingCalendar,
  caseId: number,
  now: Date,
): Promise<boolean> {
  const timers = (await caseTimerRepository.forCase(db, caseId)).filter(
    (t) => t.step === 'dispose',
  );
  const last = timers[timers.length - 1];
  if (!last) return false;
  if (last.overdue !== null) return last.overdue;
  const timer = toStepTimer(last);
  return usedMinutes(calendar, timer, now) > timer.limitMinutes;
}
