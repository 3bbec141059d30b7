// Foundation rows (issue 2): lookup on the demo district against a linear scan, and the
// tiling check's union in Hilbert order against row order.
import { readFileSync } from 'node:fs';
import { demoOutline } from '@xiuhua/core';
import {
  createGridLocator,
  createPrng,
  pointInGeometry,
  unionAll,
  validateTiling,
  bboxOf,
  centroidOf,
  type AreaGeometry,
} from '@xiuhua/domain';
import { fmt, type Row } from '../lib/report';
import type { BenchEnv, Section } from '../lib/section';
import { best } from '../lib/timing';

type Demo = { grids: { code: string; geometry: AreaGeometry }[] };

async function run(env: BenchEnv): Promise<Row[]> {
  const quick = env.options.quick;
  const demo = JSON.parse(
    readFileSync(
      new URL('../../data/reference/demo-yangpu-district.json', import.meta.url),
      'utf8',
    ),
  ) as Demo;
  const grids = demo.grids;
  const [minLng, minLat, maxLng, maxLat] = grids.reduce<[number, number, number, number]>(
    (acc, g) => {
      const [a, b, c, d] = bboxOf(g.geometry);
      return [Math.min(acc[0], a), Math.min(acc[1], b), Math.max(acc[2], c), Math.max(acc[3], d)];
    },
    [Infinity, Infinity, -Infinity, -Infinity],
  );
  const random = createPrng(7);
  const points = Array.from(
    { length: quick ? 2_000 : 20_000 },
    () =>
      [minLng + random() * (maxLng - minLng), minLat + random() * (maxLat - minLat)] as [
        number,
        number,
      ],
  );

  // 1. Point → grid lookup: flatbush + exact test vs a linear scan over all grids.
  const locator = createGridLocator(grids);
  let found = 0;
  const indexed = best(5, () => {
    found = 0;
    for (const [lng, lat] of points) if (locator.locate(lng, lat)) found++;
  });
  const scanPoints = points.slice(0, quick ? 200 : 1_000);
  const linear =
    best(3, () => {
      for (const [lng, lat] of scanPoints)
        grids.find((g) => pointInGeometry([lng, lat], g.geometry));
    }) *
    (points.length / scanPoints.length);

  const section = 'foundation';
  const lookupRow: Row = {
    section,
    measurement: 'point → grid lookup (demo district)',
    size: `${fmt(points.length)} points, ${fmt(grids.length)} grids`,
    xiuhua: {
      value: points.length / (indexed / 1000),
      unit: 'points/s',
      text: `${((indexed / points.length) * 1000).toFixed(2)} µs/point`,
    },
    baseline: {
      label: 'linear scan, same exact test',
      value: points.length / (linear / 1000),
      unit: 'points/s',
      text: `${((linear / points.length) * 1000).toFixed(1)} µs/point`,
    },
    higherIsBetter: true,
  };
  env.log(`foundation: located ${found} of ${points.length} random points in the demo district`);
  // The tiling rows take seconds of clipping: full runs only.
  if (quick) return [lookupRow];

  // 2. Tiling check of the demo district. Its core is the union of all grids, built in Hilbert
  // order; the baseline is the same balanced pairwise union with cells in row order (before).
  const cells = grids.map((g) => ({ id: g.code, geometry: g.geometry }));
  const boundary = demoOutline({
    districtsGeoJson: readFileSync(
      new URL('../../data/reference/shanghai-districts.geojson', import.meta.url),
      'utf8',
    ),
  });
  const tilingFast = best(3, () => validateTiling({ cells, boundary, toleranceM2: 10 }));
  const hilbertUnion = best(1, () => unionAll(grids.map((g) => g.geometry)));
  const rowUnion = best(1, () => rowOrderUnion(grids.map((g) => g.geometry)));

  return [
    lookupRow,
    {
      section,
      measurement: 'union of all grids (core of the tiling check)',
      size: `${fmt(grids.length)} grids`,
      xiuhua: { value: hilbertUnion, unit: 'ms', text: `${fmt(hilbertUnion)} ms (Hilbert order)` },
      baseline: { label: 'row order', value: rowUnion, unit: 'ms', text: `${fmt(rowUnion)} ms` },
      higherIsBetter: false,
    },
    {
      section,
      measurement: 'tiling check (overlaps, outside, gaps)',
      size: `${fmt(grids.length)} grids`,
      xiuhua: { value: tilingFast, unit: 'ms', text: `${fmt(tilingFast)} ms` },
      baseline: null,
      higherIsBetter: false,
      note: `the union is ${((hilbertUnion / tilingFast) * 100).toFixed(0)}% of it`,
    },
  ];
}

function rowOrderUnion(geometries: AreaGeometry[]) {
  const byRow = geometries
    .map((g) => ({ g, c: centroidOf(g) }))
    .sort((p, q) => p.c[1] - q.c[1] || p.c[0] - q.c[0])
    .map((p) => p.g);
  let level: AreaGeometry[] = byRow;
  while (level.length > 1) {
    const next: AreaGeometry[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const a = level[i];
      const b = level[i + 1];
      next.push(a && b ? { type: 'MultiPolygon', coordinates: unionAll([a, b]) } : (a ?? b!));
    }
    level = next;
  }
  return level[0];
}

export const foundationSection: Section = { name: 'foundation', run };
