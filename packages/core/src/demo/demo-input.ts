import {
  gcj02ToWgs84,
  parseClassCsv,
  parseCsv,
  type AreaGeometry,
  type DemoDistrictInput,
} from '@xiuhua/domain';

export const DEMO_DISTRICT_CODE = '310110';
export const DEMO_SEED = 20261122;
export const DEMO_COMPONENT_COUNT = 400;

/** The reference files the demo is built from (read by the caller from data/reference/). */
export type DemoSources = {
  districtsGeoJson: string;
  streetsCsv: string;
  communitiesCsv: string;
  gbt2026ClassesCsv: string;
  legacyClassesCsv: string;
  holidaysCsv: string;
  /** The generator's output for these sources, shipped to save start-up time (checked by a test). */
  precomputedDistrict?: unknown;
};

export function csvRecords(text: string): Record<string, string>[] {
  const { header, rows } = parseCsv(text);
  return rows.map((row) =>
    Object.fromEntries(header.map((name, i) => [name, row.values[i] ?? ''])),
  );
}

/** The demo outline in WGS84: the reference outline is close to GCJ-02. */
export function demoOutline(sources: Pick<DemoSources, 'districtsGeoJson'>): AreaGeometry {
  const collection = JSON.parse(sources.districtsGeoJson) as {
    features: { properties: { adcode?: string }; geometry: AreaGeometry }[];
  };
  const feature = collection.features.find((f) => f.properties.adcode === DEMO_DISTRICT_CODE);
  if (!feature) throw new Error(`the districts file has no ${DEMO_DISTRICT_CODE}`);
  return gcj02ToWgs84(feature.geometry);
}

/** Everything the demo generator needs, derived from the reference files alone. */
export function demoGeneratorInput(sources: DemoSources): DemoDistrictInput {
  const streets = csvRecords(sources.streetsCsv)
    .filter((row) => (row.code ?? '').startsWith(DEMO_DISTRICT_CODE))
    .map((row) => ({ code: row.code ?? '', name: row.name ?? '' }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const communities = csvRecords(sources.communitiesCsv).map((row) => ({
    code: row.code ?? '',
    name: row.name ?? '',
    streetCode: row.streetCode ?? '',
  }));
  const componentClasses = parseClassCsv(sources.gbt2026ClassesCsv, 'GB/T 47678.5-2026')
    .rows.filter((row) => row.kind === 'component')
    .map((row) => ({ code: row.code, name: row.name }));
  return {
    outline: demoOutline(sources),
    districtCode: DEMO_DISTRICT_CODE,
    streets,
    communities,
    seed: DEMO_SEED,
    componentCount: DEMO_COMPONENT_COUNT,
    componentClasses,
  };
}
