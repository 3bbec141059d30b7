import type { FeatureCollection, Point } from 'geojson';
import type {
  CircleLayerSpecification,
  ExpressionSpecification,
  HeatmapLayerSpecification,
} from 'maplibre-gl';
import type { HeatPoint } from './analytics-api';

export const HEAT_SOURCE = 'hotspot-cells';
/** From this zoom on the cells show as circles (a heat blur says little at street level). */
const CELLS_FROM_ZOOM = 15;
const EARTH_CIRCUMFERENCE_M = 40_075_016.686;
const ZOOM_STOPS = [8, 10, 12, 14, 16, 18];
const RAMP = ['#fde2c8', '#f8a65b', '#e8591a', '#c0392b', '#7f1d1d'] as const;

export function heatCollection(points: HeatPoint[]): FeatureCollection<Point, { weight: number }> {
  return {
    type: 'FeatureCollection',
    features: points.map((p) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [p.lng, p.lat] },
      properties: { weight: p.weight },
    })),
  };
}

/** Pixels a length of `metres` covers at `zoom` and latitude `lat` (512-pixel tiles). */
export function pixelsFor(metres: number, zoom: number, lat: number): number {
  const metresPerPixel =
    (EARTH_CIRCUMFERENCE_M * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
  return metres / metresPerPixel;
}

/** `['interpolate', linear, zoom, z1, f(z1), …]` with f given per zoom stop. */
function byZoom(f: (zoom: number) => number): ExpressionSpecification {
  return [
    'interpolate',
    ['linear'],
    ['zoom'],
    ...ZOOM_STOPS.flatMap((z) => [z, Math.round(f(z) * 10) / 10]),
  ] as ExpressionSpecification;
}

/**
 * The heat layer (each cell weighted by its share of the heaviest, blurred over about one and a
 * half cells, at least 10 px) and, when zoomed in, one circle per cell sized to the cell.
 */
export function heatLayers(
  maxWeight: number,
  cellM: number,
  lat: number,
): [HeatmapLayerSpecification, CircleLayerSpecification] {
  const heaviest = Math.max(1, maxWeight);
  const weight: ExpressionSpecification = ['/', ['get', 'weight'], heaviest];
  return [
    {
      id: 'hotspot-heat',
      type: 'heatmap',
      source: HEAT_SOURCE,
      paint: {
        'heatmap-weight': weight,
        'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 8, 1, 16, 2],
        'heatmap-radius': byZoom((z) =>
          Math.min(240, Math.max(10, pixelsFor(1.5 * cellM, z, lat))),
        ),
        'heatmap-color': [
          'interpolate',
          ['linear'],
          ['heatmap-density'],
          0,
          'rgba(253,226,200,0)',
          0.15,
          RAMP[0],
          0.35,
          RAMP[1],
          0.55,
          RAMP[2],
          0.8,
          RAMP[3],
          1,
          RAMP[4],
        ],
        'heatmap-opacity': [
          'interpolate',
          ['linear'],
          ['zoom'],
          CELLS_FROM_ZOOM,
          0.85,
          CELLS_FROM_ZOOM + 2,
          0.2,
        ],
      },
    },
    {
      id: 'hotspot-cells',
      type: 'circle',
      source: HEAT_SOURCE,
      minzoom: CELLS_FROM_ZOOM - 1,
      paint: {
        'circle-radius': byZoom((z) => Math.max(3, pixelsFor(cellM / 2, z, lat))),
        'circle-color': [
          'step',
          weight,
          RAMP[0],
          0.2,
          RAMP[1],
          0.4,
          RAMP[2],
          0.6,
          RAMP[3],
          0.8,
          RAMP[4],
        ],
        'circle-opacity': [
          'interpolate',
          ['linear'],
          ['zoom'],
          CELLS_FROM_ZOOM - 1,
          0,
          CELLS_FROM_ZOOM,
          0.75,
        ],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
      },
    },
  ];
}

/** The box around the points, or null without any. */
export function pointsBounds(points: HeatPoint[]): [[number, number], [number, number]] | null {
  if (points.length === 0) return null;
  const lngs = points.map((p) => p.lng);
  const lats = points.map((p) => p.lat);
  return [
    [Math.min(...lngs), Math.min(...lats)],
    [Math.max(...lngs), Math.max(...lats)],
  ];
}
