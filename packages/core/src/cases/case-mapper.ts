import type { CasePatch, CaseRow } from '@xiuhua/db';
import type {
  CaseSource,
  CaseState,
  ClosureType,
  PendingRequest,
  VoidType,
  WorkflowCase,
} from '@xiuhua/domain';

function pendingFrom(value: Record<string, unknown> | null): PendingRequest | null {
  if (!value) return null;
  const requestedAt = new Date(String(value.requestedAt));
  const requestedBy = Number(value.requestedBy);
  if (value.kind === 'postpone')
    return { kind: 'postpone', minutes: Number(value.minutes), requestedBy, requestedAt };
  if (value.kind === 'void')
    return { kind: 'void', reason: String(value.reason), requestedBy, requestedAt };
  return null;
}

/** The workflow's view of a stored case. */
export function toWorkflowCase(row: CaseRow): WorkflowCase {
  return {
    state: row.state as CaseState,
    source: row.source as CaseSource,
    level: row.level,
    reworkCount: row.rework_count,
    departmentIds: row.department_ids,
    dispatchedAt: row.dispatched_at,
    signedAt: row.signed_at,
    pendingRequest: pendingFrom(row.pending_request),
    checkTaskSent: row.check_task_sent,
    wrongDispatchCount: row.wrong_dispatch_count,
    closureType: row.closure_type as ClosureType | null,
    voidType: row.void_type as VoidType | null,
  };
}

/** The columns a workflow step may change. */
export function toCasePatch(next: WorkflowCase, now: Date): CasePatch {
  return {
    state: next.state,
    level: next.level,
    rework_count: next.reworkCount,
    department_ids: [...next.departmentIds],
    dispatched_at: next.dispatchedAt,
    signed_at: next.signedAt,
    pending_request: next.pendingRequest ? JSON.stringify(next.pendingRequest) : null,
    check_task_sent: next.checkTaskSent,
    wrong_dispatch_count: next.wrongDispatchCount,
    closure_type: next.closureType,
    void_type: next.voidType,
    updated_at: now,
    ...(next.state === 'CLOSED' || next.state === 'VOID'
      ? { closed_at: now }
      : { closed_at: null }),
  };
}
