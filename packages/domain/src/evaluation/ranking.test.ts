import { describe, expect, it } from 'vitest';
import { countsOf } from './indicators';
import { rankScores, scoreAndRank } from './ranking';
import { DEFAULT_SCHEME, type EvaluationScheme, type MinimumSample } from './scheme';

/** Departments scored on 按期处置率 alone (weight 100), so score = on time ÷ due × 100. */
const onTimeOnly = (minimumSample: MinimumSample | null): EvaluationScheme => ({
  ...DEFAULT_SCHEME,
  formulas: {
    ...DEFAULT_SCHEME.formulas,
    department_first: {
      terms: [{ kind: 'rate', key: 'on_time', rate: 'disposal_on_time_rate', weight: 100 }],
      minimumSample,
    },
  },
});

const dept = (id: string, due: number, onTime: number) => ({
  id,
  counts: countsOf({ dispose_due: due, disposed: onTime, disposed_on_time: onTime }),
});

const summary = (rows: { id: string; rank: number | null; result: { score: number | null } }[]) =>
  rows.map((r) => [r.id, r.result.score, r.rank]);

describe('ranking', () => {
  it('ranks by score with shared ranks for ties (1, 1, 3) and the small sample last', () => {
    const rows = scoreAndRank({
      objectType: 'department_first',
      scheme: onTimeOnly({ indicator: 'dispose_due', minimum: 10 }),
      objects: [
        dept('d', 10, 7), // 70
        dept('c', 20, 18), // 90
        dept('b', 20, 17), // 85
        dept('e', 5, 5), // 100, but only 5 due < 10
        dept('a', 10, 9), // 90
        dept('f', 30, 21), // 70
      ],
    });
    expect(summary(rows)).toEqual([
      ['a', 90, 1],
      ['c', 90, 1],
      ['b', 85, 3],
      ['d', 70, 4],
      ['f', 70, 4],
      ['e', 100, null],
    ]);
    expect(rows[5]?.unranked).toEqual({
      code: 'BELOW_MINIMUM_SAMPLE',
      reason: {
        zh: '样本不足：dispose_due 为 5，少于 10',
        en: 'too few cases: dispose_due is 5, below 10',
      },
    });
    expect(rows.slice(0, 5).every((r) => r.unranked === null)).toBe(true);
  });

  it('ranks exactly at the minimum sample', () => {
    const rows = scoreAndRank({
      objectType: 'department_first',
      scheme: onTimeOnly({ indicator: 'dispose_due', minimum: 10 }),
      objects: [dept('x', 10, 10), dept('y', 9, 9)],
    });
    expect(summary(rows)).toEqual([
      ['x', 100, 1],
      ['y', 100, null],
    ]);
  });

  it('ties on the rounded score shown, not on binary noise', () => {
    // 2/3 and 4/6 → 66.67 both.
    const rows = scoreAndRank({
      objectType: 'department_first',
      scheme: onTimeOnly(null),
      objects: [dept('p', 3, 2), dept('q', 6, 4), dept('r', 9, 5)],
    });
    expect(summary(rows)).toEqual([
      ['p', 66.67, 1],
      ['q', 66.67, 1],
      ['r', 55.56, 3],
    ]);
  });

  it('lists an object without a score unranked, after the small samples', () => {
    const rows = scoreAndRank({
      objectType: 'department_first',
      scheme: onTimeOnly(null),
      objects: [dept('none', 0, 0), dept('some', 1, 1)],
    });
    expect(summary(rows)).toEqual([
      ['some', 100, 1],
      ['none', null, null],
    ]);
    expect(rows[1]?.unranked?.code).toBe('NO_SCORE');
  });

  it('keeps the caller’s own fields and does not depend on input order', () => {
    const scheme = onTimeOnly(null);
    const items = [dept('m', 4, 3), dept('n', 4, 3)].map((d) => ({
      id: d.id,
      name: `Dept ${d.id}`,
      result: scoreAndRank({ objectType: 'department_first', scheme, objects: [d] })[0]!.result,
    }));
    const forward = rankScores(items);
    const backward = rankScores([...items].reverse());
    expect(forward).toEqual(backward);
    expect(forward.map((r) => [r.name, r.rank])).toEqual([
      ['Dept m', 1],
      ['Dept n', 1],
    ]);
  });

  it('ranks nothing when given nothing', () => {
    expect(rankScores([])).toEqual([]);
  });
});
