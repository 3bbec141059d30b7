import { sweepTimers } from '@xiuhua/core';
import {
  buildCaseWorld,
  createTestApp,
  openDispatched,
  type CaseWorld,
  type TestApp,
} from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Features = {
  type: string;
  features: { geometry: { type: string }; properties: Record<string, unknown> }[];
};

describe('the console map data', () => {
  let t: TestApp;
  let w: CaseWorld;
  let bbox = '';
  beforeAll(async () => {
    t = await createTestApp();
    t.ctx.settings.sessionIdleMinutes = 60 * 24 * 365;
    t.ctx.clock.set('2026-11-23T09:00:00+08:00');
    w = await buildCaseWorld(t);
    const { lng, lat } = w.point;
    bbox = `${lng - 0.02},${lat - 0.02},${lng + 0.02},${lat + 0.02}`;
    const admin = await t.loginAs({ roles: ['admin'] });
    const here = (
      await admin.request({ method: 'GET', url: `/api/grids/locate?lng=${lng}&lat=${lat}` })
    ).json<{ grid: { code: string } }>();
    const put = await admin.request({
      method: 'PUT',
      url: '/api/responsibility-grids/R1',
      payload: {
        name: '地图测试责任网格',
        divisionCode: w.district.code,
        gridCodes: [here.grid.code],
        supervisorUsernames: [],
      },
    });
    expect(put.statusCode, put.body).toBeLessThan(300);
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (who: keyof CaseWorld['as'], url: string) =>
    w.as[who].request({ method: 'GET', url });

  it('colours grids by open cases and the worst light after the sweep', async () => {
    const c = await openDispatched<{ id: number; version: number; caseNumber: string }>(
      w,
      '地图上的案件',
    );
    let grids = (await get('operator', `/api/map/grids?bbox=${bbox}`)).json<Features>();
    expect(grids.features).toHaveLength(4);
    const busy = grids.features.filter((f) => Number(f.properties.openCases) > 0);
    expect(busy.map((f) => [f.properties.openCases, f.properties.light])).toEqual([[1, 'green']]);
    // Each grid names its responsibility grid, so the map can colour by responsibility grid too.
    const located = (
      await get('operator', `/api/grids/locate?lng=${w.point.lng}&lat=${w.point.lat}`)
    ).json<{ grid: { code: string }; responsibilityGrid: { code: string; name: string } | null }>();
    expect(located.responsibilityGrid?.name).toBe('地图测试责任网格');
    const busyGrid = busy[0]?.properties;
    expect(busyGrid?.code).toBe(located.grid.code);
    expect(busyGrid?.responsibilityGridCode).toBe(located.responsibilityGrid?.code ?? null);
    expect(busyGrid?.responsibilityGridName).toBe(located.responsibilityGrid?.name ?? null);

    t.ctx.clock.advanceMinutes(60 * 24 * 3);
    await sweepTimers(t.ctx);
    grids = (await get('operator', `/api/map/grids?bbox=${bbox}`)).json<Features>();
    expect(grids.features.find((f) => Number(f.properties.openCases) > 0)?.properties.light).toBe(
      'red',
    );
    const cases = (await get('operator', `/api/map/cases?bbox=${bbox}`)).json<Features>();
    expect(cases.features.map((f) => f.properties.caseNumber)).toEqual([c.caseNumber]);
    expect(cases.features[0]?.geometry.type).toBe('Point');
  });

  it('shows departments only their own cases and no patrol tracks', async () => {
    const mine = (await get('department', `/api/map/cases?bbox=${bbox}`)).json<Features>();
    const other = (await get('otherDepartment', `/api/map/cases?bbox=${bbox}`)).json<Features>();
    expect(mine.features.length).toBeGreaterThan(0);
    expect(other.features).toEqual([]);
    expect((await get('department', '/api/map/patrols')).statusCode).toBe(403);
  });

  it("draws supervisors' tracks and last positions for the day", async () => {
    const { lng, lat } = w.point;
    const now = t.ctx.clock.now().getTime();
    await w.as.supervisor.request({
      method: 'POST',
      url: '/api/patrol/points',
      payload: {
        points: [0, 1, 2].map((i) => ({
          at: new Date(now - (3 - i) * 60_000).toISOString(),
          lng: lng + i * 0.0005,
          lat,
        })),
      },
    });
    const patrols = (await get('operator', '/api/map/patrols')).json<Features>();
    expect(patrols.features.map((f) => [f.geometry.type, f.properties.kind])).toEqual([
      ['LineString', 'track'],
      ['Point', 'position'],
    ]);
  });

  it('refuses a malformed box', async () => {
    expect((await get('operator', '/api/map/grids?bbox=1,2,3')).statusCode).toBe(400);
    expect((await get('operator', '/api/map/cases')).statusCode).toBe(400);
  });
});
