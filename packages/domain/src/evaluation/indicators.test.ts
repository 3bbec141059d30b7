import { describe, expect, it } from 'vitest';
import { countsOf, emptyCounts, INDICATOR_NAMES, INDICATORS, validateCounts } from './indicators';

describe('indicator counts', () => {
  it('labels every indicator in Chinese and English', () => {
    for (const name of INDICATOR_NAMES) {
      expect(INDICATORS[name].label.zh, name).not.toBe('');
      expect(INDICATORS[name].label.en, name).not.toBe('');
    }
    expect(new Set(INDICATOR_NAMES).size).toBe(INDICATOR_NAMES.length);
  });

  it('fills counts not given with zero and refuses unknown names', () => {
    const counts = countsOf({ filed: 40 });
    expect(counts.filed).toBe(40);
    expect(counts.closed).toBe(0);
    expect(Object.keys(counts)).toHaveLength(INDICATOR_NAMES.length);
    expect(() => countsOf({ filled: 40 })).toThrow(/unknown indicator/);
  });

  it('finds no problem in consistent counts', () => {
    expect(validateCounts(emptyCounts())).toEqual([]);
    const counts = countsOf({
      dispose_due: 10,
      disposed: 8,
      disposed_on_time: 6,
      overdue_open: 2,
      satisfaction_sum: -100,
      return_visits: 1,
    });
    expect(validateCounts(counts)).toEqual([]);
  });

  it('reports a part larger than its whole, negatives, fractions and unknown names', () => {
    const counts: Record<string, unknown> = {
      ...countsOf({ disposed: 8, disposed_on_time: 9, dispose_due: 10, held_dispose_due: 11 }),
      rework: -1,
      closed: 1.5,
      extra: 3,
    };
    const fields = validateCounts(counts).map((p) => p.field);
    // In indicator order; reworked_cases (0) now exceeds rework (−1) as well.
    expect(fields).toEqual([
      'counts.disposed_on_time',
      'counts.held_dispose_due',
      'counts.rework',
      'counts.reworked_cases',
      'counts.closed',
      'counts.extra',
    ]);
    const problem = validateCounts(counts).find((p) => p.field === 'counts.disposed_on_time');
    expect(problem?.reason).toEqual({
      zh: '不能大于处置数（disposed）',
      en: 'must not exceed disposed',
    });
  });
});
