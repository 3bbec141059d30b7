import type { FactMeasure, MeasureSpec } from '@xiuhua/db';
import { INDICATOR_NAMES, type FactKind, type IndicatorName } from '@xiuhua/domain';

/**
 * Which facts make each indicator count, and which part of them: all (`n`), on time, ended by
 * the period's end, still open, held, distinct cases, or the sum of values. The same table gives
 * the counts and the drill-down lists, so a list always has exactly as many rows as its number.
 *
 * Our workflow times the operator's acceptance as one step that ends when the case is accepted or
 * sent to a supervisor to verify, so 核实派发 (verify_send_*) reads the acceptance step; sending
 * the check task happens inside the check step, so 核查派发 (check_send_*) reads that step.
 */
export type IndicatorSource = { kind: FactKind; measure: FactMeasure };

const src = (kind: FactKind, measure: FactMeasure = 'n'): IndicatorSource => ({ kind, measure });

export const INDICATOR_SOURCES: Readonly<Record<IndicatorName, IndicatorSource>> = {
  reported: src('reported'),
  valid: src('valid'),
  missed: src('missed'),
  public_reports: src('public_report'),
  supervision_reports: src('missed'),
  self_disposed: src('self_disposed'),
  accepted: src('accepted'),
  accept_due: src('step_accept'),
  accepted_on_time: src('step_accept', 'onTime'),
  verify_send_due: src('step_accept'),
  verify_sent_on_time: src('step_accept', 'onTime'),
  verify_due: src('step_verify'),
  verified_on_time: src('step_verify', 'onTime'),
  check_send_due: src('step_check'),
  check_sent_on_time: src('step_check', 'onTime'),
  check_due: src('step_check'),
  checked_on_time: src('step_check', 'onTime'),
  file_due: src('step_file'),
  filed: src('filed'),
  filed_on_time: src('step_file', 'onTime'),
  filed_accurate: src('filed_accurate'),
  dispatch_due: src('step_dispatch'),
  dispatched: src('dispatched'),
  dispatched_on_time: src('step_dispatch', 'onTime'),
  dispatched_accurate: src('dispatched_accurate'),
  dispose_due: src('step_dispose'),
  disposed: src('step_dispose', 'finished'),
  disposed_on_time: src('step_dispose', 'onTime'),
  overdue_open: src('step_dispose', 'open'),
  held_dispose_due: src('step_dispose', 'held'),
  held_disposed: src('step_dispose', 'heldFinished'),
  held_disposed_on_time: src('step_dispose', 'heldOnTime'),
  rework: src('rework'),
  reworked_cases: src('rework', 'cases'),
  postponed: src('postponed'),
  held: src('held'),
  returned: src('returned'),
  voided: src('voided'),
  close_due: src('case_close'),
  closed: src('case_close', 'finished'),
  closed_on_time: src('case_close', 'onTime'),
  held_close_due: src('case_close', 'held'),
  held_closed: src('case_close', 'heldFinished'),
  held_closed_on_time: src('case_close', 'heldOnTime'),
  close_step_due: src('step_close'),
  close_step_on_time: src('step_close', 'onTime'),
  return_visits: src('return_visit'),
  satisfaction_sum: src('return_visit', 'value'),
};

/** A department's 立案数 and 派遣数 are the cases dispatched to it; accurate unless returned. */
const DEPARTMENT_SOURCES: Partial<Record<IndicatorName, IndicatorSource>> = {
  filed: src('assigned'),
  filed_accurate: src('assigned_accurate'),
  dispatched: src('assigned'),
  dispatched_accurate: src('assigned_accurate'),
};

export function indicatorSource(name: IndicatorName, forDepartment: boolean): IndicatorSource {
  return (forDepartment ? DEPARTMENT_SOURCES[name] : undefined) ?? INDICATOR_SOURCES[name];
}

/**
 * The measures an evaluation asks the database for (each distinct kind and measure once), and
 * where each indicator's value is among them.
 */
export type IndicatorPlan = {
  specs: readonly MeasureSpec[];
  at: Readonly<Record<IndicatorName, number>>;
};

const PLANS = new Map<boolean, IndicatorPlan>();

/** The plan for departments' evaluations, or for everyone else's. */
export function indicatorPlan(forDepartment: boolean): IndicatorPlan {
  let plan = PLANS.get(forDepartment);
  if (!plan) {
    const specs: MeasureSpec[] = [];
    const index = new Map<string, number>();
    const at = {} as Record<IndicatorName, number>;
    for (const name of INDICATOR_NAMES) {
      const { kind, measure } = indicatorSource(name, forDepartment);
      const id = `${kind}/${measure}`;
      let i = index.get(id);
      if (i === undefined) {
        i = specs.push({ kind, measure }) - 1;
        index.set(id, i);
      }
      at[name] = i;
    }
    plan = { specs, at };
    PLANS.set(forDepartment, plan);
  }
  return plan;
}
