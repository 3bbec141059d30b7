import { gcj02ToWgs84, pointInGeometry, validateTiling, type AreaGeometry } from '@xiuhua/domain';
import { demoOutline } from '@xiuhua/core';
import { describe, expect, it } from 'vitest';
import { generateDemoFromSources, readDemoFile } from './demo-file';
import { readDemoSources } from './reference-data';

describe('the Yangpu demo district', () => {
  const sources = readDemoSources({ withPrecomputed: false });
  const fresh = generateDemoFromSources(sources);

  it('ships exactly what the generator produces (run `npm run demo:generate` after changing it)', () => {
    expect(readDemoFile()).toEqual(JSON.parse(JSON.stringify(fresh)));
  });

  it('gives every street and community grids with valid, unique, prefixed 15-digit codes', () => {
    const streets = new Set(fresh.grids.map((g) => g.streetCode));
    expect(streets.size).toBe(12);
    const communities = new Set(fresh.grids.map((g) => g.communityCode));
    expect(communities.size).toBe(301);
    const codes = fresh.grids.map((g) => g.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(
      fresh.grids.every((g) => /^310110\d{9}$/.test(g.code) && g.code.startsWith(g.communityCode)),
    ).toBe(true);
    expect(fresh.label).toContain('演示划分');
  });

  it('tiles the outline with no overlaps and no gaps, and covers 121.52, 31.29', () => {
    const outline = demoOutline(sources);
    const report = validateTiling({
      cells: fresh.grids.map((g) => ({ id: g.code, geometry: g.geometry })),
      boundary: outline,
      toleranceM2: 10,
    });
    expect(report.overlaps).toEqual([]);
    expect(report.gaps).toEqual([]);
    expect(report.outside).toEqual([]);
    expect(
      Math.abs(report.coveredAreaM2 - report.boundaryAreaM2) / report.boundaryAreaM2,
    ).toBeLessThan(0.001);
    expect(fresh.grids.some((g) => pointInGeometry([121.52, 31.29], g.geometry))).toBe(true);
    // The outline was converted from GCJ-02 and sits a few hundred metres west of the raw one.
    const raw = JSON.parse(sources.districtsGeoJson) as {
      features: { properties: { adcode: string }; geometry: AreaGeometry }[];
    };
    const rawOutline = raw.features.find((f) => f.properties.adcode === '310110')?.geometry;
    if (!rawOutline) throw new Error('no raw outline');
    expect(gcj02ToWgs84(rawOutline)).toEqual(outline);
  });

  it('numbers grids west→east, north→south within each community', () => {
    for (const community of new Set(fresh.grids.map((g) => g.communityCode))) {
      const own = fresh.grids.filter((g) => g.communityCode === community);
      const first = own[0];
      if (!first) continue;
      // The first grid is the northernmost row's westernmost cell.
      const northernmost = Math.max(...own.map((g) => g.centroid[1]));
      expect(first.centroid[1]).toBeGreaterThan(northernmost - 0.0011);
    }
  });

  it('groups grids into responsibility grids of at most 18 and places components inside their grids', () => {
    expect(
      fresh.responsibilityGrids.every(
        (r) => r.gridCodes.length <= 18 && r.gridCodes.every((c) => c.startsWith(r.streetCode)),
      ),
    ).toBe(true);
    const byCode = new Map(fresh.grids.map((g) => [g.code, g]));
    expect(fresh.components).toHaveLength(400);
    for (const c of fresh.components) {
      const grid = byCode.get(c.gridCode);
      expect(grid && pointInGeometry([c.lng, c.lat], grid.geometry)).toBe(true);
      expect(c.id).toMatch(/^310110\d{11}$/);
    }
  });
});
