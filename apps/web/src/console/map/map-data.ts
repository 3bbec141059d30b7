import type { FeatureCollection, Geometry as GeoJsonGeometry } from 'geojson';
import { api } from '../../shared/api';

export type GridProps = {
  code: string;
  name: string;
  responsibilityGridCode: string | null;
  responsibilityGridName: string | null;
  openCases: number;
  light: string;
  responsibilityCases?: number;
};
export type CaseProps = {
  id: number;
  caseNumber: string;
  state: string;
  light: string;
  keySupervision: boolean;
};
export type PatrolProps = { userId: number; name: string; kind: 'track' | 'position'; at?: string };
export type ComponentProps = { id: string; name: string; status: string; classId: number };

export type Collection<P> = FeatureCollection<GeoJsonGeometry, P>;
export const empty = <P>(): Collection<P> => ({ type: 'FeatureCollection', features: [] });

type ComponentRow = ComponentProps & { lng: number; lat: number };

/** The map's data calls; each takes the box in view as minLng,minLat,maxLng,maxLat. */
export const mapData = {
  grids: async (bbox: string) => {
    const grids = await api<Collection<GridProps>>('GET', `/api/map/grids?bbox=${bbox}`);
    // A responsibility grid's colour is the sum over its unit grids in view.
    const totals = new Map<string, number>();
    for (const f of grids.features) {
      const code = f.properties.responsibilityGridCode;
      if (code) totals.set(code, (totals.get(code) ?? 0) + f.properties.openCases);
    }
    for (const f of grids.features) {
      const code = f.properties.responsibilityGridCode;
      f.properties.responsibilityCases = code ? (totals.get(code) ?? 0) : f.properties.openCases;
    }
    return grids;
  },
  cases: (bbox: string) => api<Collection<CaseProps>>('GET', `/api/map/cases?bbox=${bbox}`),
  patrols: (day: string) =>
    api<Collection<PatrolProps>>('GET', `/api/map/patrols?day=${encodeURIComponent(day)}`),
  components: async (bbox: string): Promise<Collection<ComponentProps>> => {
    const page = await api<{ items: ComponentRow[] }>(
      'GET',
      `/api/components?bbox=${bbox}&pageSize=1000`,
    );
    return {
      type: 'FeatureCollection',
      features: page.items.map(({ lng, lat, id, name, status, classId }) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [lng, lat] },
        properties: { id, name, status, classId },
      })),
    };
  },
};

const SEVERITY: Record<string, number> = { red: 0, yellow: 1, green: 2 };

/** Cases for the side list: worst light first, then by case number. */
export function casesForList(cases: Collection<CaseProps>, limit: number): CaseProps[] {
  return cases.features
    .map((f) => f.properties)
    .sort(
      (a, b) =>
        (SEVERITY[a.light] ?? 3) - (SEVERITY[b.light] ?? 3) ||
        a.caseNumber.localeCompare(b.caseNumber),
    )
    .slice(0, limit);
}
