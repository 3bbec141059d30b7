import { polygonsOf, type AreaGeometry, type Position } from './types';

/**
 * Ray casting with the half-open rule: an edge counts when one end is strictly above the
 * point's latitude and the other at or below it, and the crossing lies strictly east of the
 * point. A point on an edge shared by two adjacent grids therefore falls in exactly one of
 * them (the one to its east or north side consistently), never both.
 */
function inRing(point: Position, ring: readonly Position[]): boolean {
  const [x, y] = point;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] ?? [0, 0];
    const [xj, yj] = ring[j] ?? [0, 0];
    if (yi > y !== yj > y) {
      const crossing = ((xj - xi) * (y - yi)) / (yj - yi) + xi;
      if (x < crossing) inside = !inside;
    }
  }
  return inside;
}

/** Whether a point lies inside a polygon or multipolygon, holes excluded. */
export function pointInGeometry(point: Position, geometry: AreaGeometry): boolean {
  for (const [outer, ...holes] of polygonsOf(geometry)) {
    if (outer && inRing(point, outer) && !holes.some((hole) => inRing(point, hole))) return true;
  }
  return false;
}
