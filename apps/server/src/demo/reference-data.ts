import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DemoSources } from '@xiuhua/core';

/** data/reference/ at the repository root: reference data shipped with the product. */
export const REFERENCE_DIR = fileURLToPath(new URL('../../../../data/reference/', import.meta.url));

export function readDemoSources(dir: string = REFERENCE_DIR): DemoSources {
  const read = (name: string) => readFileSync(`${dir}/${name}`, 'utf8');
  return {
    districtsGeoJson: read('shanghai-districts.geojson'),
    streetsCsv: read('shanghai-streets.csv'),
    communitiesCsv: read('yangpu-communities.csv'),
    gbt2026ClassesCsv: read('gbt47678.5-2026-classes.csv'),
    legacyClassesCsv: read('legacy-cjt214-classes.csv'),
    holidaysCsv: read('china-holidays-2026.csv'),
  };
}
