// Regenerates data/reference/demo-yangpu-district.json: `npm run demo:generate`.
import { generateDemoFromSources, writeDemoFile, DEMO_FILE } from './demo-file';
import { readDemoSources } from './reference-data';

const started = Date.now();
const demo = generateDemoFromSources(readDemoSources({ withPrecomputed: false }));
writeDemoFile(demo);
process.stdout.write(
  `wrote ${DEMO_FILE}: ${demo.grids.length} grids, ${demo.responsibilityGrids.length} responsibility grids, ${demo.components.length} components in ${Date.now() - started} ms\n`,
);
