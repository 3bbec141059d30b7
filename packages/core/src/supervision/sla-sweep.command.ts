import {
  caseRepository,
  caseTimerRepository,
  outboxRepository,
  supervisionRepository,
  type CaseTimerRow,
  type Executor,
} from '@xiuhua/db';
import { overtimeMultiple, usedMinutes, type WorkingCalendar } from '@xiuhua/domain';
import { inTransaction, type AppContext } from '../context';
import { timerCalendar, toStepTimer } from '../cases/case-timers';

export type SweepResult = { yellow: number; red: number; warnings: number; slips: number };

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

async function issueAuto(
  trx: Executor,
  timer: CaseTimerRow,
  kind: 'reminder' | 'supervision' | 'warning',
  now: Date,
): Promise<number> {
  const row = await caseRepository.findById(trx, timer.case_id);
  if (!row) return 0;
  const step = STEP_NAMES[timer.step] ?? timer.step;
  const reason =
    kind === 'reminder'
      ? `${step}时限已用 80%，请抓紧办理（案件 ${row.case_number}）`
      : kind === 'supervision'
        ? `${step}已超期，请立即办理并回复（案件 ${row.case_number}）`
        : `${step}严重超期，予以警示并要求书面回复（案件 ${row.case_number}）`;
  const id = await supervisionRepository.insert(trx, {
    case_id: row.id,
    kind,
    origin: 'auto',
    timer_id: timer.id,
    department_ids: row.department_ids,
    reason,
    issued_by: null,
    issued_at: now,
  });
  if (id === undefined) return 0;
  await outboxRepository.append(trx, {
    caseId: row.id,
    type: `case.slip.${kind}`,
    payload: { caseId: row.id, slipId: id, kind, step: timer.step },
    at: now,
  });
  return 1;
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
      for (const timer of claimed) {
        await outboxRepository.append(trx, {
          caseId: timer.case_id,
          type: kind === 'yellow' ? 'case.timer.yellow' : 'case.timer.overdue',
          payload: {
            caseId: timer.case_id,
            timerId: timer.id,
            step: timer.step,
            dueAt: timer.due_at?.toISOString() ?? null,
          },
          at: now,
        });
        if (slip && steps.has(timer.step)) slips += await issueAuto(trx, timer, slip, now);
      }
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
): Promise<number> {
  return inTransaction(ctx, async (trx) => {
    let issued = 0;
    for (const timer of await supervisionRepository.overdueWithoutWarning(trx, steps, 1000)) {
      const t = toStepTimer(timer);
      if (overtimeMultiple(usedMinutes(calendar, t, now), t.limitMinutes) >= share)
        issued += await issueAuto(trx, timer, 'warning', now);
    }
    return issued;
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
    : 0;
  return {
    yellow: yellow.timers,
    red: red.timers,
    warnings,
    slips: yellow.slips + red.slips + warnings,
  };
}
