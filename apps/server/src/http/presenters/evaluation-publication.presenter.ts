import type { EvaluationPublication } from '@xiuhua/core';
import { presentPeriod } from './evaluation.presenter';

/** A published period as anyone may read it: no publisher. */
export const presentPublicEvaluation = (p: EvaluationPublication) => ({
  period: presentPeriod(p.period),
  region: p.region,
  publishedAt: p.publishedAt.toISOString(),
  sections: p.sections,
});

export const presentPublicEvaluationSummary = (p: EvaluationPublication) => ({
  period: presentPeriod(p.period),
  region: p.region,
  publishedAt: p.publishedAt.toISOString(),
  objectTypes: p.sections.map((s) => ({ objectType: s.objectType, label: s.label })),
});

/** Staff see who published. */
export const presentEvaluationPublication = (p: EvaluationPublication) => ({
  ...presentPublicEvaluation(p),
  publishedBy: p.publishedBy,
});
