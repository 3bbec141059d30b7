import type { Evaluation, EvaluationRow } from '@xiuhua/core';
import type { EvaluationPeriod, TermResult } from '@xiuhua/domain';

export const presentPeriod = (p: EvaluationPeriod) => ({
  kind: p.kind,
  label: p.label,
  from: p.from.toISOString(),
  to: p.to.toISOString(),
});

function presentTerm(t: TermResult) {
  const common = {
    kind: t.kind,
    key: t.key,
    label: t.label,
    weight: t.weight,
    effectiveWeight: t.effectiveWeight,
    points: t.points,
  };
  if (t.kind === 'rate')
    return {
      ...common,
      value: t.value,
      capped: t.capped,
      nullRule: t.nullRule,
      rate: {
        numeratorIndicator: t.rate.numeratorIndicator,
        denominatorIndicator: t.rate.denominatorIndicator,
        numerator: t.rate.numerator,
        denominator: t.rate.denominator,
        rate: t.rate.rate,
        complement: t.complement,
      },
      count: null,
    };
  return {
    ...common,
    value: t.value,
    capped: false,
    nullRule: null,
    rate: null,
    count: { indicator: t.indicator, count: t.countScore.count, score: t.countScore.score },
  };
}

const presentRow = (r: EvaluationRow) => ({
  id: r.id,
  name: r.name,
  rank: r.rank,
  unranked: r.unranked,
  score: r.result.score,
  grade: r.result.grade ? { grade: r.result.grade.grade, label: r.result.grade.label } : null,
  sample: r.result.sample,
  counts: r.counts,
  terms: r.result.terms.map(presentTerm),
});

export const presentEvaluation = (e: Evaluation) => ({
  objectType: e.objectType,
  period: presentPeriod(e.period),
  asOf: e.asOf.toISOString(),
  rows: e.rows.map(presentRow),
});
