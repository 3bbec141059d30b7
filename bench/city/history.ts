// A case history for the synthetic city: each case is simulated through the real workflow's
// actions (create → accept/verify → file → dispatch → feed back → check → close, with self-
// disposal, direct answers, voids, returns, postponements, holds, rework and overdue steps),
// with step timers, then cut at the end of the history, so recent cases are still open. Its
// indicator facts come from the domain's own `deriveFacts`. Deterministic by seed.
import {
  deriveFacts,
  STEP_OF_STATE,
  type CaseSource,
  type Fact,
  type FactAction,
  type FactTimer,
} from '@xiuhua/domain';

export type HistoryPeople = {
  supervisors: number[];
  operators: number[];
  shiftLeaders: number[];
  dispatchers: number[];
  handlers: number[];
};

export type HistoryClass = { id: number; kind: 'component' | 'event'; weight: number };

export type SimAction = FactAction & { opinion: string | null };
export type SimTimer = FactTimer & {
  limitMinutes: number;
  deadlineAt: Date | null;
  warnAt: Date | null;
};

export type SimCase = {
  source: CaseSource;
  classId: number;
  urgency: 'normal' | 'urgent';
  reporterUserId: number | null;
  createdAt: Date;
  state: string;
  departmentIds: number[];
  dispatchedAt: Date | null;
  reworkCount: number;
  closureType: 'normal' | 'overdue' | 'self_disposed' | 'direct' | null;
  voidType: 'not_accepted' | 'not_filed' | 'voided' | null;
  closedAt: Date | null;
  updatedAt: Date;
  actions: SimAction[];
  timers: SimTimer[];
  facts: Fact[];
};

const SOURCES: [CaseSource, number][] = [
  ['supervisor', 0.55],
  ['hotline_12345', 0.28],
  ['citizen_web', 0.05],
  ['open311', 0.02],
  ['video', 0.06],
  ['sensor', 0.04],
];
// Minutes allowed per step (natural time; the real limits of disposal are working time).
const STEP_LIMIT: Record<string, number> = {
  accept: 30,
  verify: 120,
  file: 30,
  dispatch: 30,
  check: 24 * 60,
  close: 60,
  review_self_disposal: 60,
  approve_return: 60,
  approve_hold: 8 * 60,
};
const DISPOSE_DAYS = [1, 2, 3, 5];
// Hour-of-day weights of reports (00–23): busy mornings, quiet nights.
const HOUR_WEIGHTS = [
  1, 1, 1, 1, 1, 2, 4, 8, 12, 14, 13, 11, 8, 10, 12, 12, 11, 9, 7, 5, 4, 3, 2, 1,
];

function pickWeighted<T>(random: () => number, items: readonly [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r <= 0) return item;
  }
  return items[items.length - 1]![0];
}

/**
 * Simulates one case. `t0` is its report time, `end` the end of the history: actions after it
 * are cut off and the timers running then stay running.
 */
export function simulateCase(
  random: () => number,
  input: {
    t0: Date;
    end: Date;
    classes: readonly HistoryClass[];
    classWeights: readonly [HistoryClass, number][];
    people: HistoryPeople;
    departmentsOf(classId: number): number[];
  },
): SimCase {
  const { people } = input;
  const pick = (ids: number[]) => ids[Math.floor(random() * ids.length)]!;
  const source = pickWeighted(random, SOURCES);
  const cls = pickWeighted(random, input.classWeights);
  const urgency = random() < 0.05 ? 'urgent' : 'normal';
  const reporter = source === 'supervisor' ? pick(people.supervisors) : null;
  const actions: SimAction[] = [];
  const timers: SimTimer[] = [];
  let state = source === 'supervisor' && random() < 0.12 ? 'DRAFT' : 'PENDING_ACCEPT';
  let at = input.t0.getTime();
  let departments: number[] = [];
  let dispatchedAt: number | null = null;
  let reworks = 0;
  let overdueDisposal = false;
  // Most steps finish well inside their limit; `lateShare` of them run over.
  const lateShare = 0.04 + random() * 0.06;
  const stepMinutes = (limit: number) =>
    random() < lateShare ? limit * (1.05 + random() * 1.5) : limit * (0.1 + 0.85 * random() ** 1.6);

  const openTimer = (step: string, limit: number) => {
    const timer: SimTimer = {
      id: timers.length + 1,
      step,
      status: 'running',
      startedAt: new Date(at),
      dueAt: new Date(at + limit * 60_000),
      finishedAt: null,
      overdue: null,
      limitMinutes: limit,
      deadlineAt: null,
      warnAt: new Date(at + limit * 0.8 * 60_000),
    };
    timers.push(timer);
  };
  const act = (
    action: string,
    to: string,
    actor: number | null,
    roles: string[],
    minutes: number,
    detail: Record<string, unknown> = {},
  ) => {
    if (actions.length > 0) at += Math.max(1, minutes) * 60_000;
    const running = timers.find((t) => t.status === 'running');
    if (running && state !== to) {
      running.status = 'done';
      running.finishedAt = new Date(at);
      running.deadlineAt = running.dueAt;
      running.overdue = at > running.dueAt!.getTime();
    }
    actions.push({
      seq: actions.length + 1,
      action,
      fromState: actions.length === 0 && action === 'create' ? null : state,
      toState: to,
      actorUserId: actor,
      actorRoles: roles,
      at: new Date(at),
      detail,
      opinion: null,
    });
    if (state !== to || action === 'create') {
      state = to;
      const step = (STEP_OF_STATE as Record<string, string | undefined>)[to];
      if (step === 'dispose') {
        const days = DISPOSE_DAYS[cls.id % DISPOSE_DAYS.length]!;
        openTimer('dispose', (urgency === 'urgent' ? days / 2 : days) * 24 * 60);
      } else if (step && STEP_LIMIT[step]) openTimer(step, STEP_LIMIT[step]);
    }
  };
  const stepTime = (step: string) => stepMinutes(STEP_LIMIT[step] ?? 60);

  act(
    'create',
    state,
    reporter ?? pick(people.operators),
    [reporter ? 'supervisor' : 'operator'],
    0,
  );
  let outcome: 'closed' | 'void' | 'held' = 'closed';
  if (state === 'DRAFT') {
    act('self_dispose', 'SELF_DISPOSED_REVIEW', reporter, ['supervisor'], 5 + random() * 30);
    act(
      'approve_self_disposal',
      'CLOSED',
      pick(people.operators),
      ['operator'],
      stepTime('review_self_disposal'),
    );
  } else {
    const isPublic = source !== 'supervisor' && source !== 'video' && source !== 'sensor';
    const operator = pick(people.operators);
    const r = random();
    if (source === 'hotline_12345' && r < 0.15) {
      act('answer_directly', 'CLOSED', operator, ['operator'], stepTime('accept'));
    } else if (r < 0.2 && isPublic) {
      act('reject', 'VOID', operator, ['operator'], stepTime('accept'));
      outcome = 'void';
    } else {
      if (isPublic) {
        act('send_verify', 'PENDING_VERIFY', operator, ['operator'], stepTime('accept'));
        if (random() < 0.1) {
          act('verify_false', 'VOID', pick(people.supervisors), ['supervisor'], stepTime('verify'));
          outcome = 'void';
        } else
          act(
            'verify_true',
            'PENDING_FILE',
            pick(people.supervisors),
            ['supervisor'],
            stepTime('verify'),
          );
      } else act('accept', 'PENDING_FILE', operator, ['operator'], stepTime('accept'));
      if (outcome !== 'void' && random() < 0.03) {
        act('refuse_file', 'VOID', pick(people.shiftLeaders), ['shift_leader'], stepTime('file'));
        outcome = 'void';
      }
      if (outcome !== 'void') {
        act(
          'file',
          'PENDING_DISPATCH',
          pick(people.shiftLeaders),
          ['shift_leader'],
          stepTime('file'),
        );
        departments = input.departmentsOf(cls.id);
        const dispatcher = pick(people.dispatchers);
        act('dispatch', 'DISPOSING', dispatcher, ['dispatcher'], stepTime('dispatch'), {
          departmentIds: departments,
        });
        dispatchedAt = at;
        const handler = pick(people.handlers);
        if (random() < 0.02) {
          act(
            'request_return',
            'RETURN_REQUESTED',
            handler,
            ['department_handler'],
            30 + random() * 60,
          );
          act(
            'approve_return',
            'PENDING_DISPATCH',
            dispatcher,
            ['dispatcher'],
            stepTime('approve_return'),
          );
          departments = input.departmentsOf(cls.id + 1);
          act('dispatch', 'DISPOSING', dispatcher, ['dispatcher'], stepTime('dispatch'), {
            departmentIds: departments,
          });
        }
        act('sign_for', 'DISPOSING', handler, ['department_handler'], 10 + random() * 60);
        if (random() < 0.03) {
          act(
            'request_postpone',
            'DISPOSING',
            handler,
            ['department_handler'],
            60 + random() * 600,
          );
          act('approve_postpone', 'DISPOSING', dispatcher, ['dispatcher'], 30 + random() * 60);
          const dispose = timers[timers.length - 1]!;
          dispose.dueAt = new Date(dispose.dueAt!.getTime() + 2 * 24 * 3600_000);
        }
        const rounds = random() < 0.05 ? 2 : 1;
        for (let round = 1; round <= rounds; round++) {
          const dispose = timers[timers.length - 1]!;
          if (random() < 0.008) {
            act('request_hold', 'HOLD_REQUESTED', handler, ['department_handler'], 600);
            act('approve_hold', 'ON_HOLD', dispatcher, ['dispatcher'], stepTime('approve_hold'));
            outcome = 'held';
            break;
          }
          const feedAfter = stepMinutes(dispose.limitMinutes);
          act('feed_back', 'PENDING_CHECK', handler, ['department_handler'], feedAfter);
          overdueDisposal = dispose.overdue === true;
          act('send_check', 'PENDING_CHECK', operator, ['operator'], 2 + random() * 10);
          if (round < rounds) {
            act(
              'check_fail',
              'DISPOSING',
              pick(people.supervisors),
              ['supervisor'],
              stepTime('check'),
            );
            reworks++;
          } else
            act(
              'check_pass',
              'PENDING_CLOSE',
              pick(people.supervisors),
              ['supervisor'],
              stepTime('check'),
            );
        }
        if (outcome === 'closed')
          act('close', 'CLOSED', pick(people.shiftLeaders), ['shift_leader'], stepTime('close'), {
            overdue: overdueDisposal,
          });
      }
    }
  }
  // Cut at the end of the history: later actions have not happened yet.
  const end = input.end.getTime();
  const kept = actions.filter((a) => a.at.getTime() <= end);
  const keptTimers = timers.filter((t) => t.startedAt.getTime() <= end);
  for (const t of keptTimers) {
    if (t.finishedAt && t.finishedAt.getTime() > end) {
      t.status = 'running';
      t.finishedAt = null;
      t.overdue = null;
      t.deadlineAt = null;
    }
  }
  const last = kept[kept.length - 1]!;
  const finalState = last.toState;
  const closing = kept.find((a) => a.toState === 'CLOSED');
  const voiding = kept.find((a) => a.toState === 'VOID');
  const c: SimCase = {
    source,
    classId: cls.id,
    urgency,
    reporterUserId: reporter,
    createdAt: input.t0,
    state: finalState,
    departmentIds: kept.some((a) => a.action === 'dispatch') ? departments : [],
    dispatchedAt: dispatchedAt !== null && dispatchedAt <= end ? new Date(dispatchedAt) : null,
    reworkCount: kept.filter((a) => a.action === 'check_fail').length,
    closureType: closing
      ? closing.action === 'approve_self_disposal'
        ? 'self_disposed'
        : closing.action === 'answer_directly'
          ? 'direct'
          : closing.detail.overdue === true
            ? 'overdue'
            : 'normal'
      : null,
    voidType: voiding
      ? voiding.action === 'reject'
        ? 'not_accepted'
        : voiding.action === 'refuse_file' || voiding.action === 'verify_false'
          ? 'not_filed'
          : 'voided'
      : null,
    closedAt: closing?.at ?? null,
    updatedAt: last.at,
    actions: kept,
    timers: keptTimers,
    facts: [],
  };
  c.facts = deriveFacts({ source, reporterUserId: reporter }, kept, keptTimers);
  void reworks;
  return c;
}

/** Report times of one day's `count` cases from China midnight `dayStart`, in order. */
export function dayTimes(random: () => number, dayStart: number, count: number): Date[] {
  const hours = HOUR_WEIGHTS.map((w, h) => [h, w] as [number, number]);
  const times: number[] = [];
  for (let i = 0; i < count; i++)
    times.push(dayStart + pickWeighted(random, hours) * 3600_000 + random() * 3600_000);
  return times.sort((a, b) => a - b).map((t) => new Date(t));
}
