import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';

/** The console's light colours (the same as the case list's dots). */
export const LIGHT_COLOURS = { green: '#1e8e3e', yellow: '#f4b400', red: '#d93025' } as const;
export const COMPONENT_STATUS_COLOURS = {
  intact: '#5470c6',
  damaged: '#ee6666',
  lost: '#9a60b4',
  scrapped: '#909399',
  removed: '#c0c4cc',
} as const;

export type GridColouring = 'cases' | 'light' | 'responsibility';

/** Below this zoom the map shows no grids (a district holds thousands) — only outlines and cases. */
export const GRID_MIN_ZOOM = 13;
/** Components are many; they are fetched only for a street-level view. */
export const COMPONENT_MIN_ZOOM = 16;
export const CLUSTER_MAX_ZOOM = 15;

const lightColour: ExpressionSpecification = [
  'match',
  ['get', 'light'],
  'red',
  LIGHT_COLOURS.red,
  'yellow',
  LIGHT_COLOURS.yellow,
  'green',
  LIGHT_COLOURS.green,
  '#ffffff',
];

const casesColour = (property: string): ExpressionSpecification => [
  'step',
  ['get', property],
  '#ffffff',
  1,
  '#fde2c8',
  3,
  '#f8a65b',
  6,
  '#e8591a',
  10,
  '#a83208',
];

/** Fill colour of a unit grid for the chosen colouring. */
export function gridFill(colouring: GridColouring): ExpressionSpecification {
  if (colouring === 'light') return lightColour;
  if (colouring === 'responsibility') return casesColour('responsibilityCases');
  return casesColour('openCases');
}

export function gridLayers(colouring: GridColouring): LayerSpecification[] {
  return [
    {
      id: 'grid-fill',
      type: 'fill',
      source: 'grids',
      paint: { 'fill-color': gridFill(colouring), 'fill-opacity': 0.55 },
    },
    {
      id: 'grid-line',
      type: 'line',
      source: 'grids',
      paint: {
        'line-color': '#5b6b7b',
        // Responsibility grids read as one area: their unit grids' borders fade.
        'line-width': colouring === 'responsibility' ? 0.2 : 0.6,
      },
    },
  ];
}

export const caseLayers: LayerSpecification[] = [
  {
    id: 'case-cluster',
    type: 'circle',
    source: 'cases',
    filter: ['has', 'point_count'],
    paint: {
      'circle-color': '#2f6fdb',
      'circle-opacity': 0.85,
      'circle-radius': ['step', ['get', 'point_count'], 14, 10, 18, 50, 24, 200, 30],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  },
  {
    id: 'case-point',
    type: 'circle',
    source: 'cases',
    filter: ['!', ['has', 'point_count']],
    paint: {
      'circle-color': lightColour,
      'circle-radius': 8,
      'circle-stroke-color': ['case', ['get', 'keySupervision'], '#7b1fa2', '#ffffff'],
      'circle-stroke-width': ['case', ['get', 'keySupervision'], 3, 1.5],
    },
  },
];

export const componentLayers: LayerSpecification[] = [
  {
    id: 'component-point',
    type: 'circle',
    source: 'components',
    paint: {
      'circle-color': [
        'match',
        ['get', 'status'],
        ...Object.entries(COMPONENT_STATUS_COLOURS).flat(),
        '#909399',
      ] as unknown as ExpressionSpecification,
      'circle-radius': 4,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1,
    },
  },
];

export const patrolLayers: LayerSpecification[] = [
  {
    id: 'patrol-track',
    type: 'line',
    source: 'patrols',
    filter: ['==', ['get', 'kind'], 'track'],
    paint: { 'line-color': '#0f9d9a', 'line-width': 2.5, 'line-opacity': 0.8 },
  },
  {
    id: 'patrol-position',
    type: 'circle',
    source: 'patrols',
    filter: ['==', ['get', 'kind'], 'position'],
    paint: {
      'circle-color': '#0f9d9a',
      'circle-radius': 7,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  },
];
