import { STEP_OF_STATE, type CaseState } from '../case-workflow/case-states';
import type { CaseSource } from '../case-workflow/workflow-case';

/**
 * Indicator facts: what one case contributes to the evaluation counts (DOMAIN.md §6), derived
 * from its action log and its step timers only — so recomputing a case always gives the same
 * facts, and a period's numbers are sums over facts.
 *
 * Two sorts:
 * - **event facts** (reported, accepted, filed, dispatched, closed, rework …) land in the period
 *   of their `at`, the time of the action;
 * - **step facts** (one per timed step: accept, verify, file, dispatch, dispose, check, close)
 *   land in the period of their deadline (`at` = due time). Whether a step was on time is settled
 *   the moment its deadline passes, so a past period's on-time numbers never change. A step still
 *   open past its deadline counts as due and not on time (open overdue); a step whose deadline has
 *   not come yet is not due. A disposal paused by a hold carries `held` so the evaluation can leave
 *   it out of the denominators (configurable).
 */
export type FactKind =
  // Supervisors and intake
  | 'reported'
  | 'valid'
  | 'public_report'
  | 'missed'
  | 'accepted'
  | 'self_disposed'
  // Filing and dispatch
  | 'filed'
  | 'filed_accurate'
  | 'dispatched'
  | 'dispatched_accurate'
  | 'assigned'
  | 'assigned_accurate'
  // Disposal
  | 'rework'
  | 'returned'
  | 'postponed'
  | 'held'
  | 'voided'
  | 'closed'
  | 'closed_on_time'
  | 'return_visit'
  // Timed steps (settled at the deadline)
  | 'step_accept'
  | 'step_verify'
  | 'step_file'
  | 'step_dispatch'
  | 'step_dispose'
  | 'step_check'
  | 'step_close'
  // The case's closure against its (last) disposal deadline: 结案 / 按期结案 of regions, departments
  | 'case_close';

export const FACT_KINDS: readonly FactKind[] = [
  'reported',
  'valid',
  'public_report',
  'missed',
  'accepted',
  'self_disposed',
  'filed',
  'filed_accurate',
  'dispatched',
  'dispatched_accurate',
  'assigned',
  'assigned_accurate',
  'rework',
  'returned',
  'postponed',
  'held',
  'voided',
  'closed',
  'closed_on_time',
  'return_visit',
  'step_accept',
  'step_verify',
  'step_file',
  'step_dispatch',
  'step_dispose',
  'step_check',
  'step_close',
  'case_close',
];

/** The positions evaluated (DOMAIN.md §6); facts name the position the actor acted in. */
export type FactPosition = 'supervisor' | 'operator' | 'shift_leader' | 'dispatcher';

export type Fact = {
  kind: FactKind;
  /** When the fact lands in a period: the action's time, or a step's deadline. */
  at: Date;
  /** Step facts: when the step ended (null while open). */
  finishedAt: Date | null;
  /** Step facts: ended at or before the deadline; null while open. Event facts: null. */
  onTime: boolean | null;
  actorUserId: number | null;
  position: FactPosition | null;
  departmentId: number | null;
  /** A disposal that was paused by a hold (挂账). */
  held: boolean;
  /** 1, or a return visit's satisfaction score (100 / 80 / 50 / 0 / −100). */
  value: number;
};

export type FactAction = {
  seq: number;
  action: string;
  fromState: string | null;
  toState: string;
  actorUserId: number | null;
  actorRoles: readonly string[];
  at: Date;
  detail: Record<string, unknown>;
};

export type FactTimer = {
  id: number;
  step: string;
  status: 'running' | 'paused' | 'done' | 'cancelled';
  startedAt: Date;
  /** The deadline: a running step's due time, or the one a finished step had when it ended. */
  dueAt: Date | null;
  finishedAt: Date | null;
  /** Set when the step ended: it used more working time than its limit. */
  overdue?: boolean | null;
};

export type FactCase = {
  source: CaseSource;
  reporterUserId: number | null;
  /** Hotline return visits (回访) with their satisfaction scores. */
  returnVisits?: readonly { at: Date; score: number }[];
};

const PUBLIC_SOURCES: readonly CaseSource[] = [
  'hotline_12345',
  'hotline_12319',
  'citizen_web',
  'open311',
  'media',
  'leader',
];
const INTAKE_ACTIONS = ['accept', 'send_verify', 'reject', 'answer_directly'];
const CLOSING_ACTIONS = ['close', 'answer_directly', 'approve_self_disposal'];
const VOIDING_ACTIONS = ['reject', 'verify_false', 'refuse_file', 'approve_void'];
const STEP_POSITION: Partial<Record<string, FactPosition>> = {
  accept: 'operator',
  verify: 'supervisor',
  file: 'shift_leader',
  dispatch: 'dispatcher',
  check: 'supervisor',
  close: 'shift_leader',
};
const STEP_FACT: Partial<Record<string, FactKind>> = {
  accept: 'step_accept',
  verify: 'step_verify',
  file: 'step_file',
  dispatch: 'step_dispatch',
  dispose: 'step_dispose',
  check: 'step_check',
  close: 'step_close',
};

function positionOf(roles: readonly string[], preferred: FactPosition): FactPosition | null {
  if (roles.includes(preferred)) return preferred;
  return null;
}

function stepOfState(state: string | null): string | null {
  if (state === null || state === 'CLOSED' || state === 'VOID') return null;
  return (STEP_OF_STATE as Record<string, string | undefined>)[state as CaseState] ?? null;
}

/** The departments of the last dispatch at or before `at`. */
function departmentsAt(ordered: readonly FactAction[], at: Date): number[] {
  const dispatch = [...ordered]
    .reverse()
    .find((a) => a.action === 'dispatch' && a.at.getTime() <= at.getTime());
  return dispatch ? departmentsOf(dispatch) : [];
}

/**
 * A fact once for the case (regions and positions count these, department null) and once per
 * department that answers for it (departments count those).
 */
function forCaseAndDepartments(fact: Fact, departments: readonly number[]): Fact[] {
  return [fact, ...departments.map((departmentId) => ({ ...fact, departmentId }))];
}

function departmentsOf(action: FactAction): number[] {
  const ids = action.detail.departmentIds;
  return Array.isArray(ids) ? ids.filter((id): id is number => typeof id === 'number') : [];
}

const event = (
  kind: FactKind,
  action: FactAction,
  extra: Partial<Pick<Fact, 'actorUserId' | 'position' | 'departmentId' | 'at' | 'value'>> = {},
): Fact => ({
  kind,
  at: action.at,
  finishedAt: null,
  onTime: null,
  actorUserId: null,
  position: null,
  departmentId: null,
  held: false,
  value: 1,
  ...extra,
});

/**
 * All facts of one case. `actions` in log order (seq), `timers` in creation order (id). Pure:
 * the same log and timers always give the same facts, in the same order.
 */
export function deriveFacts(
  c: FactCase,
  actions: readonly FactAction[],
  timers: readonly FactTimer[],
): Fact[] {
  const facts: Fact[] = [];
  const ordered = [...actions].sort((a, b) => a.seq - b.seq);
  const later = (from: FactAction, names: readonly string[]) =>
    ordered.some((a) => a.seq > from.seq && names.includes(a.action));
  const wasFiled = ordered.some((a) => a.action === 'file' || a.action === 'approve_self_disposal');

  let departments: number[] = [];
  for (const a of ordered) {
    const actor = a.actorUserId;
    switch (a.action) {
      case 'create':
      case 'report': {
        // A draft is reported when it leaves the phone; a direct report when it is created.
        if (a.action === 'create' && a.toState === 'DRAFT') break;
        const reporter = c.reporterUserId;
        const position =
          c.source === 'supervisor' && reporter !== null ? ('supervisor' as const) : null;
        const who = { actorUserId: position ? reporter : null, position };
        facts.push(event('reported', a, who));
        if (wasFiled) facts.push(event('valid', a, who));
        if (PUBLIC_SOURCES.includes(c.source)) facts.push(event('public_report', a));
        break;
      }
      case 'self_dispose':
        facts.push(
          event('reported', a, {
            actorUserId: actor,
            position: positionOf(a.actorRoles, 'supervisor'),
          }),
        );
        if (wasFiled)
          facts.push(
            event('valid', a, {
              actorUserId: actor,
              position: positionOf(a.actorRoles, 'supervisor'),
            }),
          );
        break;
      case 'verify_true':
        // A public report found true on site is one the grid's supervisor missed (漏报).
        if (PUBLIC_SOURCES.includes(c.source))
          facts.push(
            event('missed', a, {
              actorUserId: actor,
              position: positionOf(a.actorRoles, 'supervisor'),
            }),
          );
        break;
      case 'file':
        facts.push(
          event('filed', a, {
            actorUserId: actor,
            position: positionOf(a.actorRoles, 'shift_leader'),
          }),
        );
        // Accurate unless the filed case is later voided as not a case after all.
        if (!later(a, ['approve_void']))
          facts.push(
            event('filed_accurate', a, {
              actorUserId: actor,
              position: positionOf(a.actorRoles, 'shift_leader'),
            }),
          );
        break;
      case 'dispatch': {
        departments = departmentsOf(a);
        const who = { actorUserId: actor, position: positionOf(a.actorRoles, 'dispatcher') };
        facts.push(event('dispatched', a, who));
        // Accurate unless this dispatch is returned (回退) before the next one.
        const next = ordered.find((b) => b.seq > a.seq && b.action === 'dispatch');
        const returned = ordered.some(
          (b) =>
            b.seq > a.seq &&
            (next === undefined || b.seq < next.seq) &&
            b.action === 'approve_return',
        );
        for (const id of departments) facts.push(event('assigned', a, { departmentId: id }));
        if (!returned) {
          facts.push(event('dispatched_accurate', a, who));
          for (const id of departments)
            facts.push(event('assigned_accurate', a, { departmentId: id }));
        }
        break;
      }
      case 'check_fail':
      case 'send_back':
        facts.push(...forCaseAndDepartments(event('rework', a), departments));
        break;
      case 'approve_return':
        facts.push(...forCaseAndDepartments(event('returned', a), departments));
        break;
      case 'approve_postpone':
        facts.push(...forCaseAndDepartments(event('postponed', a), departments));
        break;
      case 'approve_hold':
        facts.push(...forCaseAndDepartments(event('held', a), departments));
        break;
      case 'reopen':
        // A closed case reopened after an unsatisfied return visit is rework for its departments.
        facts.push(...forCaseAndDepartments(event('rework', a), departments));
        break;
      default:
        break;
    }
    if (INTAKE_ACTIONS.includes(a.action) && a.fromState === 'PENDING_ACCEPT')
      facts.push(
        event('accepted', a, {
          actorUserId: actor,
          position: positionOf(a.actorRoles, 'operator'),
        }),
      );
    if (a.action === 'approve_self_disposal')
      facts.push(
        event('self_disposed', a, { actorUserId: c.reporterUserId, position: 'supervisor' }),
      );
    if (VOIDING_ACTIONS.includes(a.action)) facts.push(event('voided', a));
    if (CLOSING_ACTIONS.includes(a.action)) {
      const position = a.action === 'close' ? 'shift_leader' : 'operator';
      const who = { actorUserId: actor, position: positionOf(a.actorRoles, position) };
      facts.push(event('closed', a, who));
      for (const id of departments) facts.push(event('closed', a, { departmentId: id }));
      // 按期结案: the disposal met its deadline (the close action records 超时 in its detail).
      if (a.detail.overdue !== true) {
        facts.push(event('closed_on_time', a, who));
        for (const id of departments) facts.push(event('closed_on_time', a, { departmentId: id }));
      }
    }
  }
  for (const visit of [...(c.returnVisits ?? [])].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    // The departments that handled the case answer for the caller's satisfaction.
    const handled = departmentsAt(ordered, visit.at);
    const visitFact = (departmentId: number | null): Fact => ({
      kind: 'return_visit',
      at: visit.at,
      finishedAt: null,
      onTime: null,
      actorUserId: null,
      position: null,
      departmentId,
      held: false,
      value: visit.score,
    });
    facts.push(visitFact(null), ...handled.map(visitFact));
  }
  facts.push(...stepFacts(ordered, timers), ...closeFacts(ordered, timers));
  return facts;
}

/**
 * One closure fact per case that reached disposal, due at its last disposal deadline: closed
 * (by a closing action after it) and on time when that close recorded no overdue disposal.
 */
function closeFacts(ordered: readonly FactAction[], timers: readonly FactTimer[]): Fact[] {
  const last = [...timers]
    .sort((a, b) => a.id - b.id)
    .filter((t) => t.step === 'dispose' && t.status !== 'cancelled' && t.dueAt !== null)
    .pop();
  if (!last?.dueAt) return [];
  const closing = ordered.find(
    (a) => CLOSING_ACTIONS.includes(a.action) && a.at.getTime() >= last.startedAt.getTime(),
  );
  const reopened =
    closing !== undefined && ordered.some((a) => a.seq > closing.seq && a.action === 'reopen');
  const closedAt = closing && !reopened ? closing.at : null;
  const fact = (departmentId: number | null): Fact => ({
    kind: 'case_close',
    at: last.dueAt ?? last.startedAt,
    finishedAt: closedAt,
    onTime: closing && !reopened ? closing.detail.overdue !== true : null,
    actorUserId: null,
    position: null,
    departmentId,
    held: ordered.some(
      (a) => a.action === 'approve_hold' && a.at.getTime() >= last.startedAt.getTime(),
    ),
    value: 1,
  });
  return [fact(null), ...departmentsAt(ordered, last.startedAt).map(fact)];
}

function stepFacts(ordered: readonly FactAction[], timers: readonly FactTimer[]): Fact[] {
  const facts: Fact[] = [];
  const used = new Set<number>();
  for (const timer of [...timers].sort((a, b) => a.id - b.id)) {
    const kind = STEP_FACT[timer.step];
    if (!kind || timer.dueAt === null) continue;
    if (timer.status === 'cancelled') continue;
    const finishedAt = timer.status === 'done' ? timer.finishedAt : null;
    // Ended within its limit of working time (as recorded when it ended), else by the clock.
    const onTime =
      finishedAt === null
        ? null
        : typeof timer.overdue === 'boolean'
          ? !timer.overdue
          : finishedAt.getTime() <= timer.dueAt.getTime();
    if (timer.step === 'dispose') {
      // Paused by a hold (挂账) while it ran.
      const held = ordered.some(
        (a) =>
          a.action === 'approve_hold' &&
          a.at.getTime() >= timer.startedAt.getTime() &&
          (finishedAt === null || a.at.getTime() <= finishedAt.getTime()),
      );
      // The departments of the dispatch that started (or last preceded) this disposal.
      const disposal: Fact = {
        kind,
        at: timer.dueAt,
        finishedAt,
        onTime,
        actorUserId: null,
        position: null,
        departmentId: null,
        held,
        value: 1,
      };
      facts.push(...forCaseAndDepartments(disposal, departmentsAt(ordered, timer.startedAt)));
      continue;
    }
    // The person who ended the step: the first unused action at that moment leaving its state.
    const ender =
      finishedAt === null
        ? undefined
        : ordered.find(
            (a) =>
              !used.has(a.seq) &&
              a.at.getTime() === finishedAt.getTime() &&
              stepOfState(a.fromState) === timer.step &&
              a.fromState !== a.toState,
          );
    if (ender) used.add(ender.seq);
    const preferred = STEP_POSITION[timer.step] ?? null;
    facts.push({
      kind,
      at: timer.dueAt,
      finishedAt,
      onTime,
      actorUserId: ender?.actorUserId ?? null,
      position: ender && preferred ? positionOf(ender.actorRoles, preferred) : null,
      departmentId: null,
      held: false,
      value: 1,
    });
  }
  return facts;
}
