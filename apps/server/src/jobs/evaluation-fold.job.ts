import { foldEvaluationSums, type AppContext } from '@xiuhua/core';
import type { FastifyBaseLogger } from 'fastify';
import { startPeriodicJob } from './periodic-job';

export const EVALUATION_FOLD_INTERVAL_MS = 60_000;

/**
 * Folds the evaluation deltas into the monthly sums every minute, so a month's evaluation reads
 * few deltas besides its sums (they are exact either way). Several servers may run it: folds
 * queue on a lock.
 */
export function startEvaluationFold(
  ctx: AppContext,
  log: FastifyBaseLogger,
  intervalMs = EVALUATION_FOLD_INTERVAL_MS,
): () => Promise<void> {
  return startPeriodicJob(
    {
      name: 'fold',
      message: 'evaluation sums folded',
      intervalMs,
      runAtStart: true,
      round: () => foldEvaluationSums(ctx),
      worthLogging: () => false,
    },
    log,
  );
}
