import type { CaseState, ClosureType, VoidType } from './case-states';

/** Where a case came from (DOMAIN.md §4 sources). */
export type CaseSource =
  | 'supervisor'
  | 'hotline_12345'
  | 'hotline_12319'
  | 'citizen_web'
  | 'open311'
  | 'video'
  | 'sensor'
  | 'leader'
  | 'department'
  | 'media';

/** Sources whose reports must be verified on site before filing. */
export const SOURCES_NEEDING_VERIFICATION: readonly CaseSource[] = [
  'hotline_12345',
  'hotline_12319',
  'citizen_web',
  'open311',
  'video',
  'sensor',
  'media',
];

export const HOTLINE_SOURCES: readonly CaseSource[] = ['hotline_12345', 'hotline_12319'];

export type CentreLevel = 'street' | 'district' | 'city';

/** A request waiting for approval while the case stays where it is (an overlay, not a state). */
export type PendingRequest =
  | { kind: 'postpone'; minutes: number; requestedBy: number; requestedAt: Date }
  | { kind: 'void'; reason: string; requestedBy: number; requestedAt: Date };

/** Everything the workflow rules need to know about a case. */
export type WorkflowCase = {
  state: CaseState;
  source: CaseSource;
  /** The centre level running the case: a street micro-loop, the district, or the city. */
  level: CentreLevel;
  reworkCount: number;
  /** Departments the case is dispatched to (first and second level). */
  departmentIds: readonly number[];
  /** When the current dispatch started: the return window counts from here. */
  dispatchedAt: Date | null;
  /** When the department signed for (签收) the current dispatch. */
  signedAt: Date | null;
  pendingRequest: PendingRequest | null;
  /** The operator has sent the field-check task to a supervisor. */
  checkTaskSent: boolean;
  /** Wrong dispatches (approved returns), for 准确派遣率. */
  wrongDispatchCount: number;
  closureType: ClosureType | null;
  voidType: VoidType | null;
};

/** A fresh case in a given state with neutral counters (reports start as DRAFT or PENDING_ACCEPT). */
export function newWorkflowCase(
  state: CaseState,
  source: CaseSource,
  level: CentreLevel = 'district',
): WorkflowCase {
  return {
    state,
    source,
    level,
    reworkCount: 0,
    departmentIds: [],
    dispatchedAt: null,
    signedAt: null,
    pendingRequest: null,
    checkTaskSent: false,
    wrongDispatchCount: 0,
    closureType: null,
    voidType: null,
  };
}
