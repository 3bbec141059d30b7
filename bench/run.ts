// npm run bench [-- --quick]: measurements of the foundation, each as a ratio against a
// baseline run side by side in the same process, plus absolute numbers and machine info.
import { readFileSync } from 'node:fs';
import os from 'node:os';
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

const quick = process.argv.includes('--quick');
type Demo = { grids: { code: string; geometry: AreaGeometry }[] };
const demo = JSON.parse(
  readFileSync(new URL('../data/reference/demo-yangpu-district.json', import.meta.url), 'utf8'),
) as Demo;

function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Best of `rounds` timings (ms), to damp noise from the other core. */
function best(rounds: number, fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < rounds; i++) min = Math.min(min, time(fn));
  return min;
}

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
    for (const [lng, lat] of scanPoints) grids.find((g) => pointInGeometry([lng, lat], g.geometry));
  }) *
  (points.length / scanPoints.length);

// 2. Tiling check of the demo district. Its core is the union of all grids, built in Hilbert
// order; the baseline is the same balanced pairwise union with cells in row order (before).
const cells = grids.map((g) => ({ id: g.code, geometry: g.geometry }));
const boundary = demoOutline({
  districtsGeoJson: readFileSync(
    new URL('../data/reference/shanghai-districts.geojson', import.meta.url),
    'utf8',
  ),
});
const tilingFast = best(quick ? 1 : 3, () => validateTiling({ cells, boundary, toleranceM2: 10 }));
const hilbertUnion = best(1, () => unionAll(grids.map((g) => g.geometry)));
const rowUnion = best(1, () => rowOrderUnion(grids.map((g) => g.geometry)));

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

const rows = [
  [
    'point → grid lookup',
    `${points.length} points, ${grids.length} grids`,
    `${((indexed / points.length) * 1000).toFixed(2)} µs/point`,
    `${((linear / points.length) * 1000).toFixed(1)} µs/point (linear scan)`,
    `${(linear / indexed).toFixed(0)}× faster`,
  ],
  [
    'union of all grids (core of the tiling check)',
    `${grids.length} grids`,
    `${hilbertUnion.toFixed(0)} ms (Hilbert order)`,
    `${rowUnion.toFixed(0)} ms (row order)`,
    `${(rowUnion / hilbertUnion).toFixed(1)}× faster`,
  ],
  [
    'tiling check (overlaps, outside, gaps)',
    `${grids.length} grids`,
    `${tilingFast.toFixed(0)} ms`,
    `${hilbertUnion.toFixed(0)} ms (its union alone)`,
    `${(hilbertUnion / tilingFast).toFixed(2)}× (share of the union)`,
  ],
];
process.stdout.write(
  `machine: ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}${quick ? ' (quick)' : ''}\n`,
);
process.stdout.write(
  `located ${found} of ${points.length} random points in the district's bounding box\n\n`,
);
process.stdout.write('| measurement | size | Xiuhua | baseline | ratio |\n|---|---|---|---|---|\n');
for (const row of rows) process.stdout.write(`| ${row.join(' | ')} |\n`);
