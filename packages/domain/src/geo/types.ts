/** [longitude, latitude] in degrees (WGS84 unless stated). */
export type Position = [number, number];
export type PolygonGeometry = { type: 'Polygon'; coordinates: Position[][] };
export type MultiPolygonGeometry = { type: 'MultiPolygon'; coordinates: Position[][][] };
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;
/** [minLng, minLat, maxLng, maxLat] */
export type BBox = [number, number, number, number];

/** The polygons of a geometry, each as rings (outer first, then holes). */
export function polygonsOf(geometry: AreaGeometry): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** A geometry from a list of polygons: one → Polygon, several → MultiPolygon. */
export function geometryOf(polygons: Position[][][]): AreaGeometry {
  return polygons.length === 1 && polygons[0]
    ? { type: 'Polygon', coordinates: polygons[0] }
    : { type: 'MultiPolygon', coordinates: polygons };
}
