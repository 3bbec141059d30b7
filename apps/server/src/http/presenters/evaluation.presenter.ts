import type { Evaluation, EvaluationRow } from '@xiuhua/core';
import { EVALUATION_OBJECT_LABELS, type EvaluationPeriod, type TermResult } from '@xiuhua/domain';
import type { XlsxSheet } from './xlsx';

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

const num = (n: number | null | undefined, digits = 2) =>
  n === null || n === undefined ? null : Math.round(n * 10 ** digits) / 10 ** digits;

/** One sheet per object type: rank, object, score, grade, then each term's rate and points. */
export function evaluationSheets(reports: readonly Evaluation[]): XlsxSheet[] {
  return reports.map((e) => {
    const terms = e.rows[0]?.result.terms ?? [];
    return {
      name: `${EVALUATION_OBJECT_LABELS[e.objectType].zh} ${e.period.label}`,
      header: [
        '排名 rank',
        '对象 object',
        '编码 id',
        '得分 score',
        '等级 grade',
        '未排名原因 unranked',
        ...terms.flatMap((t) => [
          `${t.label.zh} ${t.label.en}`,
          `${t.label.zh}得分 points (${t.weight})`,
        ]),
      ],
      rows: e.rows.map((r) => [
        r.rank,
        r.name,
        r.id,
        r.result.score,
        r.result.grade?.grade ?? null,
        r.unranked ? r.unranked.reason.zh : null,
        ...r.result.terms.flatMap((t) => [
          t.kind === 'rate' ? num(t.rate.rate, 4) : t.countScore.count,
          num(t.points),
        ]),
      ]),
    };
  });
}
