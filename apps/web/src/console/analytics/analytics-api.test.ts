import { describe, expect, it } from 'vitest';
import {
  addDays,
  baseQuery,
  changeOf,
  chinaToday,
  isDay,
  periodOf,
  regionPath,
  withParams,
  type Trends,
} from './analytics-api';
import { bucketLabel, patternOption, trendOption } from './chart-options';
import { heatLayers, pixelsFor, pointsBounds } from './heat-layers';

describe('analytics page helpers', () => {
  it('takes today in China time, whatever the browser’s zone', () => {
    expect(chinaToday(new Date('2026-11-30T15:59:00Z'))).toBe('2026-11-30');
    expect(chinaToday(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12-01');
  });

  it('turns quick picks into API periods with an exclusive end', () => {
    const now = new Date('2026-12-02T03:00:00Z'); // 2 December, 11:00 in Shanghai
    expect(periodOf('thisMonth', now)).toEqual({ from: '2026-12-01', to: '2026-12-03' });
    expect(periodOf('lastMonth', now)).toEqual({ from: '2026-11-01', to: '2026-12-01' });
    expect(periodOf('last7', now)).toEqual({ from: '2026-11-26', to: '2026-12-03' });
    expect(periodOf('last30', now)).toEqual({ from: '2026-11-03', to: '2026-12-03' });
    const custom = { from: '2026-10-01', to: '2026-10-08' };
    expect(periodOf('custom', now, custom)).toEqual(custom);
    // January's previous month is the year before's December.
    expect(periodOf('lastMonth', new Date('2027-01-15T00:00:00Z'))).toEqual({
      from: '2026-12-01',
      to: '2027-01-01',
    });
  });

  it('adds days across months and checks dates', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect([isDay('2026-11-01'), isDay('2026-13-01'), isDay('x'), isDay(3)]).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });

  it('builds the shared query, leaving out what is not set', () => {
    const period = { from: '2026-11-01', to: '2026-12-01' };
    expect(baseQuery({ period, region: null, classId: null }).toString()).toBe(
      'from=2026-11-01&to=2026-12-01',
    );
    const q = baseQuery({ period, region: '310110001', classId: 7 });
    expect(withParams(q, { level: 'street', limit: 20 })).toBe(
      'from=2026-11-01&to=2026-12-01&region=310110001&classId=7&level=street&limit=20',
    );
  });

  it('shows the change as an arrow and a percentage, none without a previous count', () => {
    expect(changeOf({ change: 3, changeRate: 0.25 })).toEqual({
      direction: 'up',
      arrow: '▲',
      pct: '25.0%',
    });
    expect(changeOf({ change: -1, changeRate: -0.3333 })).toMatchObject({
      arrow: '▼',
      pct: '33.3%',
    });
    expect(changeOf({ change: 2, changeRate: null })).toMatchObject({ arrow: '▲', pct: null });
    expect(changeOf({ change: 0, changeRate: 0 }).direction).toBe('same');
  });

  it('places a region in the division tree', () => {
    expect(regionPath('310110')).toEqual(['310110']);
    expect(regionPath('310110001002')).toEqual(['310110', '310110001', '310110001002']);
  });
});

describe('analytics charts and heat layers', () => {
  const trends: Trends = {
    from: '2026-11-01T00:00:00+08:00',
    to: '2026-11-03T00:00:00+08:00',
    previousFrom: '2026-10-30T00:00:00+08:00',
    previousTo: '2026-11-01T00:00:00+08:00',
    bucket: 'day',
    groupBy: 'source',
    buckets: [
      { key: '2026-11-01', start: '', end: '' },
      { key: '2026-11-02', start: '', end: '' },
    ],
    total: {
      count: 3,
      previous: 1,
      change: 2,
      changeRate: 2,
      points: [
        { bucket: '2026-11-01', count: 1, previous: 1, change: 0 },
        { bucket: '2026-11-02', count: 2, previous: 0, change: 2 },
      ],
    },
    series: [
      {
        key: 'supervisor',
        label: '监督员上报',
        classId: null,
        classCode: null,
        count: 3,
        previous: 1,
        change: 2,
        changeRate: 2,
        points: [
          { bucket: '2026-11-01', count: 1, previous: 1, change: 0 },
          { bucket: '2026-11-02', count: 2, previous: 0, change: 2 },
        ],
      },
    ],
  };

  it('draws the total, the previous total and one line per series', () => {
    const option = trendOption(trends, {
      series: (key) => `S:${key}`,
      total: 'Total',
      previous: 'Previous',
    });
    const series = option.series as { name: string; data: number[] }[];
    expect(series.map((s) => [s.name, s.data])).toEqual([
      ['Total', [1, 2]],
      ['Previous', [1, 0]],
      ['S:supervisor', [1, 2]],
    ]);
    expect(bucketLabel('2026-11-01', 'month')).toBe('2026-11');
    expect(bucketLabel('2026-11-02', 'week')).toBe('11-02');
  });

  it('frames the peak cell of the weekday × hour matrix', () => {
    const matrix = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
    (matrix[2] as number[])[10] = 4;
    const option = patternOption(
      {
        matrix,
        byWeekday: [],
        byHour: [],
        total: 4,
        peak: { weekday: 2, hour: 10, count: 4 },
      },
      ['1', '2', '3', '4', '5', '6', '7'],
    );
    const data = (option.series as { data: unknown[] }[])[0]?.data ?? [];
    expect(data).toHaveLength(168);
    const framed = data.filter((d) => !Array.isArray(d));
    expect(framed).toEqual([expect.objectContaining({ value: [10, 2, 4] })]);
  });

  it('scales the heat to the heaviest cell and the cell size', () => {
    // 100 m at zoom 16 at the equator: 40,075 km / (512 × 65,536) ≈ 1.19 m a pixel.
    expect(pixelsFor(100, 16, 0)).toBeCloseTo(83.7, 1);
    const [heat, cells] = heatLayers(8, 100, 31.2);
    expect(heat.type).toBe('heatmap');
    expect(heat.paint?.['heatmap-weight']).toEqual(['/', ['get', 'weight'], 8]);
    expect(cells.type).toBe('circle');
    expect(pointsBounds([])).toBeNull();
    expect(
      pointsBounds([
        { lng: 121.5, lat: 31.3, weight: 1 },
        { lng: 121.4, lat: 31.2, weight: 2 },
      ]),
    ).toEqual([
      [121.4, 31.2],
      [121.5, 31.3],
    ]);
  });
});
