import gcoord from 'gcoord';
import { polygonsOf, geometryOf, type AreaGeometry, type Position } from './types';

/** GCJ-02 (Chinese "Mars" coordinates) → WGS84 for one position. */
export function gcj02ToWgs84Position(position: Position): Position {
  const [lng, lat] = gcoord.transform<[number, number]>(
    [position[0], position[1]],
    gcoord.GCJ02,
    gcoord.WGS84,
  );
  return [lng, lat];
}

/** GCJ-02 → WGS84 for a polygon geometry (e.g. outlines digitised on Chinese web maps). */
export function gcj02ToWgs84(geometry: AreaGeometry): AreaGeometry {
  return geometryOf(
    polygonsOf(geometry).map((polygon) => polygon.map((ring) => ring.map(gcj02ToWgs84Position))),
  );
}
