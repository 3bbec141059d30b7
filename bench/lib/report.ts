// The ratio table: every measurement next to its baseline, with absolute numbers, a ratio and,
// where the issue sets one, the target and whether it is met.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type Figure = {
  /** The number compared (ops/s, ms, MiB …); `higherIsBetter` says which way is good. */
  value: number;
  unit: string;
  /** How it reads in the table, e.g. "2.1 M points/s (0.48 µs)". */
  text: string;
};

export type Row = {
  section: string;
  measurement: string;
  size: string;
  xiuhua: Figure;
  /**
   * `competitor`: another way to do the same job (ratio = how many times better Xiuhua is);
   * `limit`: a floor or ceiling the job cannot beat (ratio = share of the limit reached, or how
   * many times the floor's time the job takes).
   */
  baseline: (Figure & { label: string; kind?: 'competitor' | 'limit' }) | null;
  higherIsBetter: boolean;
  target?: { text: string; met: boolean };
  note?: string;
};

/** How many times better Xiuhua is than the baseline (>1 = better), or null without one. */
export function ratioOf(row: Row): number | null {
  if (!row.baseline || row.baseline.value === 0 || row.xiuhua.value === 0) return null;
  return row.higherIsBetter
    ? row.xiuhua.value / row.baseline.value
    : row.baseline.value / row.xiuhua.value;
}

export function ratioText(row: Row): string {
  const r = ratioOf(row);
  if (r === null) return '—';
  if (row.baseline?.kind === 'limit') {
    if (row.higherIsBetter) return `${(r * 100).toFixed(0)} % of the limit`;
    const times = 1 / r;
    return `${times >= 10 ? times.toFixed(0) : times.toFixed(1)}× the floor`;
  }
  if (r >= 10) return `${r.toFixed(0)}× better`;
  return `${r.toFixed(2)}× ${r >= 1 ? 'better' : 'as good'}`;
}

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown cpu',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

export function formatTable(rows: readonly Row[]): string {
  const lines = [
    '| section | measurement | size | Xiuhua | baseline | ratio | target |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const baseline = row.baseline ? `${row.baseline.text} (${row.baseline.label})` : '—';
    const target = row.target ? `${row.target.met ? '✅' : '❌'} ${row.target.text}` : '';
    lines.push(
      `| ${row.section} | ${row.measurement} | ${row.size} | ${row.xiuhua.text} | ${baseline} | ${ratioText(row)} | ${target} |`,
    );
  }
  return lines.join('\n');
}

/** Writes the run as JSON (for comparing runs) and returns the file's path. */
export function writeResults(
  file: string,
  run: { startedAt: Date; options: Record<string, unknown>; rows: readonly Row[] },
): string {
  mkdirSync(path.dirname(file), { recursive: true });
  const body = {
    startedAt: run.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: machineInfo(),
    options: run.options,
    rows: run.rows.map((row) => ({ ...row, ratio: ratioOf(row) })),
  };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  return file;
}

/** Numbers for people: 1234567 → "1,234,567"; fractions keep `digits`. */
export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}
