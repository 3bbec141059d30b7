import { invalidInput, type LocalizedText } from '../errors/app-error';
import { countScore, type CountScoreValue } from './count-scores';
import type { Counts, IndicatorName } from './indicators';
import { computeRate, type RateValue } from './rates';
import type {
  CountTerm,
  EvaluationObjectType,
  EvaluationScheme,
  GradeThreshold,
  NullRule,
  RateTerm,
} from './scheme';

/**
 * Scores (综合评价得分) of one evaluated object from its counts and a scheme:
 *
 *   score = Σ value × effectiveWeight, rounded to 2 decimals once, at the end;
 *
 * where value ∈ [0, 1] is a rate (or 1 − rate), capped to [0, 1], or a count score ÷ 100, and
 * effectiveWeight = weight × 100 ÷ (sum of the weights of the terms that count). With a valid
 * scheme and no skipped term the effective weight is the weight. Terms whose rate is null (zero
 * denominator) follow the null rule: `full` → value 1, `zero` → value 0, `skip` → left out and
 * the others reweighted. If every term is skipped there is nothing to judge: score and grade are
 * null. The result keeps every term's arithmetic so a UI can show how the score was made.
 */
export type RateTermResult = {
  kind: 'rate';
  key: string;
  label: LocalizedText;
  weight: number;
  effectiveWeight: number;
  complement: boolean;
  rate: RateValue;
  /** What earned points: rate or 1 − rate, capped to [0, 1]; null when skipped. */
  value: number | null;
  /** The rate (or its complement) lay outside [0, 1] and was capped. */
  capped: boolean;
  /** The null rule applied, when the rate was null. */
  nullRule: NullRule | null;
  points: number;
};

export type CountTermResult = {
  kind: 'count';
  key: string;
  label: LocalizedText;
  weight: number;
  effectiveWeight: number;
  indicator: IndicatorName;
  table: string;
  countScore: CountScoreValue;
  /** The count score ÷ 100. */
  value: number;
  points: number;
};

export type TermResult = RateTermResult | CountTermResult;

export type ScoreResult = {
  objectType: EvaluationObjectType;
  /** 0–100, 2 decimals; null when every term was skipped. */
  score: number | null;
  grade: GradeThreshold | null;
  nullRule: NullRule;
  terms: TermResult[];
  /** The formula's minimum sample against the counts; null when the formula sets none. */
  sample: { indicator: IndicatorName; count: number; minimum: number; met: boolean } | null;
};

/** Rounds half up to 2 decimals, first shedding binary noise (89.99999999999 → 90). */
export function roundScore(value: number): number {
  return Math.round(Number((value * 100).toPrecision(12))) / 100;
}

/** The grade of a (rounded) score: the first threshold, best first, the score reaches. */
export function gradeOf(score: number, grades: readonly GradeThreshold[]): GradeThreshold {
  const grade = grades.find((g) => score >= g.min) ?? grades[grades.length - 1];
  if (grade === undefined)
    throw invalidInput('scheme.grades', { zh: '没有等级', en: 'no grades defined' });
  return grade;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

type Draft =
  | Omit<RateTermResult, 'effectiveWeight' | 'points'>
  | Omit<CountTermResult, 'effectiveWeight' | 'points'>;

function rateTerm(term: RateTerm, input: ScoreInput, nullRule: NullRule): Draft {
  const { scheme, counts } = input;
  const definition = Object.hasOwn(scheme.rates, term.rate) ? scheme.rates[term.rate] : undefined;
  if (definition === undefined)
    throw invalidInput(`scheme.rates.${term.rate}`, { zh: '未知的比率', en: 'unknown rate' });
  const rate = computeRate({ key: term.rate, definition, counts, rules: scheme.rules });
  const complement = term.complement === true;
  const base = {
    kind: 'rate' as const,
    key: term.key,
    label: term.label ?? labelOf(definition.label, complement),
    weight: term.weight,
    complement,
    rate,
  };
  if (rate.rate === null) {
    const value = nullRule === 'full' ? 1 : nullRule === 'zero' ? 0 : null;
    return { ...base, value, capped: false, nullRule };
  }
  const raw = complement ? 1 - rate.rate : rate.rate;
  const value = clamp01(raw);
  return { ...base, value, capped: value !== raw, nullRule: null };
}

function countTerm(term: CountTerm, input: ScoreInput): Draft {
  const { scheme, counts } = input;
  const table = Object.hasOwn(scheme.countTables, term.table)
    ? scheme.countTables[term.table]
    : undefined;
  if (table === undefined)
    throw invalidInput(`scheme.countTables.${term.table}`, {
      zh: '未知的计数分值表',
      en: 'unknown count table',
    });
  const count = counts[term.indicator] as number | undefined;
  if (count === undefined || !Number.isFinite(count))
    throw invalidInput(`counts.${term.indicator}`, {
      zh: '必须是有限数值',
      en: 'must be a finite number',
    });
  const value = countScore({ table, count, countClass: input.countClass });
  return {
    kind: 'count',
    key: term.key,
    label: term.label ?? table.label,
    weight: term.weight,
    indicator: term.indicator,
    table: term.table,
    countScore: value,
    value: value.score / 100,
  };
}

function labelOf(label: LocalizedText, complement: boolean): LocalizedText {
  return complement ? { zh: `1 − ${label.zh}`, en: `1 − ${label.en}` } : label;
}

export type ScoreInput = {
  objectType: EvaluationObjectType;
  counts: Counts;
  scheme: EvaluationScheme;
  /** The object's class for count-score tables (area class, department group). */
  countClass?: string | undefined;
};

/**
 * The score, grade and arithmetic of one object. Throws VALIDATION_FAILED when the scheme
 * refers to something it does not define or a count it needs is not a finite number; run
 * `validateScheme` when a scheme is saved so that never happens at scoring time.
 */
export function score(input: ScoreInput): ScoreResult {
  const { objectType, counts, scheme } = input;
  const formula = Object.hasOwn(scheme.formulas, objectType)
    ? scheme.formulas[objectType]
    : undefined;
  if (formula === undefined)
    throw invalidInput(`scheme.formulas.${objectType}`, {
      zh: '该对象类型没有考评公式',
      en: 'no formula for this object type',
    });
  const nullRule = formula.nullRule ?? scheme.rules.nullRate;
  const drafts = formula.terms.map((term) =>
    term.kind === 'rate' ? rateTerm(term, input, nullRule) : countTerm(term, input),
  );
  const activeWeight = drafts.reduce((sum, d) => (d.value === null ? sum : sum + d.weight), 0);
  const terms: TermResult[] = drafts.map((d) => {
    const effectiveWeight =
      d.value === null || activeWeight === 0 ? 0 : (d.weight * 100) / activeWeight;
    return { ...d, effectiveWeight, points: (d.value ?? 0) * effectiveWeight };
  });
  const total =
    activeWeight === 0 ? null : roundScore(terms.reduce((sum, term) => sum + term.points, 0));
  const minimum = formula.minimumSample;
  return {
    objectType,
    score: total,
    grade: total === null ? null : gradeOf(total, scheme.grades),
    nullRule,
    terms,
    sample:
      minimum === null
        ? null
        : {
            indicator: minimum.indicator,
            count: counts[minimum.indicator],
            minimum: minimum.minimum,
            met: counts[minimum.indicator] >= minimum.minimum,
          },
  };
}
