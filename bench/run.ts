// npm run bench [-- --quick] [--only=lookup,intake] [--cases=N] [--components=N] [--grids=N]
//               [--seed=N] [--generate-only]
// Each measurement is printed next to a baseline run side by side on the same machine, as a
// ratio, with absolute numbers and machine information; results also go to a JSON file.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTable, machineInfo, writeResults, type Row } from './lib/report';
import type { BenchEnv, BenchOptions, Section } from './lib/section';
import { nowMs } from './lib/timing';
import { openWorld } from './city/world';
import { foundationSection } from './sections/foundation';
import { lookupSection } from './sections/lookup';
import { intakeSection } from './sections/intake';
import { workflowSection } from './sections/workflow';
import { memorySection } from './sections/memory';
import { sweepSection } from './sections/sweep';
import { queueSection } from './sections/queue';
import { evaluationSection } from './sections/evaluation';

const SECTIONS: Section[] = [
  foundationSection,
  lookupSection,
  intakeSection,
  workflowSection,
  memorySection,
  sweepSection,
  queueSection,
  evaluationSection,
];

function flag(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

function count(name: string, fallback: number): number {
  const text = flag(name);
  if (text === undefined) return fallback;
  const n = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${name} must be a positive whole number, got "${text}"`);
  return n;
}

const quick = process.argv.includes('--quick');
const options: BenchOptions = {
  quick,
  seed: count('seed', 20261202),
  grids: count('grids', 40_000),
  components: count('components', quick ? 50_000 : 1_000_000),
  cases: count('cases', quick ? 30_000 : 1_000_000),
  pgUrl: process.env.XIUHUA_BENCH_PG_URL ?? 'postgres://xiuhua:xiuhua@127.0.0.1:5432/xiuhua_bench',
};
const only = flag('only')?.split(',');
const env: BenchEnv = {
  options,
  log: (message) => process.stderr.write(`${message}\n`),
};

const started = new Date();
const startMs = nowMs();
const machine = machineInfo();
process.stdout.write(
  `machine: ${machine.cpu} × ${machine.cores}, ${machine.memoryGiB} GiB, node ${machine.node}${quick ? ' (quick)' : ''}\n`,
);
if (process.argv.includes('--generate-only')) {
  const world = await openWorld(env);
  process.stdout.write(
    `${JSON.stringify({ counts: world.counts, loadSeconds: world.loadSeconds })}\n`,
  );
  await world.close();
} else {
  const rows: Row[] = [];
  for (const section of SECTIONS) {
    if (only && !only.includes(section.name)) continue;
    const t = nowMs();
    rows.push(...(await section.run(env)));
    env.log(`${section.name}: ${((nowMs() - t) / 1000).toFixed(1)} s`);
  }
  process.stdout.write(`\n${formatTable(rows)}\n`);
  const file = writeResults(
    path.join(
      fileURLToPath(new URL('./results/', import.meta.url)),
      quick ? 'latest-quick.json' : 'latest.json',
    ),
    { startedAt: started, options: { ...options, pgUrl: undefined, only }, rows },
  );
  process.stdout.write(
    `\n${rows.length} rows in ${((nowMs() - startMs) / 1000).toFixed(0)} s; results in ${path.relative(process.cwd(), file)}\n`,
  );
}
