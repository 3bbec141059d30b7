/** Terminal output helpers: progress bars on stderr, results on stdout. */
export function progressBar(
  label: string,
  total: number,
): { tick(done: number): void; finish(): void } {
  const width = 30;
  const interactive = process.stderr.isTTY;
  let last = -1;
  const render = (done: number) => {
    const ratio = total === 0 ? 1 : Math.min(1, done / total);
    const percent = Math.floor(ratio * 100);
    if (percent === last) return;
    last = percent;
    const filled = Math.round(ratio * width);
    const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}% (${done}/${total})`;
    if (interactive) process.stderr.write(`\r${line}`);
    else if (percent % 25 === 0) process.stderr.write(`${line}\n`);
  };
  return {
    tick: render,
    finish() {
      render(total);
      if (interactive) process.stderr.write('\n');
    },
  };
}

export type ApiErrorBody = { error?: { code?: string; message?: string; details?: unknown[] } };

/** Prints an API error the way a person wants to read it, and returns the exit code. */
export function reportApiError(status: number, body: unknown): number {
  const error = (body as ApiErrorBody | undefined)?.error;
  process.stderr.write(
    `错误 / error ${status} ${error?.code ?? ''}: ${error?.message ?? JSON.stringify(body)}\n`,
  );
  for (const detail of error?.details ?? [])
    process.stderr.write(`  - ${JSON.stringify(detail)}\n`);
  return status >= 500 ? 3 : 2;
}
