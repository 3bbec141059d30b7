import * as polygonClipping from 'polyclip-ts';
import { bboxOf, centroidOf, geodesicAreaM2 } from '../geo/measures';
import { pointInGeometry } from '../geo/point-in-geometry';
import { geometryOf, polygonsOf, type AreaGeometry, type Position } from '../geo/types';

export type LatticeCell = {
  row: number;
  col: number;
  geometry: AreaGeometry;
  centroid: Position;
  areaM2: number;
};

const METRES_PER_DEGREE = 111_320;

/** Drops consecutive repeated positions that rounding can create. */
function dedupe(ring: Position[]): Position[] {
  return ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1]?.[0] || p[1] !== ring[i - 1]?.[1]);
}
/** Clipped pieces smaller than this share of a full cell are merged into a neighbour. */
const SLIVER_SHARE = 0.05;

/**
 * A lattice of roughly `cellSizeM` squares over the outline's bounding box (a local
 * equirectangular projection at mid-latitude), clipped to the outline. Cell corners come
 * from one formula, so neighbours share edges exactly; slivers are merged into a neighbour.
 */
export function buildLattice(outline: AreaGeometry, cellSizeM: number): LatticeCell[] {
  const [minLng, minLat, maxLng, maxLat] = bboxOf(outline);
  const midLat = (minLat + maxLat) / 2;
  const dLat = cellSizeM / METRES_PER_DEGREE;
  const dLng = cellSizeM / (METRES_PER_DEGREE * Math.cos((midLat * Math.PI) / 180));
  const cols = Math.ceil((maxLng - minLng) / dLng);
  const rows = Math.ceil((maxLat - minLat) / dLat);
  // Rounded to 1e-7° (about 1 cm) so that neighbours share bit-identical corners.
  const round = (value: number) => Math.round(value * 1e7) / 1e7;
  const lng = (col: number) => round(minLng + col * dLng);
  const lat = (row: number) => round(maxLat - row * dLat); // row 0 is the northernmost
  const outlineVertices = polygonsOf(outline).flatMap((p) => p.flatMap((ring) => ring));
  const outlineClip = polygonsOf(outline);

  const kept = new Map<string, { row: number; col: number; polygons: Position[][][] }>();
  const slivers: { row: number; col: number; polygons: Position[][][] }[] = [];
  let fullArea = 0;
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const square: Position[] = [
        [lng(col), lat(row + 1)],
        [lng(col + 1), lat(row + 1)],
        [lng(col + 1), lat(row)],
        [lng(col), lat(row)],
        [lng(col), lat(row + 1)],
      ];
      const squareGeometry: AreaGeometry = { type: 'Polygon', coordinates: [square] };
      const cornersInside = square.slice(0, 4).every((corner) => pointInGeometry(corner, outline));
      const touchesEdge = outlineVertices.some(
        ([x, y]) => x > lng(col) && x < lng(col + 1) && y > lat(row + 1) && y < lat(row),
      );
      let polygons: Position[][][];
      if (cornersInside && !touchesEdge) polygons = [[square]];
      else {
        polygons = polygonClipping.intersection([[square]], outlineClip);
        if (polygons.length === 0) continue;
      }
      if (fullArea === 0) fullArea = geodesicAreaM2(squareGeometry);
      const area = geodesicAreaM2(geometryOf(polygons));
      if (area < fullArea * SLIVER_SHARE) slivers.push({ row, col, polygons });
      else kept.set(`${row}:${col}`, { row, col, polygons });
    }
  }
  for (const sliver of slivers) {
    const neighbour = [
      [0, -1],
      [0, 1],
      [-1, 0],
      [1, 0],
    ]
      .map(([dr = 0, dc = 0]) => kept.get(`${sliver.row + dr}:${sliver.col + dc}`))
      .find((cell) => cell !== undefined);
    if (neighbour) neighbour.polygons = polygonClipping.union(neighbour.polygons, sliver.polygons);
    else kept.set(`${sliver.row}:${sliver.col}`, sliver);
  }
  return [...kept.values()].map(({ row, col, polygons }) => {
    const geometry = geometryOf(
      polygons.map((polygon) =>
        polygon.map((ring) => dedupe(ring.map(([x, y]): Position => [round(x), round(y)]))),
      ),
    );
    return { row, col, geometry, centroid: centroidOf(geometry), areaM2: geodesicAreaM2(geometry) };
  });
}
