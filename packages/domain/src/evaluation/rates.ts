import { invalidInput, type LocalizedText } from '../errors/app-error';
import type { Counts, IndicatorName } from './indicators';

/**
 * Evaluation rates as data (DOMAIN.md §6 key rates): each is numerator ÷ denominator over the
 * object's counts. Cities change denominators, so a scheme carries its own copy of these
 * definitions (`EvaluationScheme.rates`) and may add rates of its own.
 *
 * A rate whose denominator is zero is `null` — "nothing was due", which is neither 0 % nor
 * 100 %. What a score does with it is the scheme's null rule (see formulas.ts).
 */
export type RateDefinition = {
  label: LocalizedText;
  numerator: IndicatorName;
  denominator: IndicatorName;
  /**
   * The held part of numerator and denominator. When the scheme's held rule is `exclude`
   * both are subtracted, so a held case leaves the ratio entirely rather than only its
   * denominator (which could push a rate above 1).
   */
  held?: { numerator: IndicatorName; denominator: IndicatorName };
  /** Numerator and denominator come from the scheme's rework rule instead of the two above. */
  rework?: boolean;
  /** Numerator units worth a rate of 1 per denominator unit (satisfaction: 100 points a visit). */
  scale?: number;
};

/** Held cases (挂账) leave the due denominators (Jinhua, DOMAIN.md §5) or stay in them. */
export type HeldRule = 'exclude' | 'include';

/**
 * 返工率 = rework ÷ disposed by default (DOMAIN.md §6); cities differ in counting every
 * rework event or each reworked case once, and in dividing by disposals or closures.
 */
export type ReworkRule = { count: 'event' | 'case'; denominator: 'disposed' | 'closed' };

export type RateRules = { held: HeldRule; rework: ReworkRule };

export const RATE_KEYS = [
  'valid_report_rate',
  'missed_rate',
  'accept_on_time_rate',
  'verify_send_on_time_rate',
  'verify_on_time_rate',
  'check_send_on_time_rate',
  'check_on_time_rate',
  'file_on_time_rate',
  'file_accuracy_rate',
  'dispatch_on_time_rate',
  'dispatch_accuracy_rate',
  'disposal_rate',
  'disposal_on_time_rate',
  'closing_rate',
  'closing_on_time_rate',
  'close_step_on_time_rate',
  'rework_rate',
  'supervision_report_rate',
  'satisfaction',
] as const;

export type RateKey = (typeof RATE_KEYS)[number];

const t = (zh: string, en: string): LocalizedText => ({ zh, en });

export const DEFAULT_RATES: Readonly<Record<RateKey, RateDefinition>> = {
  valid_report_rate: {
    label: t('有效上报率', 'Valid report rate'),
    numerator: 'valid',
    denominator: 'reported',
  },
  // DOMAIN.md: 漏报率 = missed ÷ filed, both in the supervisor's grid.
  missed_rate: { label: t('漏报率', 'Missed rate'), numerator: 'missed', denominator: 'filed' },
  accept_on_time_rate: {
    label: t('按时受理率', 'On-time acceptance rate'),
    numerator: 'accepted_on_time',
    denominator: 'accept_due',
  },
  verify_send_on_time_rate: {
    label: t('核实按时派发率', 'Verify tasks sent on time'),
    numerator: 'verify_sent_on_time',
    denominator: 'verify_send_due',
  },
  verify_on_time_rate: {
    label: t('按时核实率', 'On-time verification rate'),
    numerator: 'verified_on_time',
    denominator: 'verify_due',
  },
  check_send_on_time_rate: {
    label: t('核查按时派发率', 'Check tasks sent on time'),
    numerator: 'check_sent_on_time',
    denominator: 'check_send_due',
  },
  check_on_time_rate: {
    label: t('按时核查率', 'On-time check rate'),
    numerator: 'checked_on_time',
    denominator: 'check_due',
  },
  file_on_time_rate: {
    label: t('按时立案率', 'On-time filing rate'),
    numerator: 'filed_on_time',
    denominator: 'file_due',
  },
  file_accuracy_rate: {
    label: t('准确立案率', 'Filing accuracy rate'),
    numerator: 'filed_accurate',
    denominator: 'filed',
  },
  dispatch_on_time_rate: {
    label: t('按时派遣率', 'On-time dispatch rate'),
    numerator: 'dispatched_on_time',
    denominator: 'dispatch_due',
  },
  dispatch_accuracy_rate: {
    label: t('准确派遣率', 'Dispatch accuracy rate'),
    numerator: 'dispatched_accurate',
    denominator: 'dispatched',
  },
  disposal_rate: {
    label: t('处置率', 'Disposal rate'),
    numerator: 'disposed',
    denominator: 'dispose_due',
    held: { numerator: 'held_disposed', denominator: 'held_dispose_due' },
  },
  disposal_on_time_rate: {
    label: t('按期处置率', 'On-time disposal rate'),
    numerator: 'disposed_on_time',
    denominator: 'dispose_due',
    held: { numerator: 'held_disposed_on_time', denominator: 'held_dispose_due' },
  },
  closing_rate: {
    label: t('结案率', 'Closing rate'),
    numerator: 'closed',
    denominator: 'close_due',
    held: { numerator: 'held_closed', denominator: 'held_close_due' },
  },
  closing_on_time_rate: {
    label: t('按期结案率', 'On-time closing rate'),
    numerator: 'closed_on_time',
    denominator: 'close_due',
    held: { numerator: 'held_closed_on_time', denominator: 'held_close_due' },
  },
  // The shift leader's 按时结案率: their own closing step within its step limit.
  close_step_on_time_rate: {
    label: t('按时结案率', 'On-time closing-step rate'),
    numerator: 'close_step_on_time',
    denominator: 'close_step_due',
  },
  rework_rate: {
    label: t('返工率', 'Rework rate'),
    numerator: 'rework',
    denominator: 'disposed',
    rework: true,
  },
  supervision_report_rate: {
    label: t('监督举报率', 'Supervision report rate'),
    numerator: 'supervision_reports',
    denominator: 'filed',
  },
  // Mean return-visit score over 100: all "very satisfied" = 1; may be negative.
  satisfaction: {
    label: t('满意度', 'Satisfaction'),
    numerator: 'satisfaction_sum',
    denominator: 'return_visits',
    scale: 100,
  },
};

/** A rate worked out on one object's counts, with everything needed to show how. */
export type RateValue = {
  key: string;
  numeratorIndicator: IndicatorName;
  denominatorIndicator: IndicatorName;
  /** After taking held cases out, when the held rule says so. */
  numerator: number;
  denominator: number;
  /** The held counts subtracted (null when none were: no held part, or held rule `include`). */
  heldExcluded: { numerator: number; denominator: number } | null;
  /** numerator ÷ (denominator × scale); null when the denominator is zero (or less). */
  rate: number | null;
};

/** The indicators a rate reads under the given rules. */
export function resolveRate(
  definition: RateDefinition,
  rules: RateRules,
): { numerator: IndicatorName; denominator: IndicatorName; held: RateDefinition['held'] | null } {
  if (definition.rework === true)
    return {
      numerator: rules.rework.count === 'event' ? 'rework' : 'reworked_cases',
      denominator: rules.rework.denominator,
      held: null,
    };
  return {
    numerator: definition.numerator,
    denominator: definition.denominator,
    held: rules.held === 'exclude' ? (definition.held ?? null) : null,
  };
}

function read(counts: Counts, name: IndicatorName): number {
  const value = counts[name] as number | undefined;
  if (value === undefined || !Number.isFinite(value))
    throw invalidInput(`counts.${name}`, { zh: '必须是有限数值', en: 'must be a finite number' });
  return value;
}

/** One rate on one object's counts. */
export function computeRate(options: {
  key: string;
  definition: RateDefinition;
  counts: Counts;
  rules: RateRules;
}): RateValue {
  const { key, definition, counts, rules } = options;
  const resolved = resolveRate(definition, rules);
  let numerator = read(counts, resolved.numerator);
  let denominator = read(counts, resolved.denominator);
  let heldExcluded: RateValue['heldExcluded'] = null;
  if (resolved.held) {
    heldExcluded = {
      numerator: read(counts, resolved.held.numerator),
      denominator: read(counts, resolved.held.denominator),
    };
    numerator -= heldExcluded.numerator;
    denominator -= heldExcluded.denominator;
  }
  const scale = definition.scale ?? 1;
  return {
    key,
    numeratorIndicator: resolved.numerator,
    denominatorIndicator: resolved.denominator,
    numerator,
    denominator,
    heldExcluded,
    rate: denominator > 0 ? numerator / (denominator * scale) : null,
  };
}

/** Every rate of a rate table on one object's counts, keyed as the table is. */
export function computeRates(options: {
  rates: Readonly<Record<string, RateDefinition>>;
  counts: Counts;
  rules: RateRules;
}): Record<string, RateValue> {
  const out: Record<string, RateValue> = {};
  for (const [key, definition] of Object.entries(options.rates))
    out[key] = computeRate({ key, definition, counts: options.counts, rules: options.rules });
  return out;
}
