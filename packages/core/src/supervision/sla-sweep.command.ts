import {
  caseRepository,
  caseTimerRepository,
  outboxRepository,
  supervisionRepository,
  type CaseTimerRow,
  type Executor,
} from '@xiuhua/db';
import {
  overtimeMultiple,
  overtimeReachedAt,
  usedMinutes,
  type WorkingCalendar,
} from '@xiuhua/domain';
import { inTransaction, type AppContext } from '../context';
import { timerCalendar, toStepTimer } from '../cases/case-timers';

export type SweepResult = {
  yellow: number;
  red: number;
  warnings: number;
  slips: number;
  /** Overdue timers looked at for a warning this time (at most 1,000 a sweep). */
  warningChecks: number;
};

const BATCH = 200;

const STEP_NAMES: Record<string, string> = {
  dispose: '处置',
  accept: '受理',
  verify: '核实',
  file: '立案',
  dispatch: '派遣',
  check: '核查',
  close: '结案',
};

function slipReason(
  kind: 'reminder' | 'supervision' | 'warning',
  step: string,
  caseNumber: string,
) {
  const name = STEP_NAMES[step] ?? step;
  return kind === 'reminder'
    ? `${name}时限已用 80%，请抓紧办理（案件 ${caseNumber}）`
    : kind === 'supervision'
      ? `${name}已超期，请立即办理并回复（案件 ${caseNumber}）`
      : `${name}严重超期，予以警示并要求书面回复（案件 ${caseNumber}）`;
}

/**
 * Issues one automatic slip per timer (a timer that already has one is skipped), with their
 * outbox events: three statements for the whole batch. Returns how many were issued.
 */
async function issueAuto(
  trx: Executor,
  timers: readonly CaseTimerRow[],
  kind: 'reminder' | 'supervision' | 'warning',
  now: Date,
): Promise<number> {
  if (timers.length === 0) return 0;
  const cases = new Map(
    (await caseRepository.findByIds(trx, [...new Set(timers.map((t) => t.case_id))])).map((c) => [
      c.id,
      c,
    ]),
  );
  const slips = timers.flatMap((timer) => {
    const row = cases.get(timer.case_id);
    if (!row) return [];
    return [
      {
        case_id: row.id,
        kind,
        origin: 'auto' as const,
        timer_id: timer.id,
        department_ids: row.department_ids,
        reason: slipReason(kind, timer.step, row.case_number),
        issued_by: null,
        issued_at: now,
      },
    ];
  });
  const inserted = await supervisionRepository.insertMany(trx, slips);
  const stepOf = new Map(timers.map((t) => [t.id, t.step]));
  await outboxRepository.appendMany(
    trx,
    inserted.map((slip) => ({
      caseId: slip.case_id,
      type: `case.slip.${kind}`,
      payload: {
        caseId: slip.case_id,
        slipId: slip.id,
        kind,
        step: slip.timer_id === null ? null : (stepOf.get(slip.timer_id) ?? null),
      },
      at: now,
    })),
  );
  return inserted.length;
}

async function sweepCrossing(
  ctx: AppContext,
  kind: 'yellow' | 'red',
  now: Date,
  steps: Set<string>,
  slip: 'reminder' | 'supervision' | null,
) {
  let timers = 0;
  let slips = 0;
  for (;;) {
    const batch = await inTransaction(ctx, async (trx) => {
      const claimed = await caseTimerRepository.claimCrossed(trx, kind, now, BATCH);
      await outboxRepository.appendMany(
        trx,
        claimed.map((timer) => ({
          caseId: timer.case_id,
          type: kind === 'yellow' ? 'case.timer.yellow' : 'case.timer.overdue',
          payload: {
            caseId: timer.case_id,
            timerId: timer.id,
            step: timer.step,
            dueAt: timer.due_at?.toISOString() ?? null,
          },
          at: now,
        })),
      );
      if (slip)
        slips += await issueAuto(
          trx,
          claimed.filter((t) => steps.has(t.step)),
          slip,
          now,
        );
      return claimed.length;
    });
    timers += batch;
    if (batch < BATCH) return { timers, slips };
  }
}

async function sweepWarnings(
  ctx: AppContext,
  calendar: WorkingCalendar,
  now: Date,
  steps: string[],
  share: number,
): Promise<{ issued: number; checked: number }> {
  return inTransaction(ctx, async (trx) => {
    const candidates = await supervisionRepository.overdueWithoutWarning(trx, steps, 1000, now);
    const due: CaseTimerRow[] = [];
    const later: { id: number; at: Date }[] = [];
    for (const timer of candidates) {
      const t = toStepTimer(timer);
      if (overtimeMultiple(usedMinutes(calendar, t, now), t.limitMinutes) >= share) due.push(timer);
      else {
        // Not yet: no need to look again before it can have used that much time.
        const at = overtimeReachedAt(calendar, t, share);
        if (at) later.push({ id: timer.id, at });
      }
    }
    await caseTimerRepository.deferWarningChecks(trx, later);
    const issued = await issueAuto(trx, due, 'warning', now);
    // Warned once: the timers leave the sweep's list of candidates.
    await caseTimerRepository.markWarned(
      trx,
      due.map((t) => t.id),
      now,
    );
    return { issued, checked: candidates.length };
  });
}

/**
 * The SLA sweep: marks timers that passed their yellow point or their deadline (each exactly
 * once, claimed with SKIP LOCKED so several sweepers can run), emits the events, and issues
 * the configured slips: 提醒单 at yellow, 督办单 at red, 警示单 when overdue by the set margin.
 * Idempotent: running it again at the same moment does nothing more.
 */
export async function sweepTimers(ctx: AppContext): Promise<SweepResult> {
  const now = ctx.clock.now();
  const calendar = await timerCalendar(ctx);
  const rules = new Map((await supervisionRepository.rules(ctx.db.kysely)).map((r) => [r.kind, r]));
  const stepsOf = (kind: 'reminder' | 'supervision' | 'warning') => {
    const rule = rules.get(kind);
    return new Set(rule?.enabled ? rule.steps : []);
  };
  const yellow = await sweepCrossing(ctx, 'yellow', now, stepsOf('reminder'), 'reminder');
  const red = await sweepCrossing(ctx, 'red', now, stepsOf('supervision'), 'supervision');
  const warningRule = rules.get('warning');
  const warnings = warningRule?.enabled
    ? await sweepWarnings(ctx, calendar, now, warningRule.steps, warningRule.overtime_share)
    : { issued: 0, checked: 0 };
  return {
    yellow: yellow.timers,
    red: red.timers,
    warnings: warnings.issued,
    slips: yellow.slips + red.slips + warnings.issued,
    warningChecks: warnings.checked,
  };
}
