import { buildCaseWorld, createTestApp, type CaseWorld, type TestApp } from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Day = {
  day: string;
  covered: number;
  total: number;
  grids: { code: string; points: number }[];
  shifts: { startedAt: string; endedAt: string | null }[];
  track: { at: string; gridCode: string | null }[];
};

describe('the supervisor app API: classes, my grids, attendance and patrol coverage', () => {
  let t: TestApp;
  let w: CaseWorld;
  let gridCodes: string[];
  beforeAll(async () => {
    t = await createTestApp();
    t.ctx.settings.sessionIdleMinutes = 60 * 24 * 365;
    t.ctx.clock.set('2026-11-23T08:00:00+08:00');
    w = await buildCaseWorld(t);
    const admin = await t.loginAs({ roles: ['admin'] });
    const community = w.district.streets[0]?.communities[0]?.code ?? '';
    gridCodes = [1, 2, 3, 4].map((i) => `${community}00${i}`);
    const put = await admin.request({
      method: 'PUT',
      url: '/api/responsibility-grids/T-R1',
      payload: {
        name: '测试责任网格',
        divisionCode: w.district.streets[0]?.code,
        gridCodes,
        supervisorUsernames: [w.as.supervisor.username],
      },
    });
    expect(put.statusCode, put.body).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists classes with pinyin and initials for the picker', async () => {
    const res = await w.as.supervisor.request({ method: 'GET', url: '/api/mobile/classes' });
    const items = res.json<{
      items: { id: number; name: string; pinyin: string; initials: string }[];
    }>().items;
    const ours = items.find((c) => c.id === w.classId);
    expect(ours?.name).toMatch(/^测试暴露垃圾/);
    expect(ours?.pinyin.startsWith('ceshibaolulaji')).toBe(true);
    expect(ours?.initials.startsWith('csbllj')).toBe(true);
  });

  it('gives a supervisor the outlines of the grids they patrol, and nobody else', async () => {
    const res = await w.as.supervisor.request({ method: 'GET', url: '/api/mobile/grids' });
    const items = res.json<{ items: { code: string; geometry: { type: string } }[] }>().items;
    expect(items.map((g) => g.code)).toEqual(gridCodes);
    expect(items[0]?.geometry.type).toBe('Polygon');
    expect(
      (await w.as.operator.request({ method: 'GET', url: '/api/mobile/grids' })).statusCode,
    ).toBe(403);
  });

  it('clocks in once, records a re-sent track once, and measures coverage per grid', async () => {
    const first = await w.as.supervisor.request({
      method: 'POST',
      url: '/api/patrol/clock-in',
      payload: {},
    });
    expect(first.statusCode).toBe(201);
    const again = await w.as.supervisor.request({
      method: 'POST',
      url: '/api/patrol/clock-in',
      payload: {},
    });
    expect(again.statusCode).toBe(200);
    expect(again.json<{ id: number }>().id).toBe(first.json<{ id: number }>().id);

    t.ctx.clock.advanceMinutes(30);
    const { lng, lat } = w.point;
    const points = [0, 1, 2].map((i) => ({
      at: new Date(Date.parse('2026-11-23T08:10:00+08:00') + i * 60_000).toISOString(),
      lng,
      lat,
      accuracyM: 8,
    }));
    points.push({ at: '2026-11-23T08:20:00+08:00', lng: 100, lat: 20, accuracyM: 30 });
    const upload = () =>
      w.as.supervisor.request({ method: 'POST', url: '/api/patrol/points', payload: { points } });
    expect((await upload()).json()).toEqual({ received: 4, recorded: 4 });
    expect((await upload()).json()).toEqual({ received: 4, recorded: 0 });

    const out = await w.as.supervisor.request({ method: 'POST', url: '/api/patrol/clock-out' });
    expect(out.statusCode).toBe(200);
    expect(
      (await w.as.supervisor.request({ method: 'POST', url: '/api/patrol/clock-out' })).statusCode,
    ).toBe(409);

    const day = (
      await w.as.supervisor.request({ method: 'GET', url: '/api/patrol/day' })
    ).json<Day>();
    expect(day).toMatchObject({ day: '2026-11-23', covered: 1, total: 4 });
    expect(day.grids.filter((g) => g.points > 0).map((g) => g.points)).toEqual([3]);
    expect(day.track).toHaveLength(4);
    expect(day.track.at(-1)?.gridCode).toBeNull();
    expect(day.shifts).toHaveLength(1);
    expect(day.shifts[0]?.endedAt).not.toBeNull();
    const yesterday = (
      await w.as.supervisor.request({ method: 'GET', url: '/api/patrol/day?day=2026-11-22' })
    ).json<Day>();
    expect(yesterday).toMatchObject({ covered: 0, total: 4, track: [] });
  });

  it('refuses positions from the future, too old, or malformed, writing nothing', async () => {
    for (const bad of [
      [{ at: '2026-11-24T08:00:00+08:00', lng: 121, lat: 31 }],
      [{ at: '2026-10-01T08:00:00+08:00', lng: 121, lat: 31 }],
      [{ at: 'noon', lng: 121, lat: 31 }],
      [{ at: '2026-11-23T08:00:00+08:00', lng: 500, lat: 31 }],
      [],
    ]) {
      const res = await w.as.supervisor.request({
        method: 'POST',
        url: '/api/patrol/points',
        payload: { points: bad },
      });
      expect(res.statusCode, res.body).toBe(400);
    }
    const day = (
      await w.as.supervisor.request({ method: 'GET', url: '/api/patrol/day' })
    ).json<Day>();
    expect(day.track).toHaveLength(4);
  });

  it('lists my own reports with mine=true', async () => {
    const other = await t.loginAs({
      roles: ['supervisor'],
      scope: { kind: 'region', divisionCode: w.district.code },
    });
    for (const who of [w.as.supervisor, other])
      await who.request({
        method: 'POST',
        url: '/api/cases',
        payload: { source: 'supervisor', description: `${who.username} 的上报`, ...w.point },
      });
    const mine = await w.as.supervisor.request({ method: 'GET', url: '/api/cases?mine=true' });
    const items = mine.json<{ items: { description: string }[] }>().items;
    expect(items.map((i) => i.description)).toEqual([`${w.as.supervisor.username} 的上报`]);
  });
});
