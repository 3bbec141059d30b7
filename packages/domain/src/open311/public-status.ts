import type { LocalizedText } from '../errors/app-error';
import type { CaseState, ClosureType, VoidType } from '../case-workflow/case-states';

/** Open311 knows two states: every non-terminal state is open; CLOSED and VOID are closed. */
export function o311Status(state: CaseState): 'open' | 'closed' {
  return state === 'CLOSED' || state === 'VOID' ? 'closed' : 'open';
}

const CLOSURE_NOTES: Record<ClosureType, LocalizedText> = {
  normal: { zh: '已结案', en: 'Closed' },
  overdue: { zh: '已结案（超期）', en: 'Closed after the deadline' },
  special: { zh: '已结案（特殊结案）', en: 'Closed (special closure)' },
  direct: { zh: '已直接答复办结', en: 'Answered and closed' },
  self_disposed: { zh: '现场已处置，结案', en: 'Fixed on the spot, closed' },
};

const VOID_NOTES: Record<VoidType, LocalizedText> = {
  not_accepted: { zh: '不予受理', en: 'Not accepted' },
  not_filed: { zh: '不予立案', en: 'Not filed as a case' },
  voided: { zh: '已作废', en: 'Voided' },
  merged: { zh: '重复反映，已并入其他案件', en: 'Duplicate, merged into another report' },
};

/** `status_notes`: which kind of closed (or null while open). */
export function statusNotes(
  state: CaseState,
  closureType: ClosureType | null,
  voidType: VoidType | null,
): LocalizedText | null {
  if (state === 'CLOSED') return CLOSURE_NOTES[closureType ?? 'normal'];
  if (state === 'VOID') return VOID_NOTES[voidType ?? 'voided'];
  return null;
}

/** mySociety's `servicerequestupdates` status of the state a case moved to. */
export function updateStatus(
  state: CaseState,
  closureType: ClosureType | null,
  voidType: VoidType | null,
): string {
  switch (state) {
    case 'DRAFT':
    case 'PENDING_ACCEPT':
      return 'open';
    case 'PENDING_VERIFY':
      return 'investigating';
    case 'PENDING_FILE':
    case 'PENDING_DISPATCH':
    case 'ON_HOLD':
      return 'action_scheduled';
    case 'CLOSED':
      return closureType === 'direct' ? 'closed' : 'fixed';
    case 'VOID':
      if (voidType === 'merged') return 'duplicate';
      if (voidType === 'not_accepted') return 'not_councils_responsibility';
      return 'no_further_action';
    case 'DISPOSING':
    case 'RETURN_REQUESTED':
    case 'HOLD_REQUESTED':
    case 'PENDING_CHECK':
    case 'PENDING_CLOSE':
    case 'SELF_DISPOSED_REVIEW':
      return 'in_progress';
  }
}

export type PublicNoteType = 'submitted' | 'opened' | 'closed' | 'activity';
export type PublicNote = { type: PublicNoteType; summary: LocalizedText };

/**
 * What the public may see of each action: a fixed summary, never the actor's name or the
 * internal opinion. Actions missing here (sign-for, escalation, internal requests and their
 * denials) stay internal.
 */
export const PUBLIC_NOTES: Readonly<Record<string, PublicNote>> = {
  create: { type: 'submitted', summary: { zh: '已收到反映', en: 'Report received' } },
  report: { type: 'submitted', summary: { zh: '已收到反映', en: 'Report received' } },
  self_dispose: {
    type: 'submitted',
    summary: { zh: '监督员现场发现并处置', en: 'Found and fixed on the spot by a supervisor' },
  },
  accept: { type: 'opened', summary: { zh: '已受理', en: 'Accepted' } },
  send_verify: {
    type: 'activity',
    summary: { zh: '已安排现场核实', en: 'On-site verification arranged' },
  },
  verify_true: { type: 'activity', summary: { zh: '现场核实属实', en: 'Confirmed on site' } },
  verify_false: {
    type: 'closed',
    summary: { zh: '现场核实不属实，不予受理', en: 'Not confirmed on site, not accepted' },
  },
  reject: { type: 'closed', summary: { zh: '不予受理', en: 'Not accepted' } },
  answer_directly: { type: 'closed', summary: { zh: '已直接答复办结', en: 'Answered and closed' } },
  file: { type: 'opened', summary: { zh: '已立案', en: 'Filed as a case' } },
  refuse_file: { type: 'closed', summary: { zh: '不予立案', en: 'Not filed as a case' } },
  merge: {
    type: 'closed',
    summary: {
      zh: '重复反映，已并入同一问题的案件',
      en: 'Duplicate, merged into an existing case',
    },
  },
  dispatch: {
    type: 'activity',
    summary: { zh: '已派遣至责任单位', en: 'Sent to the responsible department' },
  },
  approve_return: {
    type: 'activity',
    summary: { zh: '正在重新派遣', en: 'Being sent to another department' },
  },
  feed_back: {
    type: 'activity',
    summary: { zh: '责任单位已处置并反馈', en: 'The department reports the work done' },
  },
  approve_postpone: {
    type: 'activity',
    summary: { zh: '处置期限已延长', en: 'Deadline extended' },
  },
  approve_hold: { type: 'activity', summary: { zh: '暂缓处置', en: 'Put on hold' } },
  resume: { type: 'activity', summary: { zh: '恢复处置', en: 'Work resumed' } },
  send_check: { type: 'activity', summary: { zh: '已安排现场核查', en: 'On-site check arranged' } },
  check_pass: { type: 'activity', summary: { zh: '现场核查通过', en: 'Check passed on site' } },
  check_fail: {
    type: 'activity',
    summary: { zh: '核查未通过，返工处置', en: 'Check failed, the work is redone' },
  },
  close: { type: 'closed', summary: { zh: '已结案', en: 'Closed' } },
  approve_self_disposal: {
    type: 'closed',
    summary: { zh: '现场已处置，结案', en: 'Fixed on the spot, closed' },
  },
  approve_void: { type: 'closed', summary: { zh: '已作废', en: 'Voided' } },
  reopen: { type: 'opened', summary: { zh: '重新办理', en: 'Reopened for further work' } },
};
