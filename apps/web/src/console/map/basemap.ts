import type { StyleSpecification } from 'maplibre-gl';
import type { Geometry } from '../../shared/api';

export type MapConfig = {
  tileUrl: string | null;
  districts: {
    code: string;
    name: string;
    outline: Geometry | null;
    bbox: [number, number, number, number] | null;
  }[];
  places: { code: string; name: string; level: string; lng: number; lat: number }[];
};
export type Outline = { code: string; name: string; outline: Geometry | null };

const collection = (items: Outline[]) => ({
  type: 'FeatureCollection' as const,
  features: items.flatMap((d) =>
    d.outline
      ? [
          {
            type: 'Feature' as const,
            geometry: d.outline,
            properties: { code: d.code, name: d.name },
          },
        ]
      : [],
  ),
});

/**
 * A basemap that needs no internet: a plain background with the district and street outlines
 * from our own divisions; a deployment's raster tiles (XIUHUA_TILE_URL) go underneath when set.
 * No text layers: the offline basemap has no glyph server; labels are HTML markers.
 */
const THEMES = {
  light: { background: '#eef1f4', land: '#ffffff', street: '#8a96a3', district: '#34495e' },
  dark: { background: '#06121f', land: '#0b2036', street: '#1f4b6e', district: '#3fa7d6' },
} as const;

export function basemapStyle(
  config: MapConfig,
  streets: Outline[],
  theme: keyof typeof THEMES = 'light',
): StyleSpecification {
  const colours = THEMES[theme];
  const style: StyleSpecification = {
    version: 8,
    sources: {
      districts: { type: 'geojson', data: collection(config.districts) },
      streets: { type: 'geojson', data: collection(streets) },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': colours.background } },
    ],
  };
  if (config.tileUrl) {
    style.sources.tiles = { type: 'raster', tiles: [config.tileUrl], tileSize: 256 };
    style.layers.push({ id: 'tiles', type: 'raster', source: 'tiles' });
  }
  style.layers.push(
    {
      id: 'district-fill',
      type: 'fill',
      source: 'districts',
      paint: { 'fill-color': colours.land, 'fill-opacity': config.tileUrl ? 0 : 0.9 },
    },
    {
      id: 'street-line',
      type: 'line',
      source: 'streets',
      paint: { 'line-color': colours.street, 'line-width': 1.2, 'line-dasharray': [4, 2] },
    },
    {
      id: 'district-line',
      type: 'line',
      source: 'districts',
      paint: { 'line-color': colours.district, 'line-width': 2.5 },
    },
  );
  return style;
}

/** The box that holds every district, for the first view. */
export function districtsBounds(config: MapConfig): [[number, number], [number, number]] | null {
  const boxes = config.districts.flatMap((d) => (d.bbox ? [d.bbox] : []));
  if (boxes.length === 0) return null;
  return [
    [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1]))],
    [Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))],
  ];
}
