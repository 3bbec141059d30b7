import { performCaseAction } from '@xiuhua/core';
import {
  buildCaseWorld,
  createTestApp,
  SYSTEM_TEST_ACTOR,
  type CaseWorld,
  type Session,
  type TestApp,
} from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClasses, caseAt, placesOf } from './analytics-test-world';

type Json = Record<string, unknown>;
type Hotspots = {
  total: number;
  areas: number;
  region: string | null;
  items: {
    code: string;
    count: number;
    share: number;
    classes: { classId: number | null; count: number }[];
  }[];
  heat: {
    points: { lng: number; lat: number; weight: number }[];
    maxWeight: number;
    cells: number;
  };
};
type Point = { bucket: string; count: number; previous: number; change: number };
type Series = {
  key: string;
  label: string;
  count: number;
  previous: number;
  change: number;
  changeRate: number | null;
  points: Point[];
};
type Trends = {
  buckets: { key: string; start: string; end: string }[];
  total: Omit<Series, 'key' | 'label'>;
  series: Series[];
};

describe('analytics: hotspots, trends and patterns', () => {
  let t: TestApp;
  let hot: CaseWorld;
  let trend: CaseWorld;
  let admin: Session;
  let x = 0;
  let y = 0;
  let z = 0;
  let v = 0;

  beforeAll(async () => {
    t = await createTestApp();
    t.ctx.settings.sessionIdleMinutes = 60 * 24 * 365 * 10;
    t.ctx.clock.set('2026-10-01T09:00:00+08:00');
    hot = await buildCaseWorld(t);
    trend = await buildCaseWorld(t);
    admin = await t.loginAs({ roles: ['admin'] });
    x = hot.classId;
    [y = 0, z = 0, v = 0] = await buildClasses(t, ['98801', '98802', '98803']);

    // Hotspots world, November 2026: NW grid X×3 Y×2 Z×1 V×1, NE grid Y×2, SE grid X×1.
    const p = placesOf(hot);
    const nov = (day: number, minute = 0) =>
      `2026-11-${String(day).padStart(2, '0')}T10:${String(minute).padStart(2, '0')}:00+08:00`;
    let minute = 0;
    for (const classId of [x, x, x, y, y, z, v])
      await caseAt(t, nov(10, minute++), { place: p.nw, classId });
    for (const classId of [y, y]) await caseAt(t, nov(11, minute++), { place: p.ne, classId });
    await caseAt(t, nov(12), { place: p.se, classId: x });
    // Not counted: a draft, a rejected report, one before and one after the period.
    await caseAt(t, nov(13), { place: p.sw, classId: x, draft: true });
    const rejected = await caseAt(t, nov(14), { place: p.sw, classId: x });
    await performCaseAction(
      t.ctx,
      { ...SYSTEM_TEST_ACTOR, roles: ['operator'] },
      {
        caseId: rejected.id,
        action: 'reject',
        version: rejected.version,
        input: { opinion: '不属于受理范围' },
      },
    );
    await caseAt(t, '2026-10-31T23:59:00+08:00', { place: p.sw, classId: x });
    await caseAt(t, '2026-12-01T00:00:00+08:00', { place: p.sw, classId: x });

    // Trends world, 1–7 November 2026 and the week before.
    const q = placesOf(trend);
    const at = async (when: string, classId: number | undefined, source = 'supervisor') =>
      caseAt(t, when, {
        place: q.nw,
        ...(classId !== undefined ? { classId } : {}),
        source: source as 'supervisor',
      });
    await at('2026-11-01T00:30:00+08:00', x); // 31 October 16:30 UTC: the local 1 November
    await at('2026-11-02T23:30:00Z', x); // the local 3 November, 07:30
    await at('2026-11-03T10:00:00+08:00', x, 'hotline_12345');
    await at('2026-11-05T12:00:00+08:00', undefined); // not classified yet
    await at('2026-11-07T23:59:00+08:00', y, 'hotline_12345');
    await at('2026-11-08T00:00:00+08:00', y); // the end is exclusive
    await at('2026-10-25T09:00:00+08:00', x);
    await at('2026-10-27T09:00:00+08:00', x);
    await at('2026-10-31T23:00:00+08:00', y, 'hotline_12345');
    await at('2026-10-24T23:00:00+08:00', z); // before the previous period
    t.ctx.clock.set('2026-12-02T09:00:00+08:00');
  });
  afterAll(async () => {
    await t.close();
  });

  const get = async <T = Json>(who: Session, url: string) => {
    const res = await who.request({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };
  const NOV = 'from=2026-11-01&to=2026-12-01';

  it('ranks grids by cases with their three commonest classes', async () => {
    const r = await get<Hotspots>(
      admin,
      `/api/analytics/hotspots?${NOV}&region=${hot.district.code}`,
    );
    const p = placesOf(hot);
    expect(r.total).toBe(10);
    expect(r.areas).toBe(3);
    expect(r.items.map((i) => [i.code, i.count, i.share])).toEqual([
      [p.grid(1), 7, 0.7],
      [p.grid(2), 2, 0.2],
      [p.grid(4), 1, 0.1],
    ]);
    // Z and V tie with one case each: the lower class id comes first.
    expect(r.items[0]?.classes.map((c) => [c.classId, c.count])).toEqual([
      [x, 3],
      [y, 2],
      [z, 1],
    ]);
    expect(r.items[1]?.classes.map((c) => [c.classId, c.count])).toEqual([[y, 2]]);
  });

  it('ranks communities and filters by class and limit', async () => {
    const base = `/api/analytics/hotspots?${NOV}&region=${hot.district.code}`;
    const community = await get<Hotspots>(admin, `${base}&level=community`);
    expect(community.items.map((i) => [i.code, i.count])).toEqual([
      [hot.district.streets[0]?.communities[0]?.code, 10],
    ]);
    expect(community.items[0]?.classes.map((c) => [c.classId, c.count])).toEqual([
      [x, 4],
      [y, 4],
      [z, 1],
    ]);
    const street = await get<Hotspots>(admin, `${base}&level=street`);
    expect(street.items.map((i) => [i.code, i.count])).toEqual([
      [hot.district.streets[0]?.code, 10],
    ]);
    const onlyY = await get<Hotspots>(admin, `${base}&classId=${y}`);
    const p = placesOf(hot);
    expect(onlyY.items.map((i) => [i.code, i.count])).toEqual([
      [p.grid(1), 2],
      [p.grid(2), 2],
    ]);
    const top = await get<Hotspots>(admin, `${base}&limit=1`);
    expect([top.items.length, top.total, top.areas]).toEqual([1, 10, 3]);
  });

  it('bins the cases into ~100 m heat cells', async () => {
    const r = await get<Hotspots>(
      admin,
      `/api/analytics/hotspots?${NOV}&region=${hot.district.code}`,
    );
    expect(r.heat.points.map((h) => h.weight)).toEqual([7, 2, 1]);
    expect([r.heat.maxWeight, r.heat.cells]).toEqual([7, 3]);
    const p = placesOf(hot);
    const [nw] = r.heat.points;
    // The cell centre is within half a cell diagonal (~71 m) of the cases in it.
    expect(Math.abs((nw?.lat ?? 0) - p.nw.lat) * 111_195).toBeLessThan(51);
    expect(
      Math.abs((nw?.lng ?? 0) - p.nw.lng) * 111_195 * Math.cos((p.nw.lat * Math.PI) / 180),
    ).toBeLessThan(51);
    const coarse = await get<Hotspots>(
      admin,
      `/api/analytics/hotspots?${NOV}&region=${hot.district.code}&cellM=2000`,
    );
    expect(coarse.heat.points.reduce((a, h) => a + h.weight, 0)).toBe(10);
    expect(coarse.heat.cells).toBe(coarse.heat.points.length);
    expect(coarse.heat.points.length).toBeLessThan(r.heat.points.length + 1);
  });

  it('counts per local day, zero-filled, against the week before', async () => {
    const r = await get<Trends>(
      admin,
      `/api/analytics/trends?from=2026-11-01&to=2026-11-08&region=${trend.district.code}`,
    );
    expect(r.buckets.map((b) => b.key)).toEqual([
      '2026-11-01',
      '2026-11-02',
      '2026-11-03',
      '2026-11-04',
      '2026-11-05',
      '2026-11-06',
      '2026-11-07',
    ]);
    expect(r.buckets[0]).toEqual({
      key: '2026-11-01',
      start: '2026-10-31T16:00:00.000Z',
      end: '2026-11-01T16:00:00.000Z',
    });
    expect(r.total.points.map((p) => p.count)).toEqual([1, 0, 2, 0, 1, 0, 1]);
    expect(r.total.points.map((p) => p.previous)).toEqual([1, 0, 1, 0, 0, 0, 1]);
    expect(r.total.points.map((p) => p.change)).toEqual([0, 0, 1, 0, 1, 0, 0]);
    expect([r.total.count, r.total.previous, r.total.change, r.total.changeRate]).toEqual([
      5, 3, 2, 0.6667,
    ]);
    expect(r.series.map((s) => [s.key, s.count, s.previous, s.change, s.changeRate])).toEqual([
      [String(x), 3, 2, 1, 0.5],
      [String(y), 1, 1, 0, 0],
      ['unclassified', 1, 0, 1, null],
    ]);
    expect(r.series[0]?.points.map((p) => p.count)).toEqual([1, 0, 2, 0, 0, 0, 0]);
    expect(r.series[1]).toMatchObject({ label: '分析测试98801', classId: y, classCode: '98801' });
    expect(r.series[2]?.label).toBe('未分类');
  });

  it('groups by source, filters by source and folds the smallest series into "other"', async () => {
    const base = `/api/analytics/trends?from=2026-11-01&to=2026-11-08&region=${trend.district.code}`;
    const bySource = await get<Trends>(admin, `${base}&groupBy=source`);
    expect(bySource.series.map((s) => [s.key, s.points.map((p) => p.count), s.previous])).toEqual([
      ['supervisor', [1, 0, 1, 0, 1, 0, 0], 2],
      ['hotline_12345', [0, 0, 1, 0, 0, 0, 1], 1],
    ]);
    const hotline = await get<Trends>(admin, `${base}&source=hotline_12345`);
    // One case each: the series with more the period before comes first.
    expect(hotline.series.map((s) => [s.key, s.count, s.previous])).toEqual([
      [String(y), 1, 1],
      [String(x), 1, 0],
    ]);
    const folded = await get<Trends>(admin, `${base}&limit=1`);
    expect(folded.series.map((s) => [s.key, s.count, s.previous])).toEqual([
      [String(x), 3, 2],
      ['other', 2, 1],
    ]);
    expect(folded.series[1]?.points.map((p) => p.count)).toEqual([0, 0, 0, 0, 1, 0, 1]);
  });

  it('cuts Monday weeks (a partial first one) and months', async () => {
    const weeks = await get<Trends>(
      admin,
      `/api/analytics/trends?from=2026-11-01&to=2026-11-08&bucket=week&region=${trend.district.code}`,
    );
    expect(weeks.buckets.map((b) => b.key)).toEqual(['2026-10-26', '2026-11-02']);
    expect(weeks.total.points.map((p) => [p.count, p.previous])).toEqual([
      [1, 1],
      [4, 2],
    ]);
    const months = await get<Trends>(
      admin,
      `/api/analytics/trends?from=2026-10-01&to=2026-12-01&bucket=month&region=${trend.district.code}`,
    );
    expect(months.buckets.map((b) => b.key)).toEqual(['2026-10-01', '2026-11-01']);
    // October: 24, 25, 27 and 31 October; November: the five above and 8 November.
    expect(months.total.points.map((p) => p.count)).toEqual([4, 6]);
    expect([months.total.previous, months.total.changeRate]).toEqual([0, null]);
  });

  it('counts per local weekday and hour', async () => {
    const r = await get<{ matrix: number[][]; byWeekday: number[]; total: number; peak: Json }>(
      admin,
      `/api/analytics/patterns?from=2026-11-01&to=2026-11-08&region=${trend.district.code}`,
    );
    const cells: [number, number, number][] = [];
    r.matrix.forEach((hours, d) => hours.forEach((n, h) => n > 0 && cells.push([d, h, n])));
    // Sun 00:30, Tue 07:30 (23:30 UTC on Monday), Tue 10:00, Thu 12:00, Sat 23:59.
    expect(cells).toEqual([
      [1, 7, 1],
      [1, 10, 1],
      [3, 12, 1],
      [5, 23, 1],
      [6, 0, 1],
    ]);
    expect(r.byWeekday).toEqual([0, 2, 0, 1, 0, 1, 1]);
    expect(r.total).toBe(5);
    const onlyX = await get<{ total: number }>(
      admin,
      `/api/analytics/patterns?from=2026-11-01&to=2026-11-08&region=${trend.district.code}&classId=${x}`,
    );
    expect(onlyX.total).toBe(3);
  });

  it("shows a region-scoped user only their region, and refuses departments and others' regions", async () => {
    const mine = await get<Hotspots>(hot.as.commander, `/api/analytics/hotspots?${NOV}`);
    expect([mine.region, mine.total]).toEqual([hot.district.code, 10]);
    const everything = await get<Hotspots>(admin, `/api/analytics/hotspots?${NOV}`);
    // Both worlds: 10 here and 6 reported in November in the trends world.
    expect([everything.region, everything.total]).toEqual([null, 16]);
    const theirs = await hot.as.commander.request({
      method: 'GET',
      url: `/api/analytics/trends?${NOV}&region=${trend.district.code}`,
    });
    expect([theirs.statusCode, theirs.json<{ error: { code: string } }>().error.code]).toEqual([
      403,
      'OUTSIDE_SCOPE',
    ]);
    for (const who of [hot.as.department, hot.as.supervisor]) {
      const res = await who.request({ method: 'GET', url: `/api/analytics/patterns?${NOV}` });
      expect(res.statusCode).toBe(403);
    }
    for (const who of [hot.as.operator, hot.as.dispatcher, hot.as.shift_leader]) {
      const res = await who.request({ method: 'GET', url: `/api/analytics/patterns?${NOV}` });
      expect(res.json<{ total: number }>().total).toBe(10);
    }
  });

  it('lists the endpoints in the OpenAPI document', async () => {
    const doc = await get<{ paths: Record<string, unknown> }>(admin, '/api/openapi.json');
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/api/analytics/'))).toEqual([
      '/api/analytics/hotspots',
      '/api/analytics/trends',
      '/api/analytics/recurrence',
      '/api/analytics/patterns',
      '/api/analytics/overdue-departments',
    ]);
  });

  it('refuses bad parameters with 400 naming the field', async () => {
    const fieldOf = async (query: string, path = 'hotspots') => {
      const res = await admin.request({ method: 'GET', url: `/api/analytics/${path}?${query}` });
      expect(res.statusCode, res.body).toBe(400);
      const body = res.json<{ error: { code: string; details: { field: string }[] } }>();
      expect(body.error.code).toBe('VALIDATION_FAILED');
      return body.error.details.map((d) => d.field);
    };
    expect(await fieldOf('to=2026-12-01')).toEqual(['from']);
    expect(await fieldOf('from=yesterday&to=2026-12-01')).toEqual(['from']);
    expect(await fieldOf('from=2026-11-31&to=2026-12-01')).toEqual(['from']);
    expect(await fieldOf('from=2026-11-01T10:00&to=2026-12-01')).toEqual(['from']);
    expect(await fieldOf('from=2026-12-01&to=2026-11-01')).toEqual(['to']);
    expect(await fieldOf('from=2025-01-01&to=2026-12-01')).toEqual(['to']);
    expect(await fieldOf(`${NOV}&level=city`)).toEqual(['level']);
    expect(await fieldOf(`${NOV}&limit=0`)).toEqual(['limit']);
    expect(await fieldOf(`${NOV}&cellM=10`)).toEqual(['cellM']);
    expect(await fieldOf(`${NOV}&region=3101`)).toEqual(['region']);
    expect(await fieldOf(`${NOV}&bucket=hour`, 'trends')).toEqual(['bucket']);
    expect(await fieldOf(`${NOV}&groupBy=grid`, 'trends')).toEqual(['groupBy']);
    expect(await fieldOf(`${NOV}&source=fax`, 'trends')).toEqual(['source']);
    expect(await fieldOf(`${NOV}&days=0`, 'recurrence')).toEqual(['days']);
    expect(await fieldOf(`${NOV}&days=400`, 'recurrence')).toEqual(['days']);
    expect(await fieldOf(`${NOV}&radiusM=5000`, 'recurrence')).toEqual(['radiusM']);
    expect(await fieldOf(`${NOV}&classId=abc`, 'patterns')).toEqual(['classId']);
    expect(await fieldOf(`${NOV}&limit=1000`, 'overdue-departments')).toEqual(['limit']);
  });
});
