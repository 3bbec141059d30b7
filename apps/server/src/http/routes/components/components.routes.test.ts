import {
  buildDistrict,
  createTestApp,
  latticeGrids,
  type Session,
  type TestApp,
} from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type ComponentOut = {
  id: string;
  status: string;
  gridCode: string | null;
  streetCode: string | null;
  communityCode: string | null;
};

describe('component inventory', () => {
  let t: TestApp;
  let admin: Session;
  const square = { west: 121.5, south: 31.3, side: 0.01 };
  let county = '';
  let westCommunity = '';
  let eastCommunity = '';
  let westStreet = '';

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.loginAs({ roles: ['admin'] });
    const district = await buildDistrict(t.ctx.db.kysely, {
      streets: 2,
      communities: 1,
      outline: square,
    });
    county = district.code;
    const [a, b] = district.streets;
    westStreet = a?.code ?? '';
    westCommunity = a?.communities[0]?.code ?? '';
    eastCommunity = b?.communities[0]?.code ?? '';
    const grids = latticeGrids(
      { west: square.west, south: square.south, side: square.side / 2 },
      westCommunity,
      1,
    );
    grids.features.push(
      ...latticeGrids(
        { west: square.west + square.side / 2, south: square.south, side: square.side / 2 },
        eastCommunity,
        1,
      ).features,
    );
    expect(
      (
        await admin.request({
          method: 'POST',
          url: '/api/imports/grids?allowGaps=true',
          payload: grids,
        })
      ).statusCode,
    ).toBe(200);
    const classes =
      'kind,big_code,big_name,code,name\ncomponent,01,市政公用设施,01002,污水井盖\ncomponent,01,市政公用设施,01016,路灯\n';
    expect(
      (
        await admin.request({
          method: 'POST',
          url: '/api/imports/classes?standard=gbt2026',
          headers: { 'content-type': 'text/csv' },
          payload: classes,
        })
      ).statusCode,
    ).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  const west = (dx: number) => (square.west + 0.001 + dx).toFixed(6);
  const lat = (square.south + 0.002).toFixed(6);
  const eastLng = (square.west + 0.008).toFixed(6);

  it('imports valid rows with grid, street and community from the position, and reports each bad row', async () => {
    const csv = [
      'id,name,class_code,status,lng,lat,maintenance_unit,survey_date',
      `${county}01002000001,污水井盖1,01002,完好,${west(0)},${lat},道路养护所,2026-05-01`,
      `${county}01016000001,路灯1,01016,damaged,${eastLng},${lat},路灯所,2026-05-01`,
      `${county}0100200000,短编码,01002,完好,${west(0)},${lat},,`,
      `${county}01016000002,类别不符,01002,完好,${west(0)},${lat},,`,
      `${county}01002000003,界外,01002,完好,120.000000,30.000000,,`,
      `${county}01002000004,状态错,01002,坏了,${west(0.0001)},${lat},,`,
      `${county}01099000001,未知类别,01099,完好,${west(0)},${lat},,`,
      `${county}01002000005,日期错,01002,完好,${west(0)},${lat},,2026-02-30`,
    ].join('\n');
    const res = await admin.request({
      method: 'POST',
      url: '/api/imports/components',
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(res.statusCode, res.body).toBe(200);
    const summary = res.json<{
      total: number;
      imported: number;
      rejected: { line: number; field: string }[];
    }>();
    expect(summary).toMatchObject({ total: 8, imported: 2 });
    expect(summary.rejected.map((r) => r.line).sort((x, y) => x - y)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(summary.rejected.find((r) => r.line === 6)?.field).toBe('lng,lat');
    expect(summary.rejected.find((r) => r.line === 7)?.field).toBe('status');

    const one = await admin.request({ method: 'GET', url: `/api/components/${county}01002000001` });
    expect(one.json<ComponentOut>()).toMatchObject({
      status: 'intact',
      gridCode: `${westCommunity}001`,
      communityCode: westCommunity,
      streetCode: westStreet,
    });
  });

  it('queries by bbox, class, grid and status', async () => {
    const q = async (query: string) =>
      (await admin.request({ method: 'GET', url: `/api/components?${query}` })).json<{
        items: ComponentOut[];
        total: number;
      }>();
    expect((await q('classCode=01016')).items.map((c) => c.id)).toEqual([`${county}01016000001`]);
    expect((await q('status=damaged')).items.map((c) => c.id)).toEqual([`${county}01016000001`]);
    expect((await q(`grid=${westCommunity}001`)).items.map((c) => c.id)).toEqual([
      `${county}01002000001`,
    ]);
    const bbox = `${square.west},${square.south},${square.west + 0.005},${square.south + 0.01}`;
    expect((await q(`bbox=${bbox}`)).items.map((c) => c.id)).toEqual([`${county}01002000001`]);
    const bad = await admin.request({ method: 'GET', url: '/api/components?status=broken' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { details: [{ field: 'status' }] } });
  });

  it('records a status change and keeps street users to their street', async () => {
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/components/${county}01002000001`,
      payload: { status: 'lost', changeDate: '2026-11-20' },
    });
    expect(res.json()).toMatchObject({ status: 'lost', changeDate: '2026-11-20' });
    const streetUser = await t.loginAs({
      roles: ['supervisor'],
      scope: { kind: 'region', divisionCode: westStreet },
    });
    const list = (await streetUser.request({ method: 'GET', url: '/api/components' })).json<{
      items: ComponentOut[];
    }>();
    expect(list.items.map((c) => c.id)).toEqual([`${county}01002000001`]);
    expect(
      (await streetUser.request({ method: 'GET', url: `/api/components/${county}01016000001` }))
        .statusCode,
    ).toBe(403);
  });
});
