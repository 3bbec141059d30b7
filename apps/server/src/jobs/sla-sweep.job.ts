import { sweepTimers, type AppContext } from '@xiuhua/core';
import type { FastifyBaseLogger } from 'fastify';
import { startPeriodicJob } from './periodic-job';

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
  return startPeriodicJob(
    {
      name: 'sweep',
      message: 'sla sweep',
      intervalMs,
      runAtStart: true,
      round: () => sweepTimers(ctx),
      worthLogging: (r) => r.yellow + r.red + r.warnings > 0,
    },
    log,
  );
}
