import Flatbush from 'flatbush';
import * as polygonClipping from 'polyclip-ts';

type ClipMulti = [number, number][][][];
import { bboxOf, centroidOf, geodesicAreaM2 } from './measures';
import { pointInGeometry } from './point-in-geometry';
import { polygonsOf, type AreaGeometry, type BBox, type Position } from './types';

export type TilingCell = { id: string; geometry: AreaGeometry };
export type TilingReport = {
  overlaps: { a: string; b: string; areaM2: number; bbox: BBox }[];
  gaps: { areaM2: number; bbox: BBox; centroid: Position }[];
  outside: { id: string; areaM2: number }[];
  coveredAreaM2: number;
  boundaryAreaM2: number;
};

/**
 * polygon-clipping fails on points that differ in the 14th digit; snapping every input to a
 * 1e-9° grid (0.1 mm) keeps shared edges shared without moving anything that matters.
 */
const SNAP = 1e9;
const snap = (value: number) => Math.round(value * SNAP) / SNAP;
const asClip = (geometry: AreaGeometry): ClipMulti =>
  polygonsOf(geometry).map((polygon) =>
    polygon.map((ring) => ring.map(([x, y]): [number, number] => [snap(x), snap(y)])),
  );
const snapMulti = (multi: ClipMulti): ClipMulti =>
  multi.map((polygon) =>
    polygon.map((ring) => ring.map(([x, y]): [number, number] => [snap(x), snap(y)])),
  );
const asGeometry = (multi: ClipMulti): AreaGeometry => ({
  type: 'MultiPolygon',
  coordinates: multi,
});

/** Position of (x, y) on a Hilbert curve filling a 2^16 × 2^16 square (x, y in 0..65535). */
function hilbertIndex(x: number, y: number): number {
  let index = 0;
  let rx: number;
  let ry: number;
  for (let s = 1 << 15; s > 0; s >>= 1) {
    rx = (x & s) > 0 ? 1 : 0;
    ry = (y & s) > 0 ? 1 : 0;
    index += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      [x, y] = [y, x];
    }
  }
  return index;
}

/**
 * Unions many polygons pairwise in a balanced tree. Cells are ordered along a Hilbert curve, so
 * every merge joins compact neighbouring blocks and the pieces' outlines stay short.
 */
export function unionAll(cells: readonly AreaGeometry[]): ClipMulti {
  if (cells.length === 0) return [];
  const centroids = cells.map((geometry) => centroidOf(geometry));
  const xs = centroids.map((c) => c[0]);
  const ys = centroids.map((c) => c[1]);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const span = Math.max(Math.max(...xs) - minX, Math.max(...ys) - minY) || 1;
  const cellOf = (v: number, min: number) =>
    Math.min(65535, Math.floor(((v - min) / span) * 65536));
  let level: ClipMulti[] = cells
    .map((geometry, i) => {
      const [x, y] = centroids[i] ?? [0, 0];
      return { geometry, key: hilbertIndex(cellOf(x, minX), cellOf(y, minY)) };
    })
    .sort((p, q) => p.key - q.key)
    .map((p) => asClip(p.geometry));
  while (level.length > 1) {
    const next: ClipMulti[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const a = level[i];
      const b = level[i + 1];
      if (a && b) next.push(snapMulti(polygonClipping.union(a, b)));
      else if (a) next.push(a);
    }
    level = next;
  }
  return level[0] ?? [];
}

/**
 * Checks that cells tile an area: overlaps between cells (candidates from a spatial index,
 * areas from exact intersection), gaps inside the boundary not covered by any cell, and
 * parts of cells outside the boundary. Pieces smaller than `toleranceM2` are ignored.
 *
 * The union (the expensive part) is only built when it can matter. The area inside the boundary
 * covered by the cells is at least Σ cell areas − Σ parts outside − Σ pairwise overlaps (every
 * piece counted, including those under the tolerance), so the total uncovered area is at most
 * boundary − that; when this bound is within the tolerance no gap can exceed it.
 */
export function validateTiling(input: {
  cells: readonly TilingCell[];
  boundary?: AreaGeometry;
  toleranceM2?: number;
}): TilingReport {
  const tolerance = input.toleranceM2 ?? 1;
  const { cells } = input;
  const { overlaps, totalM2: overlapTotal } = findOverlaps(cells, tolerance);
  const areas = cells.map((c) => geodesicAreaM2(c.geometry));
  const sumAreas = areas.reduce((a, b) => a + b, 0);
  const boundary = input.boundary;
  const { outside, totalM2: outsideTotal } = boundary
    ? findOutside(cells, boundary, tolerance)
    : { outside: [], totalM2: 0 };
  const boundaryAreaM2 = boundary ? geodesicAreaM2(boundary) : 0;
  const coveredAtLeast = sumAreas - outsideTotal - overlapTotal;
  const mayHaveGaps = boundary !== undefined && boundaryAreaM2 - coveredAtLeast > tolerance;
  if (overlaps.length === 0 && !mayHaveGaps) {
    return { overlaps, gaps: [], outside, coveredAreaM2: sumAreas, boundaryAreaM2 };
  }
  const union = unionAll(cells.map((c) => c.geometry));
  const coveredAreaM2 = union.length > 0 ? geodesicAreaM2(asGeometry(union)) : 0;
  if (!boundary) return { overlaps, gaps: [], outside, coveredAreaM2, boundaryAreaM2 };
  const boundaryClip = asClip(boundary);
  const gaps = (union.length > 0 ? polygonClipping.difference(boundaryClip, union) : boundaryClip)
    .map((polygon) => {
      const geometry: AreaGeometry = { type: 'Polygon', coordinates: polygon };
      return {
        areaM2: geodesicAreaM2(geometry),
        bbox: bboxOf(geometry),
        centroid: centroidOf(geometry),
      };
    })
    .filter((gap) => gap.areaM2 > tolerance);
  return { overlaps, gaps, outside, coveredAreaM2, boundaryAreaM2 };
}

/**
 * Pairs of cells sharing more than `tolerance` m² (pairs whose boxes only touch are skipped),
 * and the total shared area of all pairs, including those under the tolerance.
 */
function findOverlaps(
  cells: readonly TilingCell[],
  tolerance: number,
): { overlaps: TilingReport['overlaps']; totalM2: number } {
  const overlaps: TilingReport['overlaps'] = [];
  let totalM2 = 0;
  if (cells.length === 0) return { overlaps, totalM2 };
  const index = new Flatbush(cells.length);
  const boxes = cells.map((cell) => bboxOf(cell.geometry));
  for (const [minX, minY, maxX, maxY] of boxes) index.add(minX, minY, maxX, maxY);
  index.finish();
  boxes.forEach((box, i) => {
    for (const j of index.search(box[0], box[1], box[2], box[3])) {
      const other = boxes[j];
      if (j <= i || !other) continue;
      // Boxes meeting only along an edge or a corner cannot share area.
      if (
        Math.min(box[2], other[2]) - Math.max(box[0], other[0]) <= 0 ||
        Math.min(box[3], other[3]) - Math.max(box[1], other[1]) <= 0
      )
        continue;
      const a = cells[i];
      const b = cells[j];
      if (!a || !b) continue;
      const shared = polygonClipping.intersection(asClip(a.geometry), asClip(b.geometry));
      if (shared.length === 0) continue;
      const geometry = asGeometry(shared);
      const areaM2 = geodesicAreaM2(geometry);
      totalM2 += areaM2;
      if (areaM2 > tolerance) overlaps.push({ a: a.id, b: b.id, areaM2, bbox: bboxOf(geometry) });
    }
  });
  return { overlaps, totalM2 };
}

/**
 * Cells with more than `tolerance` m² outside the boundary, and the total outside area of all
 * cells (including pieces under the tolerance); only cells near the boundary's edge are clipped.
 */
function findOutside(
  cells: readonly TilingCell[],
  boundary: AreaGeometry,
  tolerance: number,
): { outside: TilingReport['outside']; totalM2: number } {
  let totalM2 = 0;
  const boundaryClip = asClip(boundary);
  const boundaryVertices = polygonsOf(boundary).flatMap((polygon) => polygon[0] ?? []);
  const outside: TilingReport['outside'] = [];
  for (const cell of cells) {
    const [minX, minY, maxX, maxY] = bboxOf(cell.geometry);
    const vertices = polygonsOf(cell.geometry).flatMap((polygon) => polygon[0] ?? []);
    const nearEdge =
      vertices.some((v) => !pointInGeometry(v, boundary)) ||
      boundaryVertices.some(([x, y]) => x >= minX && x <= maxX && y >= minY && y <= maxY);
    if (!nearEdge) continue;
    const beyond = polygonClipping.difference(asClip(cell.geometry), boundaryClip);
    if (beyond.length === 0) continue;
    const areaM2 = geodesicAreaM2(asGeometry(beyond));
    totalM2 += areaM2;
    if (areaM2 > tolerance) outside.push({ id: cell.id, areaM2 });
  }
  return { outside, totalM2 };
}
