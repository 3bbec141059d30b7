import { describe, expect, it } from 'vitest';
import { gradeOf, roundScore, score, type ScoreResult } from './formulas';
import { countsOf, type Counts } from './indicators';
import {
  DEFAULT_GRADES,
  DEFAULT_SCHEME,
  type EvaluationObjectType,
  type EvaluationRules,
  type EvaluationScheme,
} from './scheme';

const withRules = (rules: Partial<EvaluationRules>): EvaluationScheme => ({
  ...DEFAULT_SCHEME,
  rules: { ...DEFAULT_SCHEME.rules, ...rules },
});

const run = (
  objectType: EvaluationObjectType,
  counts: Counts,
  scheme: EvaluationScheme = DEFAULT_SCHEME,
  countClass?: string,
) => score({ objectType, counts, scheme, countClass });

/** Each term's points, by key. */
const points = (r: ScoreResult) => Object.fromEntries(r.terms.map((t) => [t.key, t.points]));

describe('the default formulas', () => {
  it('scores a supervisor', () => {
    // 有效上报率 45/50 = 0.9 × 40 = 36
    // 1 − 漏报率 = 1 − 3/45 = 0.93333 × 20 = 18.66667
    // 按时核实率 18/20 = 0.9 × 20 = 18
    // 按时核查率 27/30 = 0.9 × 20 = 18
    // total 90.66667 → 90.67, grade A
    const r = run(
      'supervisor',
      countsOf({
        reported: 50,
        valid: 45,
        filed: 45,
        missed: 3,
        verify_due: 20,
        verified_on_time: 18,
        check_due: 30,
        checked_on_time: 27,
      }),
    );
    expect(points(r)).toEqual({
      valid_report_rate: 36,
      missed_rate: expect.closeTo(18.666667, 5) as number,
      verify_on_time_rate: 18,
      check_on_time_rate: 18,
    });
    expect(r.score).toBe(90.67);
    expect(r.grade?.grade).toBe('A');
    expect(r.terms[1]).toMatchObject({
      label: { zh: '1 − 漏报率', en: '1 − Missed rate' },
      complement: true,
      value: expect.closeTo(0.933333, 5) as number,
    });
    expect(r.sample).toEqual({ indicator: 'reported', count: 50, minimum: 10, met: true });
  });

  it('scores an operator', () => {
    // 受理数 1300 → 90 × 25 % = 22.5
    // 核实按时派发率 190/200 = 0.95 × 40 = 38
    // 核查按时派发率 380/400 = 0.95 × 35 = 33.25
    // total 93.75, grade A
    const r = run(
      'operator',
      countsOf({
        accepted: 1300,
        verify_send_due: 200,
        verify_sent_on_time: 190,
        check_send_due: 400,
        check_sent_on_time: 380,
      }),
    );
    expect(points(r)).toEqual({
      accepted_score: 22.5,
      verify_send_on_time_rate: 38,
      check_send_on_time_rate: 33.25,
    });
    expect(r.terms[0]).toMatchObject({
      kind: 'count',
      indicator: 'accepted',
      countScore: { score: 90, band: { min: 1201, max: 2000 } },
      value: 0.9,
    });
    expect(r.score).toBe(93.75);
    expect(r.grade?.grade).toBe('A');
  });

  it('scores a shift leader', () => {
    // 按时立案率 96/100 × 25 = 24
    // 准确立案率 98/100 × 40 = 39.2
    // 按时结案率 72/80 = 0.9 × 35 = 31.5
    // total 94.7
    const r = run(
      'shift_leader',
      countsOf({
        file_due: 100,
        filed_on_time: 96,
        filed: 100,
        filed_accurate: 98,
        close_step_due: 80,
        close_step_on_time: 72,
      }),
    );
    expect(r.score).toBe(94.7);
    expect(r.grade?.grade).toBe('A');
  });

  it('scores a dispatcher', () => {
    // 派遣数 450 → 60 × 20 % = 12
    // 按时派遣率 414/460 = 0.9 × 40 = 36
    // 准确派遣率 441/450 = 0.98 × 40 = 39.2
    // total 87.2, grade B
    const r = run(
      'dispatcher',
      countsOf({
        dispatched: 450,
        dispatch_due: 460,
        dispatched_on_time: 414,
        dispatched_accurate: 441,
      }),
    );
    expect(points(r)).toEqual({
      dispatched_score: 12,
      dispatch_on_time_rate: 36,
      dispatch_accuracy_rate: expect.closeTo(39.2, 10) as number,
    });
    expect(r.score).toBe(87.2);
    expect(r.grade?.grade).toBe('B');
  });

  // 40 filed, 40 disposals due of which 35 on time, 38 of 40 closed, 2 rework events.
  const department = countsOf({
    filed: 40,
    dispose_due: 40,
    disposed: 40,
    disposed_on_time: 35,
    close_due: 40,
    closed: 38,
    closed_on_time: 35,
    rework: 2,
    reworked_cases: 1,
  });

  it('scores a department', () => {
    // 立案数 40 → 100 (0–50) × 10 % = 10
    // 结案率 38/40 = 0.95 × 30 = 28.5
    // 按期处置率 35/40 = 0.875 × 30 = 26.25
    // 1 − 返工率 = 1 − 2/40 = 0.95 × 30 = 28.5
    // total 93.25, grade A
    for (const type of ['department_first', 'department_second'] as const) {
      const r = run(type, department);
      expect(points(r)).toEqual({
        filed_score: 10,
        closing_rate: 28.5,
        disposal_on_time_rate: 26.25,
        rework_rate: 28.5,
      });
      expect(r.score).toBe(93.25);
      expect(r.grade?.grade).toBe('A');
    }
  });

  it('scores a region on its area class', () => {
    // 立案数 4, class 1 → 75 × 20 % = 15
    // 1 − 监督举报率 = 1 − 1/4 = 0.75 × 10 = 7.5
    // 结案率 4/4 = 1 × 30 = 30
    // 按期结案率 3/4 = 0.75 × 40 = 30
    // total 82.5, grade B; 4 closings due are below the minimum sample of 10.
    const counts = countsOf({
      filed: 4,
      supervision_reports: 1,
      close_due: 4,
      closed: 4,
      closed_on_time: 3,
    });
    for (const type of ['district', 'street', 'community', 'grid'] as const) {
      const r = run(type, counts);
      expect(points(r)).toEqual({
        supervision_report_rate: 7.5,
        filed_score: 15,
        closing_rate: 30,
        closing_on_time_rate: 30,
      });
      expect(r.score).toBe(82.5);
      expect(r.grade?.grade).toBe('B');
      expect(r.sample).toEqual({ indicator: 'close_due', count: 4, minimum: 10, met: false });
    }
    // A city-defined class 2 where up to 10 filed cases still score 100: 15 → 20, total 87.5.
    const classes = {
      ...DEFAULT_SCHEME.countTables.region_filed?.classes,
      '2': [
        { min: 0, score: 100 },
        { min: 11, score: 0 },
      ],
    };
    const scheme: EvaluationScheme = {
      ...DEFAULT_SCHEME,
      countTables: {
        ...DEFAULT_SCHEME.countTables,
        region_filed: {
          label: { zh: '立案数分值', en: 'Filed-count score' },
          defaultClass: '1',
          classes,
        },
      },
    };
    expect(run('district', counts, scheme, '2').score).toBe(87.5);
  });

  describe('rework counted once or many times', () => {
    // The same department, its 2 rework events on 1 case; everything else as above (66.75
    // points besides rework).
    it.each([
      // 1 − 2/40 = 0.95 × 30 = 28.5 → 93.25
      ['event', 'disposed', 93.25],
      // 1 − 1/40 = 0.975 × 30 = 29.25 → 94
      ['case', 'disposed', 94],
      // 1 − 2/38 = 0.947368… × 30 = 28.421053 → 93.171053 → 93.17
      ['event', 'closed', 93.17],
      // 1 − 1/38 = 0.973684… × 30 = 29.210526 → 93.960526 → 93.96
      ['case', 'closed', 93.96],
    ] as const)('per %s over %s scores %d', (count, denominator, expected) => {
      expect(
        run('department_first', department, withRules({ rework: { count, denominator } })).score,
      ).toBe(expected);
    });

    it('caps a rework rate above 1 so the term earns 0, not negative points', () => {
      // 5 rework events over 2 closed: 1 − 2.5 = −1.5 → capped to 0.
      const counts = countsOf({ ...department, rework: 5, closed: 2, close_due: 2 });
      const r = run(
        'department_first',
        counts,
        withRules({ rework: { count: 'event', denominator: 'closed' } }),
      );
      const term = r.terms.find((t) => t.key === 'rework_rate');
      expect(term).toMatchObject({ value: 0, capped: true, points: 0 });
    });
  });

  describe('held cases', () => {
    // The department above, but 4 of the 40 due disposals and closings were held (挂账):
    // 1 of them disposed on time, 2 of them closed.
    const held = countsOf({
      ...department,
      held_dispose_due: 4,
      held_disposed: 3,
      held_disposed_on_time: 1,
      held_close_due: 4,
      held_closed: 2,
      held_closed_on_time: 1,
    });

    it('are excluded from the due denominators by default', () => {
      // 结案率 (38 − 2)/(40 − 4) = 1 × 30 = 30
      // 按期处置率 (35 − 1)/(40 − 4) = 34/36 × 30 = 28.333333
      // 1 − 返工率 2/40 (held rule does not touch rework) × 30 = 28.5; 立案数分值 10
      // total 96.833333 → 96.83
      const r = run('department_first', held);
      expect(points(r)).toEqual({
        filed_score: 10,
        closing_rate: 30,
        disposal_on_time_rate: expect.closeTo(28.333333, 5) as number,
        rework_rate: 28.5,
      });
      expect(r.score).toBe(96.83);
    });

    it('stay in the denominators when the city includes them', () => {
      expect(run('department_first', held, withRules({ held: 'include' })).score).toBe(93.25);
    });
  });
});

describe('zero denominators', () => {
  // A supervisor with no verification due: 按时核实率 is null; the rest as in the supervisor
  // example (36 + 18.66667 + 18 = 72.66667 points from weights 40 + 20 + 20 = 80).
  const counts = countsOf({
    reported: 50,
    valid: 45,
    filed: 45,
    missed: 3,
    check_due: 30,
    checked_on_time: 27,
  });

  it('reweights the remaining terms under skip (the default)', () => {
    // 72.66667 × 100/80 = 90.83333 → 90.83; weights 40/20/20 become 50/25/25.
    const r = run('supervisor', counts);
    expect(r.nullRule).toBe('skip');
    expect(r.score).toBe(90.83);
    const verify = r.terms.find((t) => t.key === 'verify_on_time_rate');
    expect(verify).toMatchObject({ value: null, nullRule: 'skip', effectiveWeight: 0, points: 0 });
    expect(r.terms.map((t) => t.effectiveWeight)).toEqual([50, 25, 0, 25]);
  });

  it('counts the term in full under full', () => {
    // 72.66667 + 1 × 20 = 92.66667 → 92.67
    const r = run('supervisor', counts, withRules({ nullRate: 'full' }));
    expect(r.score).toBe(92.67);
    expect(r.terms[2]).toMatchObject({ value: 1, nullRule: 'full', points: 20 });
  });

  it('gives the term nothing under zero', () => {
    // 72.66667 + 0 = 72.67, grade C
    const r = run('supervisor', counts, withRules({ nullRate: 'zero' }));
    expect(r.score).toBe(72.67);
    expect(r.grade?.grade).toBe('C');
  });

  it('leaves an object with nothing due without a score under skip', () => {
    const r = run('supervisor', countsOf({}));
    expect(r.score).toBeNull();
    expect(r.grade).toBeNull();
    // Under full even 1 − 漏报率 counts as 1 (the rule applies to the term's value).
    expect(run('supervisor', countsOf({}), withRules({ nullRate: 'full' })).score).toBe(100);
    expect(run('supervisor', countsOf({}), withRules({ nullRate: 'zero' })).score).toBe(0);
  });

  it('keeps count terms, which are never null', () => {
    // An idle department: 0 filed → 100 × 10 %; every rate null and skipped → 100.
    expect(run('department_first', countsOf({})).score).toBe(100);
    // Under zero only the count term scores: 10.
    expect(run('department_first', countsOf({}), withRules({ nullRate: 'zero' })).score).toBe(10);
  });

  it('lets one object type override the scheme rule', () => {
    const scheme: EvaluationScheme = {
      ...DEFAULT_SCHEME,
      formulas: {
        ...DEFAULT_SCHEME.formulas,
        supervisor: { ...DEFAULT_SCHEME.formulas.supervisor, nullRule: 'zero' },
      },
    };
    expect(run('supervisor', counts, scheme)).toMatchObject({ nullRule: 'zero', score: 72.67 });
  });
});

describe('grades and rounding', () => {
  it.each([
    [100, 'A'],
    [90, 'A'],
    [89.99, 'B'],
    [75, 'B'],
    [74.99, 'C'],
    [60, 'C'],
    [59.99, 'D'],
    [40, 'D'],
    [39.99, 'E'],
    [0, 'E'],
  ])('grades %d as %s', (value, grade) => {
    expect(gradeOf(value, DEFAULT_GRADES).grade).toBe(grade);
  });

  it('rounds once, at the end, half up and without binary noise', () => {
    expect(roundScore(90.66666666)).toBe(90.67);
    expect(roundScore(1.005)).toBe(1.01);
    expect(roundScore(89.99999999999999)).toBe(90);
    expect(roundScore(89.994)).toBe(89.99);
  });

  it('grades the rounded score: 89.995 shows as 90.00 and is an A', () => {
    // A shift leader: 按时立案率 1 × 25 + 准确立案率 1 × 40 + 按时结案率 x × 35 = 89.995
    // needs x = 24.995/35; with 7000 steps due, 4999 on time → 24.995 exactly.
    const r = run(
      'shift_leader',
      countsOf({
        file_due: 1,
        filed_on_time: 1,
        filed: 1,
        filed_accurate: 1,
        close_step_due: 7000,
        close_step_on_time: 4999,
      }),
    );
    expect(r.score).toBe(90);
    expect(r.grade?.grade).toBe('A');
  });
});

describe('bad input', () => {
  it('refuses a scheme without the formula, rate or table it needs', () => {
    const noRate: EvaluationScheme = { ...DEFAULT_SCHEME, rates: {} };
    expect(() => run('supervisor', countsOf({}), noRate)).toThrow(/unknown rate/);
    const noTable: EvaluationScheme = { ...DEFAULT_SCHEME, countTables: {} };
    expect(() => run('operator', countsOf({}), noTable)).toThrow(/unknown count table/);
    expect(() =>
      score({
        objectType: 'nobody' as EvaluationObjectType,
        counts: countsOf({}),
        scheme: DEFAULT_SCHEME,
      }),
    ).toThrow(/no formula/);
  });

  it('refuses a missing count', () => {
    const { accepted: _accepted, ...rest } = countsOf({});
    expect(() => run('operator', rest as Counts)).toThrow(/counts\.accepted/);
  });
});
