import { describe, expect, it } from 'vitest';
import { createPrng } from '../demo/prng';
import { createGridLocator } from './grid-locator';
import { pointInGeometry } from './point-in-geometry';
import type { AreaGeometry, Position } from './types';

/** A 12 × 9 lattice with jittered shared corners, plus one grid that is a square with a hole
 * and an island in the hole (a MultiPolygon) beside it. */
function irregularGrids(): { code: string; geometry: AreaGeometry }[] {
  const random = createPrng(11);
  const corners = new Map<string, Position>();
  const corner = (i: number, j: number): Position => {
    const key = `${i},${j}`;
    if (!corners.has(key))
      corners.set(key, [i + (random() - 0.5) * 0.4, j + (random() - 0.5) * 0.4]);
    return corners.get(key)!;
  };
  const grids: { code: string; geometry: AreaGeometry }[] = [];
  for (let i = 0; i < 12; i++)
    for (let j = 0; j < 9; j++) {
      const ring = [corner(i, j), corner(i + 1, j), corner(i + 1, j + 1), corner(i, j + 1)];
      grids.push({
        code: `g${i}-${j}`,
        geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]!]] },
      });
    }
  grids.push({
    code: 'holed',
    geometry: {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [20, 0],
            [24, 0],
            [24, 4],
            [20, 4],
            [20, 0],
          ],
          [
            [21, 1],
            [21, 3],
            [23, 3],
            [23, 1],
            [21, 1],
          ],
        ],
        [
          [
            [21.5, 1.5],
            [22.5, 1.5],
            [22.5, 2.5],
            [21.5, 2.5],
            [21.5, 1.5],
          ],
        ],
      ],
    },
  });
  return grids;
}

describe('grid locator', () => {
  it('finds the grid the exact test finds over every grid, edges and corners included', () => {
    const grids = irregularGrids();
    const locator = createGridLocator(grids);
    const random = createPrng(5);
    const points: Position[] = [];
    for (let k = 0; k < 5000; k++) points.push([-1 + random() * 27, -1 + random() * 11]);
    // Points exactly on shared corners and on the hole's edges.
    for (const g of grids.slice(0, 30)) {
      const ring = g.geometry.type === 'Polygon' ? g.geometry.coordinates[0]! : [];
      points.push(...ring);
    }
    points.push([21, 2], [22, 1.5], [22, 2], [20, 2]);
    let inside = 0;
    for (const point of points) {
      const expected = grids.filter((g) => pointInGeometry(point, g.geometry));
      const found = locator.locate(point[0], point[1])?.code;
      // A point exactly on a corner may pass the exact test of two grids; either will do.
      if (expected.length === 0) expect(found).toBeUndefined();
      else expect(expected.map((g) => g.code)).toContain(found);
      if (expected.length) inside++;
    }
    expect(inside).toBeGreaterThan(2000);
    expect(locator.locate(22, 2)?.code).toBe('holed'); // the island
    expect(locator.locate(21.2, 2)?.code).toBeUndefined(); // the hole
    expect(locator.locate(1e6, 1e6)).toBeUndefined();
  });

  it('searches by bounding box and lists every grid', () => {
    const grids = irregularGrids();
    const locator = createGridLocator(grids);
    expect(locator.size).toBe(grids.length);
    expect(locator.all()).toBe(grids);
    expect(locator.search([19.5, -0.5, 25, 5]).map((g) => g.code)).toEqual(['holed']);
    expect(createGridLocator([]).locate(0, 0)).toBeUndefined();
  });
});
