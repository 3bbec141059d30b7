import { invalidInput, type LocalizedText } from '../errors/app-error';

/**
 * Indicator counts: the raw numbers every evaluation rate and score is made of (DOMAIN.md §6,
 * "every rate is a ratio of counts kept per case"). This module only names and checks them; how
 * a period's counts are summed from case facts is the job of the caller (see indicator-facts/).
 *
 * Every count is **scoped to the evaluated object** and to one period:
 * - a region (district, street, community, grid) counts cases located in it;
 * - a department counts cases dispatched to it;
 * - a position holder counts what they did, or had to do (a supervisor's `filed` and `missed`
 *   count cases in their responsibility grids).
 *
 * Naming: `<step>_due` is a timed step whose deadline fell in the period — **including steps
 * still open past their deadline** (open overdue), so on-time rates count them as late;
 * `<done>_on_time` is the part of it finished at or before the deadline. `held_<x>` is the part
 * of `<x>` that belongs to cases put on hold (挂账) during the step; the scheme's held rule may
 * take those out of numerator and denominator alike.
 */
export const INDICATOR_NAMES = [
  // Reporting (supervisors, public)
  'reported',
  'valid',
  'missed',
  'public_reports',
  'supervision_reports',
  'self_disposed',
  // Centre intake (operator, supervisor tasks)
  'accepted',
  'accept_due',
  'accepted_on_time',
  'verify_send_due',
  'verify_sent_on_time',
  'verify_due',
  'verified_on_time',
  'check_send_due',
  'check_sent_on_time',
  'check_due',
  'checked_on_time',
  // Filing and dispatch (shift leader, dispatcher)
  'file_due',
  'filed',
  'filed_on_time',
  'filed_accurate',
  'dispatch_due',
  'dispatched',
  'dispatched_on_time',
  'dispatched_accurate',
  // Disposal (departments)
  'dispose_due',
  'disposed',
  'disposed_on_time',
  'overdue_open',
  'held_dispose_due',
  'held_disposed',
  'held_disposed_on_time',
  'rework',
  'reworked_cases',
  'postponed',
  'held',
  'returned',
  'voided',
  // Closing (regions, departments; the shift leader's closing step)
  'close_due',
  'closed',
  'closed_on_time',
  'held_close_due',
  'held_closed',
  'held_closed_on_time',
  'close_step_due',
  'close_step_on_time',
  // Public feedback
  'return_visits',
  'satisfaction_sum',
] as const;

export type IndicatorName = (typeof INDICATOR_NAMES)[number];

/** One period's counts for one evaluated object. */
export type Counts = Record<IndicatorName, number>;

export type IndicatorDefinition = {
  label: LocalizedText;
  /** The count is part of this one, so it can never exceed it (checked by `validateCounts`). */
  within?: IndicatorName;
  /** May be negative (a sum of return-visit scores, where 不满意 is −100). */
  signed?: boolean;
};

const t = (zh: string, en: string): LocalizedText => ({ zh, en });

export const INDICATORS: Readonly<Record<IndicatorName, IndicatorDefinition>> = {
  reported: { label: t('上报数', 'Reported') },
  valid: { label: t('有效上报数', 'Valid reports'), within: 'reported' },
  // Public reports verified true in the supervisor's grid: problems the supervisor should have found.
  missed: { label: t('漏报数', 'Missed (found by the public)') },
  public_reports: { label: t('公众举报数', 'Public reports') },
  // Public reports (hotline, web, media, leaders) about the region verified true and filed.
  supervision_reports: { label: t('监督举报数', 'Supervision reports'), within: 'filed' },
  self_disposed: { label: t('自处置数', 'Self-disposed') },

  accepted: { label: t('受理数', 'Accepted') },
  accept_due: { label: t('应受理数', 'Acceptances due') },
  accepted_on_time: { label: t('按时受理数', 'Accepted on time'), within: 'accept_due' },
  // The operator's sending of a verify task to a supervisor (核实派发).
  verify_send_due: { label: t('应派发核实数', 'Verify tasks due to send') },
  verify_sent_on_time: {
    label: t('按时派发核实数', 'Verify tasks sent on time'),
    within: 'verify_send_due',
  },
  verify_due: { label: t('应核实数', 'Verifications due') },
  verified_on_time: { label: t('按时核实数', 'Verified on time'), within: 'verify_due' },
  // The operator's sending of a check task to a supervisor (核查派发).
  check_send_due: { label: t('应派发核查数', 'Check tasks due to send') },
  check_sent_on_time: {
    label: t('按时派发核查数', 'Check tasks sent on time'),
    within: 'check_send_due',
  },
  check_due: { label: t('应核查数', 'Checks due') },
  checked_on_time: { label: t('按时核查数', 'Checked on time'), within: 'check_due' },

  file_due: { label: t('应立案数', 'Filings due') },
  filed: { label: t('立案数', 'Filed') },
  filed_on_time: { label: t('按时立案数', 'Filed on time'), within: 'file_due' },
  // Filed and not voided afterwards as not a case after all.
  filed_accurate: { label: t('准确立案数', 'Filed accurately'), within: 'filed' },
  dispatch_due: { label: t('应派遣数', 'Dispatches due') },
  dispatched: { label: t('派遣数', 'Dispatched') },
  dispatched_on_time: { label: t('按时派遣数', 'Dispatched on time'), within: 'dispatch_due' },
  // Not returned (回退) by the department: a returned dispatch is a wrong one.
  dispatched_accurate: { label: t('准确派遣数', 'Dispatched accurately'), within: 'dispatched' },

  dispose_due: { label: t('应处置数', 'Disposals due') },
  disposed: { label: t('处置数', 'Disposed'), within: 'dispose_due' },
  disposed_on_time: { label: t('按期处置数', 'Disposed on time'), within: 'disposed' },
  // Due disposals still open past the deadline; they stay in dispose_due and count as late.
  overdue_open: { label: t('超期未处置数', 'Open and overdue'), within: 'dispose_due' },
  held_dispose_due: { label: t('挂账应处置数', 'Disposals due, held'), within: 'dispose_due' },
  held_disposed: { label: t('挂账处置数', 'Disposed, held'), within: 'disposed' },
  held_disposed_on_time: {
    label: t('挂账按期处置数', 'Disposed on time, held'),
    within: 'disposed_on_time',
  },
  // Every rework event (check failed, sent back at closing, reopened): one case may count often.
  rework: { label: t('返工次数', 'Rework events') },
  reworked_cases: { label: t('返工案件数', 'Cases reworked'), within: 'rework' },
  postponed: { label: t('延期数', 'Postponed') },
  // Hold (挂账) approvals in the period.
  held: { label: t('挂账数', 'Held') },
  returned: { label: t('回退数', 'Returned') },
  voided: { label: t('作废数', 'Voided') },

  close_due: { label: t('应结案数', 'Closings due') },
  closed: { label: t('结案数', 'Closed'), within: 'close_due' },
  // Closed with the disposal inside its time limit (按期).
  closed_on_time: { label: t('按期结案数', 'Closed on time'), within: 'closed' },
  held_close_due: { label: t('挂账应结案数', 'Closings due, held'), within: 'close_due' },
  held_closed: { label: t('挂账结案数', 'Closed, held'), within: 'closed' },
  held_closed_on_time: {
    label: t('挂账按期结案数', 'Closed on time, held'),
    within: 'closed_on_time',
  },
  // The shift leader's own closing step (待结案 → 已结案) and its step limit.
  close_step_due: { label: t('应结案审核数', 'Closing steps due') },
  close_step_on_time: {
    label: t('按时结案审核数', 'Closing steps on time'),
    within: 'close_step_due',
  },

  return_visits: { label: t('回访数', 'Return visits') },
  // Sum of the visits' satisfaction scores (100 / 80 / 50 / 0 / −100, SATISFACTION_SCORES).
  satisfaction_sum: { label: t('满意度得分合计', 'Satisfaction score sum'), signed: true },
};

const NAMES: ReadonlySet<string> = new Set(INDICATOR_NAMES);

export function isIndicatorName(name: string): name is IndicatorName {
  return NAMES.has(name);
}

/** All counts zero. */
export function emptyCounts(): Counts {
  const counts = {} as Counts;
  for (const name of INDICATOR_NAMES) counts[name] = 0;
  return counts;
}

/** Counts from the ones given; every other count is zero. Throws on an unknown name. */
export function countsOf(partial: Readonly<Partial<Record<string, number>>>): Counts {
  const counts = emptyCounts();
  for (const [name, value] of Object.entries(partial)) {
    if (!isIndicatorName(name))
      throw invalidInput(`counts.${name}`, {
        zh: '未知的指标名称',
        en: 'unknown indicator name',
      });
    if (value !== undefined) counts[name] = value;
  }
  return counts;
}

/** A problem with evaluation input or configuration: the field (a path) and why, in zh and en. */
export type EvaluationProblem = { field: string; reason: LocalizedText };

/**
 * Problems with a set of counts: not a finite whole number, negative where it cannot be, or a
 * part larger than its whole (`within`). Rates still compute from inconsistent counts (a rate
 * above 1 is capped when scored), so callers decide whether a problem is fatal.
 */
export function validateCounts(counts: Readonly<Record<string, unknown>>): EvaluationProblem[] {
  const problems: EvaluationProblem[] = [];
  for (const name of INDICATOR_NAMES) {
    const value = counts[name];
    const field = `counts.${name}`;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      problems.push({ field, reason: t('必须是整数', 'must be a whole number') });
      continue;
    }
    const def = INDICATORS[name];
    if (value < 0 && def.signed !== true)
      problems.push({ field, reason: t('不能为负数', 'must not be negative') });
    const whole = def.within === undefined ? undefined : counts[def.within];
    if (def.within !== undefined && typeof whole === 'number' && value > whole)
      problems.push({
        field,
        reason: t(
          `不能大于${INDICATORS[def.within].label.zh}（${def.within}）`,
          `must not exceed ${def.within}`,
        ),
      });
  }
  for (const name of Object.keys(counts))
    if (!isIndicatorName(name))
      problems.push({ field: `counts.${name}`, reason: t('未知的指标名称', 'unknown indicator') });
  return problems;
}
