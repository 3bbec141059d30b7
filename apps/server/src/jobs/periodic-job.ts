import type { FastifyBaseLogger } from 'fastify';

export type PeriodicJob<R> = {
  /** Names the job's result in the log line, and its failures. */
  name: string;
  /** The log line of a round worth logging. */
  message: string;
  intervalMs: number;
  /** Runs a round at once instead of waiting for the first interval. */
  runAtStart?: boolean;
  round(): Promise<R>;
  /** Whether a round's result is worth an info line. */
  worthLogging(result: R): boolean;
};

/**
 * Runs a job's rounds every interval, one at a time (a round still running when the next is due
 * is not doubled). A failed round is logged and the next one retries. Returns a stop function
 * that waits for the running round.
 */
export function startPeriodicJob<R>(
  job: PeriodicJob<R>,
  log: FastifyBaseLogger,
): () => Promise<void> {
  let running: Promise<void> | undefined;
  const round = () => {
    if (running) return;
    running = job
      .round()
      .then((result) => {
        if (job.worthLogging(result)) log.info({ [job.name]: result }, job.message);
      })
      .catch((error: unknown) => log.error({ err: error }, `${job.name} failed`))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(round, job.intervalMs);
  timer.unref();
  if (job.runAtStart) round();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
