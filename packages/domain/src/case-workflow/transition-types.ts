import type { Actor } from '../access/actor';
import type { Role } from '../access/roles';
import type { LocalizedText } from '../errors/app-error';
import type { CaseState, TimedStep } from './case-states';
import type { WorkflowCase } from './workflow-case';

/** What the action carries beyond the actor: forms filled in by the user. */
export type ActionInput = {
  opinion?: string;
  departmentIds?: number[];
  classId?: number;
  conditionCode?: string;
  urgency?: 'normal' | 'urgent';
  postponeMinutes?: number;
  beforePhotoCount?: number;
  afterPhotoCount?: number;
  /** reject_self_disposal: back to filing, or void. */
  rejectTo?: 'PENDING_FILE' | 'VOID';
  /** close: the disposal finished after its deadline (from the timers); special closure by decision. */
  overdue?: boolean;
  special?: boolean;
  reason?: string;
  /** merge: the case this duplicate joins. */
  parentCaseId?: number;
};

export type WorkflowSettings = {
  /** A department may ask to return a case only this long after dispatch (回退时限). */
  returnWindowMinutes: number;
};

export const DEFAULT_WORKFLOW_SETTINGS: WorkflowSettings = { returnWindowMinutes: 120 };

export type InputProblem = { field: string; reason: LocalizedText };

export type GuardContext = {
  case: WorkflowCase;
  actor: Actor;
  input: ActionInput;
  now: Date;
  settings: WorkflowSettings;
};

/** What an action does to the case's clock (deadline timers are computed from it in core). */
export type ClockEffect =
  | { kind: 'start'; step: TimedStep }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'extend' }
  | { kind: 'stop' }
  | { kind: 'none' };

export type Transition = {
  action: string;
  label: LocalizedText;
  from: readonly CaseState[];
  /** Possible next states, the usual one first (a `choose` picks among them). */
  to: readonly CaseState[];
  roles: readonly Role[];
  /** Why the action is not possible now for this case and actor (input aside), or undefined. */
  guard?: (ctx: GuardContext) => LocalizedText | undefined;
  /** Problems with the filled-in form: the field and why. */
  validate?: (ctx: GuardContext) => InputProblem | undefined;
  choose?: (ctx: GuardContext) => CaseState;
  /** The case fields the action changes (besides the state). */
  apply?: (ctx: GuardContext) => Partial<WorkflowCase>;
  /** The clock: 'start' means the step of the new state starts (see STEP_OF_STATE). */
  clock: ClockEffect['kind'];
  /** Whether the action log row must carry an opinion (意见). */
  opinionRequired: boolean;
};

export const hasText = (value: string | undefined) =>
  value !== undefined && value.trim().length > 0;

export const isAssignedDepartment = ({
  case: c,
  actor,
}: GuardContext): LocalizedText | undefined => {
  if (actor.scope.kind !== 'department') return undefined;
  return c.departmentIds.includes(actor.scope.organisationId)
    ? undefined
    : { zh: '本部门不是该案件的处置部门', en: 'your department is not assigned to this case' };
};

export const noPendingRequest = ({ case: c }: GuardContext): LocalizedText | undefined =>
  c.pendingRequest
    ? { zh: '已有待审批的申请', en: 'another request is awaiting approval' }
    : undefined;

export const pending =
  (kind: 'postpone' | 'void') =>
  ({ case: c }: GuardContext): LocalizedText | undefined =>
    c.pendingRequest?.kind === kind
      ? undefined
      : { zh: '没有待审批的该类申请', en: `there is no pending ${kind} request` };

export const all =
  (...guards: ((ctx: GuardContext) => LocalizedText | undefined)[]) =>
  (ctx: GuardContext) => {
    for (const guard of guards) {
      const failure = guard(ctx);
      if (failure) return failure;
    }
    return undefined;
  };
