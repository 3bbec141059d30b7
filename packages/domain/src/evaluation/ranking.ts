import type { LocalizedText } from '../errors/app-error';
import { score, type ScoreResult } from './formulas';
import type { Counts } from './indicators';
import type { EvaluationObjectType, EvaluationScheme } from './scheme';

/**
 * Rankings (排名) of objects of one type by score, highest first. Equal scores (compared as
 * rounded, as shown) share a rank and the next rank skips: 1, 1, 3 (standard competition
 * ranking). An object below its formula's minimum sample, or without a score (every term
 * skipped), is listed after the ranked ones with no rank and a reason: a rate over a handful
 * of cases says little, and ranking it beside busy objects would be unfair either way.
 */
export type UnrankedReason = {
  code: 'BELOW_MINIMUM_SAMPLE' | 'NO_SCORE';
  reason: LocalizedText;
};

export type Ranked<T> = T & { rank: number | null; unranked: UnrankedReason | null };

function unrankedReason(result: ScoreResult): UnrankedReason | null {
  const sample = result.sample;
  if (sample !== null && !sample.met)
    return {
      code: 'BELOW_MINIMUM_SAMPLE',
      reason: {
        zh: `样本不足：${sample.indicator} 为 ${sample.count}，少于 ${sample.minimum}`,
        en: `too few cases: ${sample.indicator} is ${sample.count}, below ${sample.minimum}`,
      },
    };
  if (result.score === null)
    return {
      code: 'NO_SCORE',
      reason: { zh: '无可评价的指标', en: 'nothing to evaluate: every rate had no cases' },
    };
  return null;
}

/** Higher score first, no score last, then id, so the order never depends on input order. */
function byScoreThenId(a: { id: string; result: ScoreResult }, b: typeof a): number {
  const sa = a.result.score ?? -Infinity;
  const sb = b.result.score ?? -Infinity;
  if (sa !== sb) return sb - sa;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Ranks scored objects; extra fields of each item are kept. */
export function rankScores<T extends { id: string; result: ScoreResult }>(
  items: readonly T[],
): Ranked<T>[] {
  const ranked: T[] = [];
  const rest: { item: T; reason: UnrankedReason }[] = [];
  for (const item of items) {
    const reason = unrankedReason(item.result);
    if (reason === null) ranked.push(item);
    else rest.push({ item, reason });
  }
  ranked.sort(byScoreThenId);
  const out: Ranked<T>[] = [];
  ranked.forEach((item, i) => {
    const previous = out[i - 1];
    const rank =
      previous !== undefined && previous.result.score === item.result.score ? previous.rank : i + 1;
    out.push({ ...item, rank, unranked: null });
  });
  rest.sort((a, b) => byScoreThenId(a.item, b.item));
  for (const { item, reason } of rest) out.push({ ...item, rank: null, unranked: reason });
  return out;
}

export type EvaluatedObject = { id: string; counts: Counts; countClass?: string | undefined };

/** Scores every object of one type with the scheme, then ranks them. */
export function scoreAndRank(options: {
  objectType: EvaluationObjectType;
  scheme: EvaluationScheme;
  objects: readonly EvaluatedObject[];
}): Ranked<{ id: string; result: ScoreResult }>[] {
  const { objectType, scheme } = options;
  return rankScores(
    options.objects.map((o) => ({
      id: o.id,
      result: score({ objectType, counts: o.counts, scheme, countClass: o.countClass }),
    })),
  );
}
