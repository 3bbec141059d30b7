import type { LocalizedText } from '../errors/app-error';
import { DEFAULT_COUNT_TABLES, type CountScoreTable } from './count-scores';
import type { IndicatorName } from './indicators';
import { DEFAULT_RATES, type HeldRule, type RateDefinition, type ReworkRule } from './rates';

/**
 * An evaluation scheme (考评方案): everything a city may change about evaluation, as data —
 * rates, count-score tables, one weighted formula per object type, grade thresholds, the
 * minimum sample for ranking, and the rules for zero denominators, held cases and rework.
 * `DEFAULT_SCHEME` holds DOMAIN.md §6's formulas; `validateScheme` checks an edited one.
 */
export const EVALUATION_OBJECT_TYPES = [
  'district',
  'street',
  'community',
  'grid',
  'department_first',
  'department_second',
  'supervisor',
  'operator',
  'shift_leader',
  'dispatcher',
] as const;

export type EvaluationObjectType = (typeof EVALUATION_OBJECT_TYPES)[number];

export type EvaluationObjectKind = 'region' | 'department' | 'position';

export const EVALUATION_OBJECT_KINDS: Readonly<Record<EvaluationObjectType, EvaluationObjectKind>> =
  {
    district: 'region',
    street: 'region',
    community: 'region',
    grid: 'region',
    department_first: 'department',
    department_second: 'department',
    supervisor: 'position',
    operator: 'position',
    shift_leader: 'position',
    dispatcher: 'position',
  };

export const EVALUATION_OBJECT_LABELS: Readonly<Record<EvaluationObjectType, LocalizedText>> = {
  district: { zh: '区', en: 'District' },
  street: { zh: '街道', en: 'Street' },
  community: { zh: '社区', en: 'Community' },
  grid: { zh: '网格', en: 'Grid' },
  department_first: { zh: '一级专业部门', en: 'First-level department' },
  department_second: { zh: '二级专业部门', en: 'Second-level department' },
  supervisor: { zh: '监督员', en: 'Supervisor' },
  operator: { zh: '受理员', en: 'Operator' },
  shift_leader: { zh: '值班长', en: 'Shift leader' },
  dispatcher: { zh: '派遣员', en: 'Dispatcher' },
};

/** A rate (or 1 − rate with `complement`, for rates where less is better) times its weight. */
export type RateTerm = {
  kind: 'rate';
  key: string;
  /** A key of `EvaluationScheme.rates`. */
  rate: string;
  complement?: boolean;
  weight: number;
  label?: LocalizedText;
};

/** A count's score (0–100) from a count-score table, times weight ÷ 100. */
export type CountTerm = {
  kind: 'count';
  key: string;
  indicator: IndicatorName;
  /** A key of `EvaluationScheme.countTables`. */
  table: string;
  weight: number;
  label?: LocalizedText;
};

export type EvaluationTerm = RateTerm | CountTerm;

/**
 * What a term whose rate is null (zero denominator) contributes:
 * - `full`: counts as a rate of 1 — nothing due, nothing failed;
 * - `zero`: counts as 0 — no work shown, no points;
 * - `skip`: drops out and the remaining terms are reweighted to 100.
 * For a complemented term (1 − rate) `full` and `zero` apply to the term's value, not the rate.
 */
export type NullRule = 'full' | 'zero' | 'skip';

/** Objects with `counts[indicator] < minimum` get a score but no rank. */
export type MinimumSample = { indicator: IndicatorName; minimum: number };

export type EvaluationFormula = {
  terms: readonly EvaluationTerm[];
  minimumSample: MinimumSample | null;
  /** Overrides the scheme's null rule for this object type. */
  nullRule?: NullRule;
};

/** A grade for scores at or above `min`; listed best first, the last with `min` 0. */
export type GradeThreshold = { grade: string; min: number; label: LocalizedText };

export type EvaluationRules = { nullRate: NullRule; held: HeldRule; rework: ReworkRule };

export type EvaluationScheme = {
  rates: Readonly<Record<string, RateDefinition>>;
  countTables: Readonly<Record<string, CountScoreTable>>;
  formulas: Readonly<Record<EvaluationObjectType, EvaluationFormula>>;
  grades: readonly GradeThreshold[];
  rules: EvaluationRules;
};

export const DEFAULT_GRADES: readonly GradeThreshold[] = [
  { grade: 'A', min: 90, label: { zh: '优秀', en: 'Excellent' } },
  { grade: 'B', min: 75, label: { zh: '良好', en: 'Good' } },
  { grade: 'C', min: 60, label: { zh: '中等', en: 'Fair' } },
  { grade: 'D', min: 40, label: { zh: '较差', en: 'Poor' } },
  { grade: 'E', min: 0, label: { zh: '差', en: 'Bad' } },
];

/** Fewer cases than this and one case moves a rate by more than 10 %: too few to rank. */
export const DEFAULT_MINIMUM_SAMPLE = 10;

const sample = (indicator: IndicatorName): MinimumSample => ({
  indicator,
  minimum: DEFAULT_MINIMUM_SAMPLE,
});

// Region: (1 − 监督举报率)×10 + 立案数分值×20 % + 结案率×30 + 按期结案率×40.
const REGION: EvaluationFormula = {
  terms: [
    {
      kind: 'rate',
      key: 'supervision_report_rate',
      rate: 'supervision_report_rate',
      complement: true,
      weight: 10,
    },
    { kind: 'count', key: 'filed_score', indicator: 'filed', table: 'region_filed', weight: 20 },
    { kind: 'rate', key: 'closing_rate', rate: 'closing_rate', weight: 30 },
    { kind: 'rate', key: 'closing_on_time_rate', rate: 'closing_on_time_rate', weight: 40 },
  ],
  minimumSample: sample('close_due'),
};

// Department: 立案数分值×10 % + 结案率×30 + 按期处置率×30 + (1 − 返工率)×30.
const DEPARTMENT: EvaluationFormula = {
  terms: [
    {
      kind: 'count',
      key: 'filed_score',
      indicator: 'filed',
      table: 'department_filed',
      weight: 10,
    },
    { kind: 'rate', key: 'closing_rate', rate: 'closing_rate', weight: 30 },
    { kind: 'rate', key: 'disposal_on_time_rate', rate: 'disposal_on_time_rate', weight: 30 },
    { kind: 'rate', key: 'rework_rate', rate: 'rework_rate', complement: true, weight: 30 },
  ],
  minimumSample: sample('dispose_due'),
};

export const DEFAULT_SCHEME: EvaluationScheme = {
  rates: DEFAULT_RATES,
  countTables: DEFAULT_COUNT_TABLES,
  formulas: {
    district: REGION,
    street: REGION,
    community: REGION,
    grid: REGION,
    department_first: DEPARTMENT,
    department_second: DEPARTMENT,
    // 有效上报率×40 + (1 − 漏报率)×20 + 按时核实率×20 + 按时核查率×20.
    supervisor: {
      terms: [
        { kind: 'rate', key: 'valid_report_rate', rate: 'valid_report_rate', weight: 40 },
        { kind: 'rate', key: 'missed_rate', rate: 'missed_rate', complement: true, weight: 20 },
        { kind: 'rate', key: 'verify_on_time_rate', rate: 'verify_on_time_rate', weight: 20 },
        { kind: 'rate', key: 'check_on_time_rate', rate: 'check_on_time_rate', weight: 20 },
      ],
      minimumSample: sample('reported'),
    },
    // 受理数分值×25 % + 核实按时派发率×40 + 核查按时派发率×35.
    operator: {
      terms: [
        {
          kind: 'count',
          key: 'accepted_score',
          indicator: 'accepted',
          table: 'operator_accepted',
          weight: 25,
        },
        {
          kind: 'rate',
          key: 'verify_send_on_time_rate',
          rate: 'verify_send_on_time_rate',
          weight: 40,
        },
        {
          kind: 'rate',
          key: 'check_send_on_time_rate',
          rate: 'check_send_on_time_rate',
          weight: 35,
        },
      ],
      minimumSample: sample('accepted'),
    },
    // 按时立案率×25 + 准确立案率×40 + 按时结案率×35.
    shift_leader: {
      terms: [
        { kind: 'rate', key: 'file_on_time_rate', rate: 'file_on_time_rate', weight: 25 },
        { kind: 'rate', key: 'file_accuracy_rate', rate: 'file_accuracy_rate', weight: 40 },
        {
          kind: 'rate',
          key: 'close_step_on_time_rate',
          rate: 'close_step_on_time_rate',
          weight: 35,
        },
      ],
      minimumSample: sample('filed'),
    },
    // 派遣数分值×20 % + 按时派遣率×40 + 准确派遣率×40.
    dispatcher: {
      terms: [
        {
          kind: 'count',
          key: 'dispatched_score',
          indicator: 'dispatched',
          table: 'dispatcher_dispatched',
          weight: 20,
        },
        { kind: 'rate', key: 'dispatch_on_time_rate', rate: 'dispatch_on_time_rate', weight: 40 },
        { kind: 'rate', key: 'dispatch_accuracy_rate', rate: 'dispatch_accuracy_rate', weight: 40 },
      ],
      minimumSample: sample('dispatched'),
    },
  },
  grades: DEFAULT_GRADES,
  rules: {
    nullRate: 'skip',
    held: 'exclude',
    rework: { count: 'event', denominator: 'disposed' },
  },
};
