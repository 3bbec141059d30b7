import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/actor';
import { ROLES, type Role } from '../access/roles';
import { AppError } from '../errors/app-error';
import {
  CASE_STATES,
  TRANSITIONS,
  allowedActions,
  applyTransition,
  newWorkflowCase,
  type ActionInput,
  type CaseState,
  type WorkflowCase,
} from './index';

const NOW = new Date('2026-11-23T02:00:00Z');
const DEPT = 42;

function actorWith(role: Role): Actor {
  return {
    userId: 7,
    username: role,
    displayName: role,
    roles: [role],
    scope:
      role === 'department_handler'
        ? { kind: 'department', organisationId: DEPT }
        : { kind: 'all' },
    organisationId: role === 'department_handler' ? DEPT : null,
    via: 'session',
  };
}

/** A case and a form that satisfy each action's guard and validation. */
const FIXTURES: Record<string, { case?: Partial<WorkflowCase>; input?: ActionInput }> = {
  report: {},
  self_dispose: { input: { beforePhotoCount: 1, afterPhotoCount: 1 } },
  accept: { case: { source: 'supervisor' } },
  send_verify: {},
  reject: {},
  answer_directly: { case: { source: 'hotline_12345' } },
  verify_true: {},
  verify_false: {},
  file: { input: { classId: 1, urgency: 'normal' } },
  refuse_file: {},
  dispatch: { input: { departmentIds: [DEPT] } },
  escalate: { case: { level: 'street' } },
  feed_back: { case: { departmentIds: [DEPT] }, input: { afterPhotoCount: 1 } },
  request_return: {
    case: { departmentIds: [DEPT], dispatchedAt: new Date(NOW.getTime() - 10 * 60_000) },
  },
  approve_return: {},
  deny_return: {},
  request_postpone: { case: { departmentIds: [DEPT] }, input: { postponeMinutes: 240 } },
  approve_postpone: {
    case: { pendingRequest: { kind: 'postpone', minutes: 240, requestedBy: 1, requestedAt: NOW } },
  },
  deny_postpone: {
    case: { pendingRequest: { kind: 'postpone', minutes: 240, requestedBy: 1, requestedAt: NOW } },
  },
  request_hold: { case: { departmentIds: [DEPT] } },
  approve_hold: {},
  deny_hold: {},
  resume: {},
  send_check: {},
  check_pass: { case: { checkTaskSent: true } },
  check_fail: { case: { checkTaskSent: true } },
  close: {},
  send_back: {},
  approve_self_disposal: {},
  reject_self_disposal: {},
  request_void: { input: { reason: '重复上报' } },
  approve_void: {
    case: { pendingRequest: { kind: 'void', reason: '重复', requestedBy: 1, requestedAt: NOW } },
  },
  deny_void: {
    case: { pendingRequest: { kind: 'void', reason: '重复', requestedBy: 1, requestedAt: NOW } },
  },
  reopen: { case: { departmentIds: [DEPT] } },
  merge: { input: { parentCaseId: 1 } },
  sign_for: { case: { departmentIds: [DEPT] } },
};

function fixture(action: string, state: CaseState) {
  const f = FIXTURES[action] ?? {};
  const c: WorkflowCase = { ...newWorkflowCase(state, 'supervisor'), ...f.case, state };
  return { case: c, input: { opinion: '处理意见', ...f.input } };
}

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.code : 'NOT_APP_ERROR';
  }
}

describe('the transition table', () => {
  it('has a fixture for every row and names every action once', () => {
    expect(new Set(TRANSITIONS.map((t) => t.action)).size).toBe(TRANSITIONS.length);
    expect(Object.keys(FIXTURES).sort()).toEqual(TRANSITIONS.map((t) => t.action).sort());
  });

  it('leaves every non-terminal state by some action', () => {
    for (const state of CASE_STATES.filter((s) => s !== 'CLOSED' && s !== 'VOID')) {
      expect(
        TRANSITIONS.some((t) => t.from.includes(state) && t.to.some((to) => to !== state)),
        state,
      ).toBe(true);
    }
  });

  for (const transition of TRANSITIONS) {
    describe(transition.action, () => {
      it(`moves ${transition.from.join('|')} → ${transition.to.join('|')} for ${transition.roles.join('/')}`, () => {
        for (const state of transition.from) {
          for (const role of transition.roles) {
            const { case: c, input } = fixture(transition.action, state);
            const outcome = applyTransition({
              case: c,
              action: transition.action,
              input,
              actor: actorWith(role),
              now: NOW,
            });
            expect(transition.to).toContain(outcome.to);
            expect(outcome.case.state).toBe(outcome.to);
            expect(outcome.audit).toMatchObject({
              action: transition.action,
              fromState: state,
              toState: outcome.to,
              actorUserId: 7,
            });
            expect(outcome.event.type).toBe(`case.${transition.action}`);
            expect(allowedActions({ case: c, actor: actorWith(role), now: NOW })).toContain(
              transition.action,
            );
          }
        }
      });

      it('refuses every other role', () => {
        const state = transition.from[0] ?? 'DRAFT';
        for (const role of ROLES.filter((r) => !transition.roles.includes(r))) {
          const { case: c, input } = fixture(transition.action, state);
          expect(
            errorCode(() =>
              applyTransition({
                case: c,
                action: transition.action,
                input,
                actor: actorWith(role),
                now: NOW,
              }),
            ),
            role,
          ).toBe('ROLE_NOT_ALLOWED');
          expect(allowedActions({ case: c, actor: actorWith(role), now: NOW })).not.toContain(
            transition.action,
          );
        }
      });

      it('refuses every other state', () => {
        const role = transition.roles[0] ?? 'admin';
        for (const state of CASE_STATES.filter((s) => !transition.from.includes(s))) {
          const { case: c, input } = fixture(transition.action, state);
          expect(
            errorCode(() =>
              applyTransition({
                case: c,
                action: transition.action,
                input,
                actor: actorWith(role),
                now: NOW,
              }),
            ),
            state,
          ).toBe('CASE_NOT_IN_STATE');
        }
      });

      if (transition.opinionRequired) {
        it('requires an opinion', () => {
          const { case: c, input } = fixture(transition.action, transition.from[0] ?? 'DRAFT');
          expect(
            errorCode(() =>
              applyTransition({
                case: c,
                action: transition.action,
                input: { ...input, opinion: '  ' },
                actor: actorWith(transition.roles[0] ?? 'admin'),
                now: NOW,
              }),
            ),
          ).toBe('VALIDATION_FAILED');
        });
      }
    });
  }
});

describe('guards and effects', () => {
  const run = (
    action: string,
    state: CaseState,
    role: Role,
    patch: { case?: Partial<WorkflowCase>; input?: ActionInput } = {},
  ) => {
    const f = fixture(action, state);
    return applyTransition({
      case: { ...f.case, ...patch.case },
      action,
      input: { ...f.input, ...patch.input },
      actor: actorWith(role),
      now: NOW,
    });
  };
  const code = (fn: () => unknown) => errorCode(fn);

  it('makes public, hotline and video reports be verified before acceptance', () => {
    for (const source of ['hotline_12345', 'citizen_web', 'open311', 'video'] as const) {
      expect(code(() => run('accept', 'PENDING_ACCEPT', 'operator', { case: { source } }))).toBe(
        'ACTION_NOT_ALLOWED',
      );
    }
    expect(
      code(() =>
        run('answer_directly', 'PENDING_ACCEPT', 'operator', { case: { source: 'supervisor' } }),
      ),
    ).toBe('ACTION_NOT_ALLOWED');
  });

  it('keeps voids apart by where they happened', () => {
    expect(run('reject', 'PENDING_ACCEPT', 'operator').case.voidType).toBe('not_accepted');
    expect(run('verify_false', 'PENDING_VERIFY', 'supervisor').case.voidType).toBe('not_accepted');
    expect(run('refuse_file', 'PENDING_FILE', 'shift_leader').case.voidType).toBe('not_filed');
    expect(run('approve_void', 'DISPOSING', 'shift_leader').case.voidType).toBe('voided');
  });

  it('lets only the assigned department act, and only inside the return window', () => {
    expect(
      code(() =>
        run('feed_back', 'DISPOSING', 'department_handler', { case: { departmentIds: [99] } }),
      ),
    ).toBe('ACTION_NOT_ALLOWED');
    const late = new Date(NOW.getTime() - 121 * 60_000);
    expect(
      code(() =>
        run('request_return', 'DISPOSING', 'department_handler', { case: { dispatchedAt: late } }),
      ),
    ).toBe('ACTION_NOT_ALLOWED');
    expect(
      applyTransition({
        ...fixture('request_return', 'DISPOSING'),
        case: { ...fixture('request_return', 'DISPOSING').case, dispatchedAt: late },
        action: 'request_return',
        actor: actorWith('department_handler'),
        now: NOW,
        settings: { returnWindowMinutes: 180 },
      }).to,
    ).toBe('RETURN_REQUESTED');
  });

  it('counts an approved return as a wrong dispatch and clears the departments', () => {
    const outcome = run('approve_return', 'RETURN_REQUESTED', 'dispatcher', {
      case: { departmentIds: [DEPT], wrongDispatchCount: 1 },
    });
    expect(outcome.case).toMatchObject({
      state: 'PENDING_DISPATCH',
      departmentIds: [],
      wrongDispatchCount: 2,
    });
  });

  it('keeps a postponement pending until approved, then extends the clock', () => {
    const requested = run('request_postpone', 'DISPOSING', 'department_handler');
    expect(requested.case.pendingRequest).toMatchObject({ kind: 'postpone', minutes: 240 });
    expect(requested.clock).toEqual({ kind: 'none' });
    expect(
      code(() =>
        applyTransition({
          case: requested.case,
          action: 'request_hold',
          input: { opinion: 'x' },
          actor: actorWith('department_handler'),
          now: NOW,
        }),
      ),
    ).toBe('ACTION_NOT_ALLOWED');
    const approved = applyTransition({
      case: requested.case,
      action: 'approve_postpone',
      actor: actorWith('dispatcher'),
      now: NOW,
    });
    expect(approved.clock).toEqual({ kind: 'extend' });
    expect(approved.case.pendingRequest).toBeNull();
    expect(
      code(() =>
        run('approve_postpone', 'DISPOSING', 'dispatcher', { case: { pendingRequest: null } }),
      ),
    ).toBe('ACTION_NOT_ALLOWED');
  });

  it('pauses the clock on hold and resumes it', () => {
    expect(run('approve_hold', 'HOLD_REQUESTED', 'commander').clock).toEqual({ kind: 'pause' });
    expect(run('resume', 'ON_HOLD', 'dispatcher').clock).toEqual({ kind: 'resume' });
  });

  it('starts the step of the new state and stops at the end', () => {
    expect(run('dispatch', 'PENDING_DISPATCH', 'dispatcher').clock).toEqual({
      kind: 'start',
      step: 'dispose',
    });
    expect(run('feed_back', 'DISPOSING', 'department_handler').clock).toEqual({
      kind: 'start',
      step: 'check',
    });
    expect(run('close', 'PENDING_CLOSE', 'shift_leader').clock).toEqual({ kind: 'stop' });
  });

  it('sends a failed check back to the same department with the rework counted', () => {
    const outcome = run('check_fail', 'PENDING_CHECK', 'supervisor', {
      case: { departmentIds: [DEPT], reworkCount: 1 },
    });
    expect(outcome.case).toMatchObject({
      state: 'DISPOSING',
      departmentIds: [DEPT],
      reworkCount: 2,
      checkTaskSent: false,
    });
    expect(
      code(() =>
        run('check_pass', 'PENDING_CHECK', 'supervisor', { case: { checkTaskSent: false } }),
      ),
    ).toBe('ACTION_NOT_ALLOWED');
  });

  it('records the closure type', () => {
    expect(run('close', 'PENDING_CLOSE', 'shift_leader').case.closureType).toBe('normal');
    expect(
      run('close', 'PENDING_CLOSE', 'shift_leader', { input: { overdue: true } }).case.closureType,
    ).toBe('overdue');
    expect(
      run('close', 'PENDING_CLOSE', 'shift_leader', { input: { special: true } }).case.closureType,
    ).toBe('special');
    expect(run('approve_self_disposal', 'SELF_DISPOSED_REVIEW', 'operator').case.closureType).toBe(
      'self_disposed',
    );
  });

  it('escalates street → district → city and no further', () => {
    expect(
      run('escalate', 'PENDING_DISPATCH', 'dispatcher', { case: { level: 'street' } }).case.level,
    ).toBe('district');
    expect(
      run('escalate', 'PENDING_DISPATCH', 'dispatcher', { case: { level: 'district' } }).case.level,
    ).toBe('city');
    expect(
      code(() => run('escalate', 'PENDING_DISPATCH', 'dispatcher', { case: { level: 'city' } })),
    ).toBe('ACTION_NOT_ALLOWED');
  });

  it('names the missing field of a form', () => {
    expect(
      code(() =>
        run('dispatch', 'PENDING_DISPATCH', 'dispatcher', { input: { departmentIds: [] } }),
      ),
    ).toBe('VALIDATION_FAILED');
    expect(
      code(() => run('self_dispose', 'DRAFT', 'supervisor', { input: { afterPhotoCount: 0 } })),
    ).toBe('VALIDATION_FAILED');
    expect(
      code(() =>
        applyTransition({
          case: newWorkflowCase('DRAFT', 'supervisor'),
          action: 'fly',
          actor: actorWith('admin'),
          now: NOW,
        }),
      ),
    ).toBe('VALIDATION_FAILED');
  });

  it('reopens a closed case as rework', () => {
    const outcome = run('reopen', 'CLOSED', 'operator', {
      case: { closureType: 'normal', reworkCount: 0 },
    });
    expect(outcome.case).toMatchObject({ state: 'DISPOSING', reworkCount: 1, closureType: null });
  });

  it('rejects a self-disposal back to filing or to void', () => {
    expect(run('reject_self_disposal', 'SELF_DISPOSED_REVIEW', 'operator').to).toBe('PENDING_FILE');
    const voided = run('reject_self_disposal', 'SELF_DISPOSED_REVIEW', 'operator', {
      input: { rejectTo: 'VOID' },
    });
    expect(voided.case).toMatchObject({ state: 'VOID', voidType: 'not_accepted' });
  });
});
