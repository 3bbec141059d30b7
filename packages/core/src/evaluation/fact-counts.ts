import { emptyCounts, INDICATOR_NAMES, type Counts } from '@xiuhua/domain';
import type { IndicatorPlan } from './indicator-sources';

/** One object's indicator counts from its measure values (see indicator-sources.ts). */
export function countsFromValues(
  values: readonly number[] | undefined,
  plan: IndicatorPlan,
): Counts {
  const counts = emptyCounts();
  if (!values) return counts;
  for (const name of INDICATOR_NAMES) counts[name] = values[plan.at[name]] ?? 0;
  return counts;
}

/** The values of several keys added up (a first-level department and its units). */
export function addValues(rows: readonly (readonly number[] | undefined)[]): number[] | undefined {
  let total: number[] | undefined;
  for (const row of rows) {
    if (!row) continue;
    if (!total) total = [...row];
    else for (let i = 0; i < row.length; i++) total[i] = (total[i] ?? 0) + (row[i] ?? 0);
  }
  return total;
}
