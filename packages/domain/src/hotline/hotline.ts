import type { LocalizedText } from '../errors/app-error';

/** 诉求类型 of a hotline order (GB/T 33358 style). */
export const APPEAL_TYPES = ['consultation', 'help', 'complaint', 'report', 'suggestion'] as const;
export type AppealType = (typeof APPEAL_TYPES)[number];

export const APPEAL_TYPE_LABELS: Record<AppealType, LocalizedText> = {
  consultation: { zh: '咨询', en: 'Consultation' },
  help: { zh: '求助', en: 'Request for help' },
  complaint: { zh: '投诉', en: 'Complaint' },
  report: { zh: '举报', en: 'Report' },
  suggestion: { zh: '建议', en: 'Suggestion' },
};

/** Return-visit satisfaction (回访满意度) and its score (DOMAIN.md §6: 100/80/50/0/−100). */
export const SATISFACTION_LEVELS = [
  'very_satisfied',
  'satisfied',
  'basically_satisfied',
  'dissatisfied',
  'very_dissatisfied',
] as const;
export type Satisfaction = (typeof SATISFACTION_LEVELS)[number];

export const SATISFACTION_SCORES: Record<Satisfaction, number> = {
  very_satisfied: 100,
  satisfied: 80,
  basically_satisfied: 50,
  dissatisfied: 0,
  very_dissatisfied: -100,
};

export const SATISFACTION_LABELS: Record<Satisfaction, LocalizedText> = {
  very_satisfied: { zh: '非常满意', en: 'Very satisfied' },
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  dissatisfied: { zh: '不满意', en: 'Dissatisfied' },
  very_dissatisfied: { zh: '非常不满意', en: 'Very dissatisfied' },
};

/** A dissatisfied caller's order is re-handled (重办) unless the operator decides otherwise. */
export function isDissatisfied(level: Satisfaction): boolean {
  return level === 'dissatisfied' || level === 'very_dissatisfied';
}
