import {
  buildDistrict,
  createTestApp,
  latticeGrids,
  squarePolygon,
  type Session,
  type TestApp,
} from '@xiuhua/testkit';
import gcoord from 'gcoord';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Problem = {
  kind: string;
  code?: string;
  codes?: string[];
  areaM2?: number;
  position?: number[];
  bbox?: number[];
  featureIndex?: number;
};

describe('unit grid import and point lookup', () => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.loginAs({ roles: ['admin'] });
  });
  afterAll(async () => {
    await t.close();
  });

  // About 950 m × 1,110 m near Yangpu: 3 × 3 grids of roughly 317 m × 370 m.
  const square = { west: 121.5, south: 31.3, side: 0.01 };

  async function world() {
    const district = await buildDistrict(t.ctx.db.kysely, {
      streets: 1,
      communities: 1,
      outline: square,
    });
    const community = district.streets[0]?.communities[0];
    if (!community) throw new Error('no community');
    return { district, community };
  }

  it('reports an overlap, a gap, a bad code and an open ring together, and imports nothing', async () => {
    const { district, community } = await world();
    const file = latticeGrids(square, community.code, 3);
    const step = square.side / 3;
    // Gap: drop the south-east grid (sequence 009).
    file.features = file.features.filter((f) => f.properties.code !== `${community.code}009`);
    // Overlap: stretch grid 002 a third of a cell into grid 003.
    const second = file.features[1];
    if (!second) throw new Error('lattice too small');
    second.geometry = squarePolygon({
      west: square.west + step,
      south: square.south + 2 * step,
      side: step * (4 / 3),
      height: step,
    });
    // Bad code and open ring, as extra features.
    file.features.push({
      type: 'Feature',
      properties: { code: '31011000' },
      geometry: squarePolygon({ west: square.west, south: square.south, side: step / 10 }),
    });
    const open = squarePolygon({ west: square.west + 2 * step, south: square.south, side: step });
    open.coordinates[0]?.pop();
    file.features.push({
      type: 'Feature',
      properties: { code: `${community.code}010` },
      geometry: open,
    });

    const res = await admin.request({ method: 'POST', url: '/api/imports/grids', payload: file });
    expect(res.statusCode).toBe(422);
    const body = res.json<{ error: { code: string; details: Problem[] } }>();
    expect(body.error.code).toBe('IMPORT_REJECTED');
    const kinds = body.error.details.map((d) => d.kind);
    expect(kinds).toEqual(expect.arrayContaining(['overlap', 'gap', 'bad_code', 'open_ring']));

    const overlap = body.error.details.find((d) => d.kind === 'overlap');
    expect(overlap?.codes?.sort()).toEqual([`${community.code}002`, `${community.code}003`]);
    const cellArea = (overlap?.areaM2 ?? 0) * 3; // the overlap is a third of a cell
    expect(cellArea).toBeGreaterThan(100_000);
    expect(cellArea).toBeLessThan(130_000);

    const gaps = body.error.details.filter((d) => d.kind === 'gap');
    const totalGap = gaps.reduce((sum, g) => sum + (g.areaM2 ?? 0), 0);
    expect(totalGap).toBeGreaterThan(cellArea * 0.95); // the dropped cell (the open-ring one covers it in no way)
    const eastSouth = gaps.find(
      (g) =>
        (g.position?.[0] ?? 0) > square.west + 2 * step &&
        (g.position?.[1] ?? 99) < square.south + step,
    );
    expect(eastSouth).toBeDefined();

    expect(body.error.details.find((d) => d.kind === 'bad_code')).toMatchObject({
      code: '31011000',
      featureIndex: 8,
    });
    expect(body.error.details.find((d) => d.kind === 'open_ring')).toMatchObject({
      code: `${community.code}010`,
      featureIndex: 9,
    });

    const stored = await t.ctx.db.kysely
      .selectFrom('unit_grids')
      .select('code')
      .where('code', 'like', `${district.code}%`)
      .execute();
    expect(stored).toEqual([]);
  });

  it('imports a clean tiling and locates points in it', async () => {
    const { district, community } = await world();
    const res = await admin.request({
      method: 'POST',
      url: '/api/imports/grids',
      payload: latticeGrids(square, community.code, 3),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'applied', imported: 9, errors: [] });

    // Just inside the north-west cell → sequence 001; the centre → 005.
    const nw = await admin.request({
      method: 'GET',
      url: `/api/grids/locate?lng=${square.west + 0.001}&lat=${square.south + square.side - 0.001}`,
    });
    expect(nw.statusCode).toBe(200);
    expect(nw.json()).toMatchObject({
      grid: { code: `${community.code}001` },
      community: { code: community.code, name: community.name },
      street: { code: district.streets[0]?.code },
      district: { code: district.code, name: district.name },
      responsibilityGrid: null,
    });
    const centre = await admin.request({
      method: 'GET',
      url: `/api/grids/locate?lng=${square.west + 0.005}&lat=${square.south + 0.005}`,
    });
    expect(centre.json<{ grid: { code: string } }>().grid.code).toBe(`${community.code}005`);

    const outside = await admin.request({
      method: 'GET',
      url: '/api/grids/locate?lng=120.0&lat=30.0',
    });
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toMatchObject({ error: { code: 'OUTSIDE_JURISDICTION' } });

    const bad = await admin.request({ method: 'GET', url: '/api/grids/locate?lng=abc&lat=31' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { details: [{ field: 'lng' }] } });
  });

  it('converts GCJ-02 input to WGS84 when told so, and refuses the same file without the flag', async () => {
    const { community } = await world();
    const wgs = latticeGrids(square, community.code, 2);
    const gcj = structuredClone(wgs);
    for (const feature of gcj.features) {
      feature.geometry.coordinates = feature.geometry.coordinates.map((ring) =>
        ring.map(
          (p) => gcoord.transform([p[0] ?? 0, p[1] ?? 0], gcoord.WGS84, gcoord.GCJ02) as number[],
        ),
      );
    }
    const unflagged = await admin.request({
      method: 'POST',
      url: '/api/imports/grids',
      payload: gcj,
    });
    expect(unflagged.statusCode).toBe(422);
    expect(
      unflagged.json<{ error: { details: Problem[] } }>().error.details.map((d) => d.kind),
    ).toContain('outside_boundary');

    const flagged = await admin.request({
      method: 'POST',
      url: '/api/imports/grids?crs=gcj02',
      payload: gcj,
    });
    expect(flagged.statusCode, flagged.body).toBe(200);
    const stored = await admin.request({ method: 'GET', url: `/api/grids/${community.code}001` });
    const ring =
      stored.json<{ geometry: { coordinates: number[][][] } }>().geometry.coordinates[0] ?? [];
    const original = wgs.features[0]?.geometry.coordinates[0] ?? [];
    ring.forEach((p, i) => {
      expect(p[0]).toBeCloseTo(original[i]?.[0] ?? NaN, 5);
      expect(p[1]).toBeCloseTo(original[i]?.[1] ?? NaN, 5);
    });
  });

  it('shows a street-level user only its street', async () => {
    const district = await buildDistrict(t.ctx.db.kysely, {
      streets: 2,
      communities: 1,
      outline: square,
    });
    const [a, b] = district.streets;
    if (!a?.communities[0] || !b?.communities[0]) throw new Error('world');
    const half = { west: square.west, south: square.south, side: square.side / 2 };
    const east = {
      west: square.west + square.side / 2,
      south: square.south,
      side: square.side / 2,
    };
    const file = latticeGrids(half, a.communities[0].code, 1);
    file.features.push(...latticeGrids(east, b.communities[0].code, 1).features);
    const res = await admin.request({
      method: 'POST',
      url: '/api/imports/grids?allowGaps=true',
      payload: file,
    });
    expect(res.statusCode, res.body).toBe(200);

    const streetUser = await t.loginAs({
      roles: ['operator'],
      scope: { kind: 'region', divisionCode: a.code },
    });
    const list = await streetUser.request({
      method: 'GET',
      url: `/api/grids?division=${district.code}`,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: { code: string }[] }>().items.map((g) => g.code)).toEqual([
      `${a.communities[0].code}001`,
    ]);
    expect(
      (await streetUser.request({ method: 'GET', url: `/api/grids/${b.communities[0].code}001` }))
        .statusCode,
    ).toBe(403);
    const located = await streetUser.request({
      method: 'GET',
      url: `/api/grids/locate?lng=${east.west + 0.001}&lat=${east.south + 0.001}`,
    });
    expect(located.statusCode).toBe(403);
    const divisions = await streetUser.request({
      method: 'GET',
      url: `/api/divisions?parent=${district.code}`,
    });
    expect(divisions.json<{ items: { code: string }[] }>().items.map((d) => d.code)).toEqual([
      a.code,
    ]);
  });
});
