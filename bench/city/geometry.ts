// A synthetic city of N unit grids of about 100 m × 100 m, tiled without gaps or overlaps:
// a lattice whose shared corners and edge points are jittered (so grids are irregular
// 12-sided polygons, not squares), grouped into streets of 20 × 10 grids and communities of
// 4 × 5 grids, with 15-digit codes under one district. Deterministic by seed.
import type { AreaGeometry, BBox } from '@xiuhua/domain';

export const CITY_DISTRICT = '310110';
const STREET_W = 20; // grids across a street block
const STREET_H = 10;
const COMMUNITY_W = 4;
const COMMUNITY_H = 5;
const GRIDS_PER_STREET = STREET_W * STREET_H;
const FIRST_STREET = 500; // synthetic street codes 310110500…, clear of the real ones
const CELL_M = 100;
const ORIGIN: [number, number] = [121.3, 31.1];

export type CityGrid = {
  code: string;
  streetCode: string;
  communityCode: string;
  geometry: AreaGeometry;
  bbox: BBox;
  centroid: [number, number];
};

export type CityDivision = {
  code: string;
  level: 'street' | 'community';
  name: string;
  parentCode: string;
  outline: AreaGeometry;
  bbox: BBox;
};

export type City = {
  seed: number;
  districtCode: string;
  grids: CityGrid[];
  streets: CityDivision[];
  communities: CityDivision[];
  bbox: BBox;
};

/** A hash of integers to [0, 1): the same lattice point always gets the same jitter. */
function unit(seed: number, a: number, b: number, c: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ a, 0xc2b2ae35) ^ (h >>> 13);
  h = Math.imul(h ^ b, 0x27d4eb2f) ^ (h >>> 15);
  h = Math.imul(h ^ c, 0x165667b1) ^ (h >>> 16);
  h ^= h >>> 15;
  return (h >>> 0) / 4_294_967_296;
}

export function generateCity(options: { grids: number; seed: number }): City {
  const streetCount = Math.max(1, Math.ceil(options.grids / GRIDS_PER_STREET));
  const blocksX = Math.ceil(Math.sqrt(streetCount / 2) * 1.0);
  const dLng = CELL_M / (111_320 * Math.cos((ORIGIN[1] * Math.PI) / 180));
  const dLat = CELL_M / 110_574;
  const seed = options.seed;

  // Lattice corner (i, j), jittered by up to ±20 % of a cell.
  const corner = (i: number, j: number): [number, number] => [
    ORIGIN[0] + (i + (unit(seed, i, j, 1) - 0.5) * 0.4) * dLng,
    ORIGIN[1] + (j + (unit(seed, i, j, 2) - 0.5) * 0.4) * dLat,
  ];
  // Two points on the edge from corner a to corner b, pushed sideways by up to ±8 %; the
  // points of an edge depend only on the edge, so both grids beside it share them.
  const edge = (kind: number, i: number, j: number): [number, number][] => {
    const a = corner(i, j);
    const b = kind === 0 ? corner(i + 1, j) : corner(i, j + 1);
    return [1 / 3, 2 / 3].map((t, k) => {
      const off = (unit(seed, i, j, 10 + kind * 2 + k) - 0.5) * 0.16;
      const x = a[0] + (b[0] - a[0]) * t;
      const y = a[1] + (b[1] - a[1]) * t;
      return kind === 0
        ? ([x, y + off * dLat] as [number, number])
        : ([x + off * dLng, y] as [number, number]);
    });
  };
  // The ring around cells [i0, i0+w) × [j0, j0+h), counter-clockwise, closed.
  const ring = (i0: number, j0: number, w: number, h: number): [number, number][] => {
    const out: [number, number][] = [];
    for (let i = i0; i < i0 + w; i++) out.push(corner(i, j0), ...edge(0, i, j0));
    for (let j = j0; j < j0 + h; j++) out.push(corner(i0 + w, j), ...edge(1, i0 + w, j));
    for (let i = i0 + w; i > i0; i--)
      out.push(corner(i, j0 + h), ...edge(0, i - 1, j0 + h).reverse());
    for (let j = j0 + h; j > j0; j--) out.push(corner(i0, j), ...edge(1, i0, j - 1).reverse());
    out.push(out[0]!);
    return out;
  };
  const boxOf = (coords: readonly [number, number][]): BBox => {
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of coords) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
    return [minX, minY, maxX, maxY];
  };

  const grids: CityGrid[] = [];
  const streets: CityDivision[] = [];
  const communities: CityDivision[] = [];
  for (let s = 0; s < streetCount; s++) {
    const bx = (s % blocksX) * STREET_W;
    const by = Math.floor(s / blocksX) * STREET_H;
    const streetCode = `${CITY_DISTRICT}${FIRST_STREET + s}`;
    const streetRing = ring(bx, by, STREET_W, STREET_H);
    streets.push({
      code: streetCode,
      level: 'street',
      name: `绣花街道${s + 1}`,
      parentCode: CITY_DISTRICT,
      outline: { type: 'Polygon', coordinates: [streetRing] },
      bbox: boxOf(streetRing),
    });
    let c = 0;
    for (let cy = 0; cy < STREET_H / COMMUNITY_H; cy++) {
      for (let cx = 0; cx < STREET_W / COMMUNITY_W; cx++) {
        c++;
        const communityCode = `${streetCode}${String(c).padStart(3, '0')}`;
        const ci = bx + cx * COMMUNITY_W;
        const cj = by + cy * COMMUNITY_H;
        const communityRing = ring(ci, cj, COMMUNITY_W, COMMUNITY_H);
        communities.push({
          code: communityCode,
          level: 'community',
          name: `${s + 1}街道第${c}社区`,
          parentCode: streetCode,
          outline: { type: 'Polygon', coordinates: [communityRing] },
          bbox: boxOf(communityRing),
        });
        let g = 0;
        for (let j = cj; j < cj + COMMUNITY_H; j++) {
          for (let i = ci; i < ci + COMMUNITY_W; i++) {
            g++;
            if (grids.length >= options.grids) continue;
            const cell = ring(i, j, 1, 1);
            const c0 = corner(i, j);
            const c2 = corner(i + 1, j + 1);
            grids.push({
              code: `${communityCode}${String(g).padStart(3, '0')}`,
              streetCode,
              communityCode,
              geometry: { type: 'Polygon', coordinates: [cell] },
              bbox: boxOf(cell),
              centroid: [(c0[0] + c2[0]) / 2, (c0[1] + c2[1]) / 2],
            });
          }
        }
      }
    }
  }
  const bbox = grids.reduce<BBox>(
    (acc, g) => [
      Math.min(acc[0], g.bbox[0]),
      Math.min(acc[1], g.bbox[1]),
      Math.max(acc[2], g.bbox[2]),
      Math.max(acc[3], g.bbox[3]),
    ],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
  return { seed, districtCode: CITY_DISTRICT, grids, streets, communities, bbox };
}
