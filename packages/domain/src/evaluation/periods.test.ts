import { describe, expect, it } from 'vitest';
import { parsePeriod } from './periods';

const iso = (d: Date) => d.toISOString();

describe('evaluation periods in China Standard Time', () => {
  it('starts a month, quarter and year at local midnight (16:00 UTC the day before)', () => {
    const month = parsePeriod({ period: '2026-11' });
    expect([iso(month.from), iso(month.to)]).toEqual([
      '2026-10-31T16:00:00.000Z',
      '2026-11-30T16:00:00.000Z',
    ]);
    const q4 = parsePeriod({ period: '2026-Q4' });
    expect([iso(q4.from), iso(q4.to)]).toEqual([
      '2026-09-30T16:00:00.000Z',
      '2026-12-31T16:00:00.000Z',
    ]);
    const december = parsePeriod({ period: '2026-12' });
    expect(iso(december.to)).toBe('2026-12-31T16:00:00.000Z');
    expect(parsePeriod({ period: '2026' })).toMatchObject({ kind: 'year', label: '2026' });
  });

  it('takes a custom range of whole local days, both included', () => {
    const p = parsePeriod({ period: 'custom', from: '2026-11-02', to: '2026-11-08' });
    expect([iso(p.from), iso(p.to)]).toEqual([
      '2026-11-01T16:00:00.000Z',
      '2026-11-08T16:00:00.000Z',
    ]);
  });

  it('refuses bad periods naming the field', () => {
    const field = (input: Parameters<typeof parsePeriod>[0]) => {
      try {
        parsePeriod(input);
        return 'accepted';
      } catch (e) {
        return (e as { details: { field: string }[] }).details[0]?.field;
      }
    };
    expect(field({ period: '2026-13' })).toBe('period');
    expect(field({ period: 'last month' })).toBe('period');
    expect(field({ period: 'custom', to: '2026-11-08' })).toBe('from');
    expect(field({ period: 'custom', from: '2026-02-30', to: '2026-03-01' })).toBe('from');
    expect(field({ period: 'custom', from: '2026-11-08', to: '2026-11-01' })).toBe('to');
    expect(field({ period: 'custom', from: '2025-01-01', to: '2026-12-31' })).toBe('to');
  });
});
