import type { Actor } from '../access/actor';
import { hasAnyRole } from '../access/policies';
import { AppError } from '../errors/app-error';
import { CASE_STATE_LABELS, STEP_OF_STATE, type CaseState } from './case-states';
import {
  DEFAULT_WORKFLOW_SETTINGS,
  TRANSITIONS,
  type ActionInput,
  type ClockEffect,
  type GuardContext,
  type Transition,
  type WorkflowSettings,
} from './transition-table';
import type { WorkflowCase } from './workflow-case';

export type TransitionOutcome = {
  case: WorkflowCase;
  transition: Transition;
  from: CaseState;
  to: CaseState;
  clock: ClockEffect;
  /** The outbox event to publish after commit. */
  event: { type: string; from: CaseState; to: CaseState };
  /** The action-log row (core adds ids, times and the hash chain). */
  audit: {
    action: string;
    fromState: CaseState;
    toState: CaseState;
    actorUserId: number;
    actorRoles: readonly string[];
    opinion: string | null;
  };
};

const BY_ACTION = new Map(TRANSITIONS.map((t) => [t.action, t]));

export function transitionFor(action: string): Transition | undefined {
  return BY_ACTION.get(action);
}

function clockOf(transition: Transition, to: CaseState): ClockEffect {
  if (transition.clock !== 'start') return { kind: transition.clock };
  return to === 'CLOSED' || to === 'VOID'
    ? { kind: 'stop' }
    : { kind: 'start', step: STEP_OF_STATE[to] };
}

/**
 * Applies one action to a case, purely: checks the state, the actor's roles, the guard and
 * the input, and returns the next case with its clock effect, event and audit row — or
 * throws an AppError (CASE_NOT_IN_STATE, ROLE_NOT_ALLOWED, ACTION_NOT_ALLOWED,
 * VALIDATION_FAILED). The caller persists everything in one transaction.
 */
export function applyTransition(options: {
  case: WorkflowCase;
  action: string;
  input?: ActionInput;
  actor: Actor;
  now: Date;
  settings?: WorkflowSettings;
}): TransitionOutcome {
  const transition = BY_ACTION.get(options.action);
  if (!transition) {
    throw new AppError({
      code: 'VALIDATION_FAILED',
      text: { zh: `未知的操作：${options.action}`, en: `Unknown action: ${options.action}` },
      details: [{ field: 'action', reason: 'unknown action' }],
    });
  }
  const current = options.case;
  if (!transition.from.includes(current.state)) {
    throw new AppError({
      code: 'CASE_NOT_IN_STATE',
      text: {
        zh: `案件当前为「${CASE_STATE_LABELS[current.state].zh}」，不能${transition.label.zh}`,
        en: `The case is ${CASE_STATE_LABELS[current.state].en.toLowerCase()}; cannot ${transition.label.en.toLowerCase()}`,
      },
      details: [
        {
          reason: 'wrong state',
          state: current.state,
          action: transition.action,
          allowedFrom: [...transition.from],
        },
      ],
    });
  }
  if (!hasAnyRole(options.actor, transition.roles)) {
    throw new AppError({
      code: 'ROLE_NOT_ALLOWED',
      text: {
        zh: `「${transition.label.zh}」须由以下角色操作：${transition.roles.join('、')}`,
        en: `"${transition.label.en}" is for the roles: ${transition.roles.join(', ')}`,
      },
      details: [
        { reason: 'role not allowed', action: transition.action, roles: [...transition.roles] },
      ],
    });
  }
  const ctx: GuardContext = {
    case: current,
    actor: options.actor,
    input: options.input ?? {},
    now: options.now,
    settings: options.settings ?? DEFAULT_WORKFLOW_SETTINGS,
  };
  const refused = transition.guard?.(ctx);
  if (refused) {
    throw new AppError({
      code: 'ACTION_NOT_ALLOWED',
      text: refused,
      details: [{ reason: refused.en, action: transition.action }],
    });
  }
  const problem = transition.validate?.(ctx);
  if (problem) {
    throw new AppError({
      code: 'VALIDATION_FAILED',
      text: {
        zh: `参数 ${problem.field} 无效：${problem.reason.zh}`,
        en: `Invalid ${problem.field}: ${problem.reason.en}`,
      },
      details: [{ field: problem.field, reason: problem.reason.en, reason_zh: problem.reason.zh }],
    });
  }
  const opinion = ctx.input.opinion?.trim() ? ctx.input.opinion.trim() : null;
  if (transition.opinionRequired && !opinion) {
    throw new AppError({
      code: 'VALIDATION_FAILED',
      text: {
        zh: `「${transition.label.zh}」须填写意见`,
        en: `"${transition.label.en}" needs an opinion`,
      },
      details: [{ field: 'opinion', reason: 'required for this action' }],
    });
  }
  const to = transition.choose ? transition.choose(ctx) : (transition.to[0] ?? current.state);
  if (!transition.to.includes(to))
    throw new Error(`transition ${transition.action} chose ${to}, not one of its targets`);
  const next: WorkflowCase = { ...current, ...(transition.apply?.(ctx) ?? {}), state: to };
  return {
    case: next,
    transition,
    from: current.state,
    to,
    clock: clockOf(transition, to),
    event: { type: `case.${transition.action}`, from: current.state, to },
    audit: {
      action: transition.action,
      fromState: current.state,
      toState: to,
      actorUserId: options.actor.userId,
      actorRoles: options.actor.roles,
      opinion,
    },
  };
}

/**
 * The actions the actor may take on the case now (state, role and guard), for the API to
 * return with the case so that UIs never re-implement the rules. Form input is not checked.
 */
export function allowedActions(options: {
  case: WorkflowCase;
  actor: Actor;
  now: Date;
  settings?: WorkflowSettings;
}): string[] {
  const ctx: GuardContext = {
    case: options.case,
    actor: options.actor,
    input: {},
    now: options.now,
    settings: options.settings ?? DEFAULT_WORKFLOW_SETTINGS,
  };
  return TRANSITIONS.filter(
    (t) =>
      t.from.includes(options.case.state) && hasAnyRole(options.actor, t.roles) && !t.guard?.(ctx),
  ).map((t) => t.action);
}
