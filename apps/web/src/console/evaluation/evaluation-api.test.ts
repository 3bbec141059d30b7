import { describe, expect, it } from 'vitest';
import { choiceFromQuery, day, lastMonth, periodParams } from './evaluation-api';

describe('evaluation period helpers', () => {
  it('defaults to last month in China time, across the new year', () => {
    expect(lastMonth(new Date('2026-12-02T09:00:00+08:00'))).toBe('2026-11');
    expect(lastMonth(new Date('2027-01-01T00:30:00+08:00'))).toBe('2026-12');
    // 31 Dec 23:00 UTC is already 1 January in China.
    expect(lastMonth(new Date('2026-12-31T23:00:00Z'))).toBe('2026-12');
  });

  it('reads the period from the address and gives the API’s parameters back', () => {
    const now = new Date('2026-12-02T09:00:00+08:00');
    const round = (q: Record<string, string>) => periodParams(choiceFromQuery(q, now));
    expect(round({})).toEqual({ period: '2026-11' });
    expect(round({ period: '2026-Q3' })).toEqual({ period: '2026-Q3' });
    expect(round({ period: '2025' })).toEqual({ period: '2025' });
    expect(round({ period: 'custom', from: '2026-11-01', to: '2026-11-15' })).toEqual({
      period: 'custom',
      from: '2026-11-01',
      to: '2026-11-15',
    });
    expect(round({ period: 'custom', from: '2026-11-01' })).toEqual({ period: '2026-11' });
    expect(round({ period: 'nonsense' })).toEqual({ period: '2026-11' });
  });

  it('keeps the month’s year and quarter for switching to a quarter or year', () => {
    const choice = choiceFromQuery({ period: '2026-11' });
    expect(periodParams({ ...choice, kind: 'quarter' })).toEqual({ period: '2026-Q4' });
    expect(periodParams({ ...choice, kind: 'year' })).toEqual({ period: '2026' });
  });

  it('waits for both ends of a custom range', () => {
    const choice = { ...choiceFromQuery({}), kind: 'custom' as const, range: null };
    expect(periodParams(choice)).toBeNull();
  });

  it('gives the local day of an instant', () => {
    expect(day('2026-10-31T16:00:00.000Z')).toBe('2026-11-01');
  });
});
