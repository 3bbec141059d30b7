import { polygonsOf, type AreaGeometry, type BBox, type Position } from './types';

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Signed area (m²) of a ring on the sphere; positive for counter-clockwise rings. */
function ringAreaM2(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [lng1, lat1] = ring[i] ?? [0, 0];
    const [lng2, lat2] = ring[i + 1] ?? [0, 0];
    sum += (lng2 - lng1) * RAD * (2 + Math.sin(lat1 * RAD) + Math.sin(lat2 * RAD));
  }
  return (sum * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2;
}

/** Area in m² on the sphere (outer rings minus holes), independent of ring orientation. */
export function geodesicAreaM2(geometry: AreaGeometry): number {
  let total = 0;
  for (const [outer, ...holes] of polygonsOf(geometry)) {
    if (!outer) continue;
    total +=
      Math.abs(ringAreaM2(outer)) -
      holes.reduce((sum, hole) => sum + Math.abs(ringAreaM2(hole)), 0);
  }
  return total;
}

export function bboxOf(geometry: AreaGeometry): BBox {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  for (const polygon of polygonsOf(geometry)) {
    for (const [lng, lat] of polygon[0] ?? []) {
      if (lng < minLng) minLng = lng;
      if (lng > maxLng) maxLng = lng;
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
    }
  }
  return [minLng, minLat, maxLng, maxLat];
}

/** Area-weighted centroid (planar in degrees, exact enough for grid-sized shapes). */
export function centroidOf(geometry: AreaGeometry): Position {
  let area = 0;
  let x = 0;
  let y = 0;
  for (const polygon of polygonsOf(geometry)) {
    polygon.forEach((ring, index) => {
      const sign = index === 0 ? 1 : -1;
      let ringArea = 0;
      let cx = 0;
      let cy = 0;
      for (let i = 0; i < ring.length - 1; i++) {
        const [x1, y1] = ring[i] ?? [0, 0];
        const [x2, y2] = ring[i + 1] ?? [0, 0];
        const cross = x1 * y2 - x2 * y1;
        ringArea += cross;
        cx += (x1 + x2) * cross;
        cy += (y1 + y2) * cross;
      }
      // Orientation-independent: weight by |area| with the ring's own centroid.
      if (ringArea === 0) return;
      const a = Math.abs(ringArea / 2) * sign;
      area += a;
      x += (cx / (3 * ringArea)) * a;
      y += (cy / (3 * ringArea)) * a;
    });
  }
  if (area === 0) {
    const [minLng, minLat, maxLng, maxLat] = bboxOf(geometry);
    return [(minLng + maxLng) / 2, (minLat + maxLat) / 2];
  }
  return [x / area, y / area];
}

/** Great-circle distance in metres. */
export function distanceM(a: Position, b: Position): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLng = (b[0] - a[0]) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
