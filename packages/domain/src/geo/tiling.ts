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

/** Unions many polygons pairwise in a balanced tree, neighbours first, so pieces stay small. */
export function unionAll(cells: readonly AreaGeometry[]): ClipMulti {
  const ordered = cells
    .map((geometry) => ({ geometry, c: centroidOf(geometry) }))
    .sort((p, q) => p.c[1] - q.c[1] || p.c[0] - q.c[0])
    .map((p) => asClip(p.geometry));
  let level: ClipMulti[] = ordered;
  if (level.length === 0) return [];
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
 * The union (the expensive part) is only built when it can matter: with no overlaps and no
 * parts outside, the uncovered area is exactly boundary − Σ cell areas, so when that is within
 * the tolerance no gap can exceed it.
 */
export function validateTiling(input: {
  cells: readonly TilingCell[];
  boundary?: AreaGeometry;
  toleranceM2?: number;
}): TilingReport {
  const tolerance = input.toleranceM2 ?? 1;
  const { cells } = input;
  const overlaps = findOverlaps(cells, tolerance);
  const areas = cells.map((c) => geodesicAreaM2(c.geometry));
  const sumAreas = areas.reduce((a, b) => a + b, 0);
  const boundary = input.boundary;
  const outside = boundary ? findOutside(cells, boundary, tolerance) : [];
  const boundaryAreaM2 = boundary ? geodesicAreaM2(boundary) : 0;
  const outsideArea = outside.reduce((sum, o) => sum + o.areaM2, 0);
  const mayHaveGaps =
    boundary !== undefined && boundaryAreaM2 - (sumAreas - outsideArea) > tolerance;
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

/** Pairs of cells sharing more than `tolerance` m²; pairs whose boxes only touch are skipped. */
function findOverlaps(cells: readonly TilingCell[], tolerance: number): TilingReport['overlaps'] {
  const overlaps: TilingReport['overlaps'] = [];
  if (cells.length === 0) return overlaps;
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
      if (areaM2 > tolerance) overlaps.push({ a: a.id, b: b.id, areaM2, bbox: bboxOf(geometry) });
    }
  });
  return overlaps;
}

/** Cells with more than `tolerance` m² outside the boundary; only cells near its edge are clipped. */
function findOutside(
  cells: readonly TilingCell[],
  boundary: AreaGeometry,
  tolerance: number,
): TilingReport['outside'] {
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
    if (areaM2 > tolerance) outside.push({ id: cell.id, areaM2 });
  }
  return outside;
}
