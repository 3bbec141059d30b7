import type { Geometry } from './api';

type Ring = number[][];

function inRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function polygons(g: Geometry): Ring[][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** Whether a point lies in a (multi)polygon: outer ring in, holes out. */
export function contains(g: Geometry, lng: number, lat: number): boolean {
  return polygons(g).some(
    ([outer, ...holes]) =>
      outer !== undefined && inRing(lng, lat, outer) && !holes.some((h) => inRing(lng, lat, h)),
  );
}

export type View = { minX: number; minY: number; maxX: number; maxY: number; k: number };

/** An equirectangular view fitted to the grids (metres are not needed to draw a few km²). */
export function fitView(geometries: readonly Geometry[]): View | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const g of geometries)
    for (const poly of polygons(g))
      for (const ring of poly)
        for (const [x = 0, y = 0] of ring) {
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
        }
  if (!Number.isFinite(minX)) return null;
  return { minX, minY, maxX, maxY, k: Math.cos((((minY + maxY) / 2) * Math.PI) / 180) };
}

export function project(view: View, lng: number, lat: number, size: number): [number, number] {
  const w = (view.maxX - view.minX) * view.k || 1e-9;
  const h = view.maxY - view.minY || 1e-9;
  const scale = size / Math.max(w, h);
  return [(lng - view.minX) * view.k * scale, (view.maxY - lat) * scale];
}

export function pathOf(view: View, g: Geometry, size: number): string {
  return polygons(g)
    .flatMap((poly) =>
      poly.map(
        (ring) =>
          ring
            .map(([x = 0, y = 0], i) => {
              const [px, py] = project(view, x, y, size);
              return `${i === 0 ? 'M' : 'L'}${px.toFixed(1)},${py.toFixed(1)}`;
            })
            .join('') + 'Z',
      ),
    )
    .join('');
}

/** Screen position in the fitted view back to longitude and latitude. */
export function unproject(view: View, x: number, y: number, size: number): [number, number] {
  const w = (view.maxX - view.minX) * view.k || 1e-9;
  const h = view.maxY - view.minY || 1e-9;
  const scale = size / Math.max(w, h);
  return [view.minX + x / scale / view.k, view.maxY - y / scale];
}
