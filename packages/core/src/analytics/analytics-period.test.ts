import { AppError, chinaDateKey, type Actor } from '@xiuhua/domain';
import { describe, expect, it } from 'vitest';
import {
  analyticsRegion,
  bucketsOf,
  changeOf,
  parseInstant,
  parsePeriod,
  previousPeriod,
} from './analytics-period';

const fieldOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, field: error.details[0]?.field };
    throw error;
  }
  return undefined;
};

const actor = (over: Partial<Actor>): Actor => ({
  userId: 1,
  username: 'u',
  displayName: 'u',
  roles: ['operator'],
  scope: { kind: 'all' },
  organisationId: null,
  via: 'session',
  ...over,
});

describe('analytics periods', () => {
  it('reads a bare date as local midnight (UTC+8) and a date-time by its offset', () => {
    expect(parseInstant('from', '2026-11-01').toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(parseInstant('from', '2026-11-01T08:30+08:00').toISOString()).toBe(
      '2026-11-01T00:30:00.000Z',
    );
    expect(parseInstant('from', '2026-11-01T23:30:00.250Z').toISOString()).toBe(
      '2026-11-01T23:30:00.250Z',
    );
    expect(parseInstant('to', '2026-11-01T00:00:00-05:00').toISOString()).toBe(
      '2026-11-01T05:00:00.000Z',
    );
  });

  it('refuses impossible dates and missing offsets, naming the field', () => {
    for (const text of ['2026-02-29', '2026-13-01', '2026-11-01T24:00Z', '2026-11-01T10:00', 'x'])
      expect(fieldOf(() => parseInstant('from', text))).toEqual({
        code: 'VALIDATION_FAILED',
        field: 'from',
      });
    expect(parseInstant('from', '2028-02-29').toISOString()).toBe('2028-02-28T16:00:00.000Z');
  });

  it('wants from before to and at most 366 days', () => {
    expect(fieldOf(() => parsePeriod({ from: '2026-11-02', to: '2026-11-01' }))?.field).toBe('to');
    expect(fieldOf(() => parsePeriod({ from: '2026-11-01', to: '2026-11-01' }))?.field).toBe('to');
    expect(fieldOf(() => parsePeriod({ from: '2026-01-01', to: '2027-01-03' }))?.field).toBe('to');
    expect(fieldOf(() => parsePeriod({ from: '2026-01-01', to: '2027-01-02' }))).toBeUndefined();
  });

  it('takes the equal-length period just before', () => {
    const before = previousPeriod(parsePeriod({ from: '2026-11-01', to: '2026-11-08' }));
    expect([before.from.toISOString(), before.to.toISOString()]).toEqual([
      '2026-10-24T16:00:00.000Z',
      '2026-10-31T16:00:00.000Z',
    ]);
  });

  it('cuts local days, Monday weeks and months, clipping the partial ones', () => {
    const period = parsePeriod({ from: '2026-11-01', to: '2026-11-04' });
    expect(bucketsOf(period, 'day').map((b) => b.key)).toEqual([
      '2026-11-01',
      '2026-11-02',
      '2026-11-03',
    ]);
    // 1 November 2026 is a Sunday: its week began on Monday 26 October.
    const weeks = bucketsOf(parsePeriod({ from: '2026-11-01', to: '2026-11-10' }), 'week');
    expect(weeks.map((b) => [b.key, b.start.toISOString(), b.end.toISOString()])).toEqual([
      ['2026-10-26', '2026-10-31T16:00:00.000Z', '2026-11-01T16:00:00.000Z'],
      ['2026-11-02', '2026-11-01T16:00:00.000Z', '2026-11-08T16:00:00.000Z'],
      ['2026-11-09', '2026-11-08T16:00:00.000Z', '2026-11-09T16:00:00.000Z'],
    ]);
    const months = bucketsOf(parsePeriod({ from: '2026-11-15', to: '2027-01-01' }), 'month');
    expect(months.map((b) => b.key)).toEqual(['2026-11-01', '2026-12-01']);
    expect(months[0]?.start.toISOString()).toBe('2026-11-14T16:00:00.000Z');
  });

  it('puts 23:30 UTC on the next local day', () => {
    expect(chinaDateKey(new Date('2026-11-02T23:30:00Z'))).toBe('2026-11-03');
    expect(chinaDateKey(new Date('2026-11-02T15:59:59Z'))).toBe('2026-11-02');
  });

  it('gives the change and its rate, none without a previous count', () => {
    expect(changeOf(6, 4)).toEqual({ change: 2, changeRate: 0.5 });
    expect(changeOf(1, 3)).toEqual({ change: -2, changeRate: -0.6667 });
    expect(changeOf(2, 0)).toEqual({ change: 2, changeRate: null });
  });

  it('scopes to the centre roles and the region of region-scoped users', () => {
    expect(analyticsRegion(actor({}), undefined)).toBeUndefined();
    expect(analyticsRegion(actor({}), '310110')).toBe('310110');
    const street = actor({ scope: { kind: 'region', divisionCode: '310110001' } });
    expect(analyticsRegion(street, undefined)).toBe('310110001');
    expect(analyticsRegion(street, '310110001002')).toBe('310110001002');
    expect(fieldOf(() => analyticsRegion(street, '310110'))?.code).toBe('OUTSIDE_SCOPE');
    expect(fieldOf(() => analyticsRegion(actor({ roles: ['supervisor'] }), undefined))?.code).toBe(
      'FORBIDDEN',
    );
    const department = actor({
      roles: ['leader'],
      scope: { kind: 'department', organisationId: 3 },
    });
    expect(fieldOf(() => analyticsRegion(department, undefined))?.code).toBe('FORBIDDEN');
  });
});
