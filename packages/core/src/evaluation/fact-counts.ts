import type { FactSums } from '@xiuhua/db';
import { emptyCounts, INDICATOR_NAMES, type Counts } from '@xiuhua/domain';
import { indicatorSource, type Measure } from './indicator-sources';

function measureOf(sums: FactSums | undefined, measure: Measure): number {
  if (!sums) return 0;
  switch (measure) {
    case 'n':
      return sums.n;
    case 'onTime':
      return sums.onTime;
    case 'finished':
      return sums.finished;
    case 'open':
      return sums.n - sums.finished;
    case 'held':
      return sums.held;
    case 'heldFinished':
      return sums.heldFinished;
    case 'heldOnTime':
      return sums.heldOnTime;
    case 'cases':
      return sums.cases;
    case 'value':
      return sums.value;
  }
}

/** One object's indicator counts from its fact sums (see indicator-sources.ts). */
export function countsFromFacts(sums: readonly FactSums[], forDepartment: boolean): Counts {
  const byKind = new Map(sums.map((s) => [s.kind, s]));
  const counts = emptyCounts();
  for (const name of INDICATOR_NAMES) {
    const source = indicatorSource(name, forDepartment);
    counts[name] = measureOf(byKind.get(source.kind), source.measure);
  }
  return counts;
}
