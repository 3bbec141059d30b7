import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { demoGeneratorInput, type DemoSources } from '@xiuhua/core';
import { generateDemoDistrict, type DemoDistrict } from '@xiuhua/domain';
import { REFERENCE_DIR } from './reference-data';

export const DEMO_FILE = `${REFERENCE_DIR}/demo-yangpu-district.json`;

/** Runs the (deterministic) demo generator on the reference files. */
export function generateDemoFromSources(sources: DemoSources): DemoDistrict {
  return generateDemoDistrict(demoGeneratorInput(sources));
}

export function readDemoFile(path: string = DEMO_FILE): DemoDistrict | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as DemoDistrict) : undefined;
}

export function writeDemoFile(demo: DemoDistrict, path: string = DEMO_FILE): void {
  writeFileSync(path, `${JSON.stringify(demo)}\n`);
}
