import { HOTLINE_SOURCES, SOURCES_NEEDING_VERIFICATION } from './workflow-case';
import type { Transition } from './transition-types';

/** Intake rows: from a report to filing (the supervision centre's steps). */
export const INTAKE_TRANSITIONS: readonly Transition[] = [
  {
    action: 'report',
    label: { zh: '上报', en: 'Report' },
    from: ['DRAFT'],
    to: ['PENDING_ACCEPT'],
    roles: ['supervisor'],
    clock: 'start',
    opinionRequired: false,
  },
  {
    action: 'self_dispose',
    label: { zh: '自行处置', en: 'Report self-disposal' },
    from: ['DRAFT'],
    to: ['SELF_DISPOSED_REVIEW'],
    roles: ['supervisor'],
    validate: ({ input }) =>
      (input.beforePhotoCount ?? 0) > 0 && (input.afterPhotoCount ?? 0) > 0
        ? undefined
        : {
            field: 'photos',
            reason: {
              zh: '自行处置须有处置前后照片',
              en: 'self-disposal needs before and after photos',
            },
          },
    clock: 'start',
    opinionRequired: false,
  },
  {
    action: 'accept',
    label: { zh: '受理', en: 'Accept' },
    from: ['PENDING_ACCEPT'],
    to: ['PENDING_FILE'],
    roles: ['operator'],
    guard: ({ case: c }) =>
      SOURCES_NEEDING_VERIFICATION.includes(c.source)
        ? {
            zh: '公众、热线和视频来源须先核实',
            en: 'public, hotline and video reports must be verified first',
          }
        : undefined,
    clock: 'start',
    opinionRequired: false,
  },
  {
    action: 'send_verify',
    label: { zh: '派发核实', en: 'Send to verify' },
    from: ['PENDING_ACCEPT'],
    to: ['PENDING_VERIFY'],
    roles: ['operator'],
    clock: 'start',
    opinionRequired: false,
  },
  {
    action: 'reject',
    label: { zh: '不予受理', en: 'Reject' },
    from: ['PENDING_ACCEPT'],
    to: ['VOID'],
    roles: ['operator'],
    apply: () => ({ voidType: 'not_accepted' }),
    clock: 'stop',
    opinionRequired: true,
  },
  {
    action: 'answer_directly',
    label: { zh: '直接办结', en: 'Answer directly' },
    from: ['PENDING_ACCEPT'],
    to: ['CLOSED'],
    roles: ['operator'],
    guard: ({ case: c }) =>
      HOTLINE_SOURCES.includes(c.source)
        ? undefined
        : { zh: '仅热线工单可直接办结', en: 'only hotline orders can be answered directly' },
    apply: () => ({ closureType: 'direct' }),
    clock: 'stop',
    opinionRequired: true,
  },
  {
    action: 'verify_true',
    label: { zh: '核实属实', en: 'Verified true' },
    from: ['PENDING_VERIFY'],
    to: ['PENDING_FILE'],
    roles: ['supervisor'],
    clock: 'start',
    opinionRequired: false,
  },
  {
    action: 'verify_false',
    label: { zh: '核实不属实', en: 'Verified false' },
    from: ['PENDING_VERIFY'],
    to: ['VOID'],
    roles: ['supervisor'],
    apply: () => ({ voidType: 'not_accepted' }),
    clock: 'stop',
    opinionRequired: true,
  },
  {
    action: 'file',
    label: { zh: '立案', en: 'File' },
    from: ['PENDING_FILE'],
    to: ['PENDING_DISPATCH'],
    roles: ['shift_leader'],
    validate: ({ input }) =>
      input.classId === undefined
        ? { field: 'classId', reason: { zh: '立案须确定类别', en: 'filing fixes the class' } }
        : input.urgency === undefined
          ? {
              field: 'urgency',
              reason: { zh: '立案须确定紧急程度', en: 'filing fixes the urgency' },
            }
          : undefined,
    clock: 'start',
    opinionRequired: false,
  },
  {
    action: 'refuse_file',
    label: { zh: '不予立案', en: 'Refuse to file' },
    from: ['PENDING_FILE'],
    to: ['VOID'],
    roles: ['shift_leader'],
    apply: () => ({ voidType: 'not_filed' }),
    clock: 'stop',
    opinionRequired: true,
  },
  {
    action: 'merge',
    label: { zh: '合并重复案件', en: 'Merge as duplicate' },
    from: ['PENDING_ACCEPT', 'PENDING_VERIFY', 'PENDING_FILE'],
    to: ['VOID'],
    roles: ['operator', 'shift_leader'],
    validate: ({ input }) =>
      input.parentCaseId === undefined
        ? {
            field: 'parentCaseId',
            reason: { zh: '须指定合并到的案件', en: 'name the case to merge into' },
          }
        : undefined,
    apply: () => ({ voidType: 'merged' }),
    clock: 'stop',
    opinionRequired: false,
  },
];
