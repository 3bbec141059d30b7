import { describe, expect, it } from 'vitest';
import { countsOf, type Counts } from './indicators';
import { computeRate, computeRates, DEFAULT_RATES, RATE_KEYS, type RateRules } from './rates';

const RULES: RateRules = { held: 'exclude', rework: { count: 'event', denominator: 'disposed' } };

const rate = (key: keyof typeof DEFAULT_RATES, counts: Counts, rules: RateRules = RULES) =>
  computeRate({ key, definition: DEFAULT_RATES[key], counts, rules });

describe('evaluation rates', () => {
  it('defines every rate key with labels and known counts', () => {
    expect(Object.keys(DEFAULT_RATES).sort()).toEqual([...RATE_KEYS].sort());
  });

  it('divides numerator by denominator', () => {
    // 有效上报率 = 45 valid ÷ 50 reported = 0.9
    const r = rate('valid_report_rate', countsOf({ reported: 50, valid: 45 }));
    expect(r).toEqual({
      key: 'valid_report_rate',
      numeratorIndicator: 'valid',
      denominatorIndicator: 'reported',
      numerator: 45,
      denominator: 50,
      heldExcluded: null,
      rate: 0.9,
    });
  });

  it('is null, not 0 or 1, when the denominator is zero', () => {
    expect(rate('valid_report_rate', countsOf({})).rate).toBeNull();
    expect(rate('rework_rate', countsOf({ rework: 2 })).rate).toBeNull();
  });

  it('counts open overdue disposals as due and late', () => {
    // 10 due: 6 on time, 2 late, 2 still open past the deadline.
    // 处置率 = 8 ÷ 10 = 0.8; 按期处置率 = 6 ÷ 10 = 0.6.
    const counts = countsOf({ dispose_due: 10, disposed: 8, disposed_on_time: 6, overdue_open: 2 });
    expect(rate('disposal_rate', counts).rate).toBe(0.8);
    expect(rate('disposal_on_time_rate', counts).rate).toBe(0.6);
  });

  describe('held cases', () => {
    // 40 due, 4 of them held; 35 on time, 1 of those held.
    const counts = countsOf({
      dispose_due: 40,
      disposed: 39,
      disposed_on_time: 35,
      held_dispose_due: 4,
      held_disposed: 3,
      held_disposed_on_time: 1,
    });

    it('leave numerator and denominator when excluded', () => {
      // (35 − 1) ÷ (40 − 4) = 34 ÷ 36 = 0.9444…
      const r = rate('disposal_on_time_rate', counts);
      expect(r).toMatchObject({ numerator: 34, denominator: 36 });
      expect(r.heldExcluded).toEqual({ numerator: 1, denominator: 4 });
      expect(r.rate).toBeCloseTo(34 / 36, 12);
      // 处置率 (39 − 3) ÷ 36 = 1
      expect(rate('disposal_rate', counts).rate).toBe(1);
    });

    it('stay when included', () => {
      const r = rate('disposal_on_time_rate', counts, { ...RULES, held: 'include' });
      expect(r).toMatchObject({ numerator: 35, denominator: 40, heldExcluded: null, rate: 0.875 });
    });

    it('leave a null rate when every due case was held', () => {
      const allHeld = countsOf({ close_due: 3, held_close_due: 3, closed: 1, held_closed: 1 });
      expect(rate('closing_rate', allHeld)).toMatchObject({ denominator: 0, rate: null });
      expect(rate('closing_rate', allHeld, { ...RULES, held: 'include' }).rate).toBeCloseTo(1 / 3);
    });
  });

  describe('rework', () => {
    // 40 disposals, 38 closed; one case reworked twice, another once: 3 events, 2 cases.
    const counts = countsOf({ disposed: 40, closed: 38, rework: 3, reworked_cases: 2 });
    it.each([
      ['event', 'disposed', 'rework', 3 / 40],
      ['case', 'disposed', 'reworked_cases', 2 / 40],
      ['event', 'closed', 'rework', 3 / 38],
      ['case', 'closed', 'reworked_cases', 2 / 38],
    ] as const)('counts per %s over %s', (count, denominator, numeratorIndicator, expected) => {
      const r = rate('rework_rate', counts, { ...RULES, rework: { count, denominator } });
      expect(r.numeratorIndicator).toBe(numeratorIndicator);
      expect(r.denominatorIndicator).toBe(denominator);
      expect(r.rate).toBeCloseTo(expected, 12);
    });

    it('is not changed by the held rule', () => {
      const held = countsOf({ disposed: 40, rework: 3, held_disposed: 10 });
      expect(rate('rework_rate', held).rate).toBe(3 / 40);
    });
  });

  it('scales satisfaction to a mean score over 100', () => {
    // 4 visits scored 100 + 80 + 50 − 100 = 130 → 130 ÷ (4 × 100) = 0.325
    expect(rate('satisfaction', countsOf({ return_visits: 4, satisfaction_sum: 130 })).rate).toBe(
      0.325,
    );
    expect(rate('satisfaction', countsOf({ return_visits: 2, satisfaction_sum: -200 })).rate).toBe(
      -1,
    );
  });

  it('computes a whole rate table at once', () => {
    const all = computeRates({
      rates: DEFAULT_RATES,
      counts: countsOf({ filed: 4 }),
      rules: RULES,
    });
    expect(Object.keys(all)).toEqual(Object.keys(DEFAULT_RATES));
    expect(all.missed_rate?.rate).toBe(0);
    expect(all.closing_rate?.rate).toBeNull();
  });

  it('refuses a count that is not a finite number', () => {
    const counts = { ...countsOf({}), reported: Number.NaN };
    expect(() => rate('valid_report_rate', counts)).toThrow(/counts\.reported/);
  });
});
