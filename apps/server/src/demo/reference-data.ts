import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DemoSources } from '@xiuhua/core';

/** data/reference/ at the repository root: reference data shipped with the product. */
export const REFERENCE_DIR = fileURLToPath(new URL('../../../../data/reference', import.meta.url));

/**
 * The demo's reference files, plus the generator's shipped output when present (a test
 * checks that it equals a fresh run of the generator).
 */
export function readDemoSources(
  options: { dir?: string; withPrecomputed?: boolean } = {},
): DemoSources {
  const dir = options.dir ?? REFERENCE_DIR;
  const read = (name: string) => readFileSync(`${dir}/${name}`, 'utf8');
  const precomputed = `${dir}/demo-yangpu-district.json`;
  return {
    districtsGeoJson: read('shanghai-districts.geojson'),
    streetsCsv: read('shanghai-streets.csv'),
    communitiesCsv: read('yangpu-communities.csv'),
    gbt2026ClassesCsv: read('gbt47678.5-2026-classes.csv'),
    legacyClassesCsv: read('legacy-cjt214-classes.csv'),
    holidaysCsv: read('china-holidays-2026.csv'),
    ...(options.withPrecomputed !== false && existsSync(precomputed)
      ? { precomputedDistrict: JSON.parse(read('demo-yangpu-district.json')) as unknown }
      : {}),
  };
}
