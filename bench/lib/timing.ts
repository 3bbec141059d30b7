// Timing helpers: wall-clock milliseconds, best of several rounds, percentiles.

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const start = nowMs();
  await fn();
  return nowMs() - start;
}

export function time(fn: () => void): number {
  const start = nowMs();
  fn();
  return nowMs() - start;
}

/** Best of `rounds` timings (ms), to damp noise from the other core. */
export function best(rounds: number, fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < rounds; i++) min = Math.min(min, time(fn));
  return min;
}

export async function bestAsync(rounds: number, fn: () => Promise<unknown>): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < rounds; i++) min = Math.min(min, await timeAsync(fn));
  return min;
}

/** The p-th percentile (0–100) of samples, nearest-rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Median of timings (ms) of `rounds` runs. */
export async function medianAsync(rounds: number, fn: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) samples.push(await timeAsync(fn));
  return percentile(samples, 50);
}
