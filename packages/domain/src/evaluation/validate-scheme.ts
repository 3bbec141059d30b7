import type { LocalizedText } from '../errors/app-error';
import type { CountScoreTable } from './count-scores';
import { isIndicatorName, type EvaluationProblem } from './indicators';
import type { RateDefinition } from './rates';
import {
  EVALUATION_OBJECT_TYPES,
  type EvaluationFormula,
  type EvaluationScheme,
  type GradeThreshold,
} from './scheme';

/**
 * Checks an evaluation scheme edited by a city before it is saved or used: every name it
 * refers to exists, weights sum to 100 per object type, band and grade thresholds are ordered,
 * rules take known values. Schemes arrive as stored JSON, so the checks do not trust the type.
 * An empty list means the scheme is usable.
 */
export function validateScheme(scheme: EvaluationScheme): EvaluationProblem[] {
  const problems: EvaluationProblem[] = [];
  const add = (field: string, zh: string, en: string) =>
    problems.push({ field, reason: { zh, en } });
  checkRates(scheme.rates, add);
  checkCountTables(scheme.countTables, add);
  checkFormulas(scheme, add);
  checkGrades(scheme.grades, add);
  checkRules(scheme, add);
  return problems;
}

type Add = (field: string, zh: string, en: string) => void;

const WEIGHT_TOTAL = 100;
const WEIGHT_TOLERANCE = 1e-9;

/** A list from stored JSON, or none: `Array.isArray` alone would widen it to `any[]`. */
function listOf<T>(value: readonly T[] | undefined): readonly T[] {
  return Array.isArray(value) ? (value as readonly T[]) : [];
}

function entries<T>(record: Readonly<Record<string, T>> | undefined): [string, T][] {
  return record && typeof record === 'object' ? Object.entries(record) : [];
}

function checkIndicator(name: unknown, field: string, add: Add): void {
  if (typeof name !== 'string' || !isIndicatorName(name))
    add(field, `未知的指标名称：${String(name)}`, `unknown indicator name: ${String(name)}`);
}

function checkLabel(label: LocalizedText | undefined, field: string, add: Add): void {
  if (!label || !label.zh?.trim() || !label.en?.trim())
    add(field, '需要中文和英文名称', 'needs a Chinese and an English label');
}

function checkRates(rates: Readonly<Record<string, RateDefinition>>, add: Add): void {
  for (const [key, rate] of entries(rates)) {
    const at = `rates.${key}`;
    checkLabel(rate.label, `${at}.label`, add);
    checkIndicator(rate.numerator, `${at}.numerator`, add);
    checkIndicator(rate.denominator, `${at}.denominator`, add);
    if (rate.held !== undefined) {
      checkIndicator(rate.held.numerator, `${at}.held.numerator`, add);
      checkIndicator(rate.held.denominator, `${at}.held.denominator`, add);
    }
    if (rate.scale !== undefined && !(Number.isFinite(rate.scale) && rate.scale > 0))
      add(`${at}.scale`, '必须是正数', 'must be a positive number');
  }
}

function checkCountTables(tables: Readonly<Record<string, CountScoreTable>>, add: Add): void {
  for (const [key, table] of entries(tables)) {
    const at = `countTables.${key}`;
    checkLabel(table.label, `${at}.label`, add);
    const classes = entries(table.classes);
    if (classes.length === 0) add(`${at}.classes`, '至少需要一个类别', 'needs at least one class');
    else if (!Object.hasOwn(table.classes, table.defaultClass))
      add(
        `${at}.defaultClass`,
        `默认类别 ${table.defaultClass} 不存在`,
        `default class ${table.defaultClass} does not exist`,
      );
    for (const [name, list] of classes) {
      const field = `${at}.classes.${name}`;
      const bands = listOf(list);
      if (bands.length === 0) {
        add(field, '至少需要一档', 'needs at least one band');
        continue;
      }
      if (bands[0]?.min !== 0)
        add(`${field}[0].min`, '第一档必须从 0 开始', 'first band must start at 0');
      bands.forEach((band, i) => {
        if (!Number.isInteger(band.min) || band.min < 0)
          add(`${field}[${i}].min`, '必须是非负整数', 'must be a whole number ≥ 0');
        const previous = bands[i - 1];
        if (previous !== undefined && !(band.min > previous.min))
          add(`${field}[${i}].min`, '各档下限必须递增', 'band minimums must increase');
        if (!(Number.isFinite(band.score) && band.score >= 0 && band.score <= 100))
          add(`${field}[${i}].score`, '分值必须在 0–100 之间', 'score must be within 0–100');
      });
    }
  }
}

function checkFormulas(scheme: EvaluationScheme, add: Add): void {
  const known: ReadonlySet<string> = new Set(EVALUATION_OBJECT_TYPES);
  for (const [type] of entries(scheme.formulas))
    if (!known.has(type)) add(`formulas.${type}`, '未知的考评对象类型', 'unknown object type');
  for (const type of EVALUATION_OBJECT_TYPES) {
    const formula = (scheme.formulas as Partial<Record<string, EvaluationFormula>> | undefined)?.[
      type
    ];
    const at = `formulas.${type}`;
    if (formula === undefined) {
      add(at, '缺少该对象类型的公式', 'no formula for this object type');
      continue;
    }
    checkFormula(scheme, formula, at, add);
  }
}

function checkFormula(scheme: EvaluationScheme, formula: EvaluationFormula, at: string, add: Add) {
  const terms = listOf(formula.terms);
  if (terms.length === 0) add(`${at}.terms`, '至少需要一项', 'needs at least one term');
  const keys = new Set<string>();
  let total = 0;
  terms.forEach((term, i) => {
    const field = `${at}.terms[${i}]`;
    if (!term.key || keys.has(term.key))
      add(`${field}.key`, '键不能为空且不能重复', 'key must be present and unique');
    keys.add(term.key);
    if (!(Number.isFinite(term.weight) && term.weight > 0))
      add(`${field}.weight`, '权重必须是正数', 'weight must be a positive number');
    else total += term.weight;
    switch (term.kind) {
      case 'rate':
        if (!Object.hasOwn(scheme.rates, term.rate))
          add(`${field}.rate`, `未知的比率：${term.rate}`, `unknown rate: ${term.rate}`);
        break;
      case 'count':
        checkIndicator(term.indicator, `${field}.indicator`, add);
        if (!Object.hasOwn(scheme.countTables, term.table))
          add(
            `${field}.table`,
            `未知的分值表：${term.table}`,
            `unknown count table: ${term.table}`,
          );
        break;
      default:
        add(`${field}.kind`, '项类型必须是 rate 或 count', 'kind must be rate or count');
    }
  });
  if (terms.length > 0 && Math.abs(total - WEIGHT_TOTAL) > WEIGHT_TOLERANCE)
    add(`${at}.terms`, `权重合计为 ${total}，应为 100`, `weights sum to ${total}, not 100`);
  if (formula.nullRule !== undefined && !NULL_RULES.includes(formula.nullRule))
    add(`${at}.nullRule`, '必须是 full、zero 或 skip', 'must be full, zero or skip');
  if (formula.minimumSample) {
    checkIndicator(formula.minimumSample.indicator, `${at}.minimumSample.indicator`, add);
    const min = formula.minimumSample.minimum;
    if (!Number.isInteger(min) || min < 0)
      add(`${at}.minimumSample.minimum`, '必须是非负整数', 'must be a whole number ≥ 0');
  }
}

function checkGrades(list: readonly GradeThreshold[], add: Add): void {
  const grades = listOf(list);
  if (grades.length === 0) {
    add('grades', '至少需要一个等级', 'needs at least one grade');
    return;
  }
  const names = new Set<string>();
  grades.forEach((g, i) => {
    const field = `grades[${i}]`;
    if (!g.grade || names.has(g.grade))
      add(`${field}.grade`, '等级名称不能为空且不能重复', 'grade must be present and unique');
    names.add(g.grade);
    checkLabel(g.label, `${field}.label`, add);
    if (!(Number.isFinite(g.min) && g.min >= 0 && g.min <= 100))
      add(`${field}.min`, '下限必须在 0–100 之间', 'minimum must be within 0–100');
    const previous = grades[i - 1];
    if (previous !== undefined && !(g.min < previous.min))
      add(`${field}.min`, '等级下限必须从高到低递减', 'grade minimums must decrease, best first');
  });
  if (grades[grades.length - 1]?.min !== 0)
    add(
      `grades[${grades.length - 1}].min`,
      '最低等级下限必须为 0',
      'the lowest grade must start at 0',
    );
}

const NULL_RULES: readonly string[] = ['full', 'zero', 'skip'];

function checkRules(scheme: EvaluationScheme, add: Add): void {
  const rules = scheme.rules as Partial<EvaluationScheme['rules']> | undefined;
  if (!NULL_RULES.includes(rules?.nullRate ?? ''))
    add('rules.nullRate', '必须是 full、zero 或 skip', 'must be full, zero or skip');
  if (!['exclude', 'include'].includes(rules?.held ?? ''))
    add('rules.held', '必须是 exclude 或 include', 'must be exclude or include');
  if (!['event', 'case'].includes(rules?.rework?.count ?? ''))
    add('rules.rework.count', '必须是 event 或 case', 'must be event or case');
  if (!['disposed', 'closed'].includes(rules?.rework?.denominator ?? ''))
    add('rules.rework.denominator', '必须是 disposed 或 closed', 'must be disposed or closed');
}
