import type { LocalizedText } from '../errors/app-error';

/** The canonical case states (DOMAIN.md §4). Labels are data; these names are fixed. */
export const CASE_STATES = [
  'DRAFT',
  'PENDING_ACCEPT',
  'PENDING_VERIFY',
  'PENDING_FILE',
  'PENDING_DISPATCH',
  'DISPOSING',
  'RETURN_REQUESTED',
  'HOLD_REQUESTED',
  'ON_HOLD',
  'PENDING_CHECK',
  'PENDING_CLOSE',
  'SELF_DISPOSED_REVIEW',
  'CLOSED',
  'VOID',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const TERMINAL_STATES: readonly CaseState[] = ['CLOSED', 'VOID'];

export const CASE_STATE_LABELS: Record<CaseState, LocalizedText> = {
  DRAFT: { zh: '草稿', en: 'Draft' },
  PENDING_ACCEPT: { zh: '待受理', en: 'Pending acceptance' },
  PENDING_VERIFY: { zh: '待核实', en: 'Pending verification' },
  PENDING_FILE: { zh: '待立案', en: 'Pending filing' },
  PENDING_DISPATCH: { zh: '待派遣', en: 'Pending dispatch' },
  DISPOSING: { zh: '处置中', en: 'Disposing' },
  RETURN_REQUESTED: { zh: '回退申请', en: 'Return requested' },
  HOLD_REQUESTED: { zh: '挂账申请', en: 'Hold requested' },
  ON_HOLD: { zh: '挂账', en: 'On hold' },
  PENDING_CHECK: { zh: '待核查', en: 'Pending check' },
  PENDING_CLOSE: { zh: '待结案', en: 'Pending closure' },
  SELF_DISPOSED_REVIEW: { zh: '自处置待审核', en: 'Self-disposal review' },
  CLOSED: { zh: '已结案', en: 'Closed' },
  VOID: { zh: '作废', en: 'Void' },
};

/** Where a void happened: 不予受理 / 不予立案 / 作废 (after filing, approved) / 合并 (duplicate) stay apart. */
export type VoidType = 'not_accepted' | 'not_filed' | 'voided' | 'merged';
/** 正常 / 超时 / 特殊 / 直接办结 / 自处置 closures. */
export type ClosureType = 'normal' | 'overdue' | 'special' | 'direct' | 'self_disposed';

/** The timed step a state waits on; every non-terminal state has one (DOMAIN.md §5). */
export type TimedStep =
  | 'report'
  | 'accept'
  | 'verify'
  | 'file'
  | 'dispatch'
  | 'dispose'
  | 'approve_return'
  | 'approve_hold'
  | 'hold'
  | 'check'
  | 'close'
  | 'review_self_disposal';

export const STEP_OF_STATE: Record<Exclude<CaseState, 'CLOSED' | 'VOID'>, TimedStep> = {
  DRAFT: 'report',
  PENDING_ACCEPT: 'accept',
  PENDING_VERIFY: 'verify',
  PENDING_FILE: 'file',
  PENDING_DISPATCH: 'dispatch',
  DISPOSING: 'dispose',
  RETURN_REQUESTED: 'approve_return',
  HOLD_REQUESTED: 'approve_hold',
  ON_HOLD: 'hold',
  PENDING_CHECK: 'check',
  PENDING_CLOSE: 'close',
  SELF_DISPOSED_REVIEW: 'review_self_disposal',
};
