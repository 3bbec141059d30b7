import { sweepTimers, type AppContext } from '@xiuhua/core';
import type { FastifyBaseLogger } from 'fastify';

export const SLA_SWEEP_INTERVAL_MS = 30_000;

/**
 * Runs the SLA sweep every interval. The sweep is idempotent and claims rows with SKIP LOCKED,
 * so several servers may run it; a failed round is logged and the next one retries.
 */
export function startSlaSweep(
  ctx: AppContext,
  log: FastifyBaseLogger,
  intervalMs = SLA_SWEEP_INTERVAL_MS,
): () => Promise<void> {
  let running: Promise<void> | undefined;
  const round = () => {
    if (running) return;
    running = sweepTimers(ctx)
      .then((result) => {
        if (result.yellow + result.red + result.warnings > 0)
          log.info({ sweep: result }, 'sla sweep');
      })
      .catch((error: unknown) => log.error({ err: error }, 'sla sweep failed'))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(round, intervalMs);
  timer.unref();
  round();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
