import { dispatchOutbox, type AppContext, type WebhookSender } from '@xiuhua/core';
import type { FastifyBaseLogger } from 'fastify';
import { startPeriodicJob } from './periodic-job';

export const OUTBOX_DISPATCH_INTERVAL_MS = 5_000;
const SEND_TIMEOUT_MS = 5_000;

/** POSTs with a timeout; any answer is returned, network failures throw. */
export const fetchSender: WebhookSender = async ({ url, body, headers }) => {
  const response = await fetch(url, {
    method: 'POST',
    body,
    headers,
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  });
  await response.arrayBuffer().catch(() => undefined);
  return { status: response.status };
};

/** Publishes the outbox to webhook subscribers every few seconds, one round at a time. */
export function startOutboxDispatch(
  ctx: AppContext,
  log: FastifyBaseLogger,
  intervalMs = OUTBOX_DISPATCH_INTERVAL_MS,
): () => Promise<void> {
  return startPeriodicJob(
    {
      name: 'outbox',
      message: 'webhooks dispatched',
      intervalMs,
      round: () => dispatchOutbox(ctx, fetchSender),
      worthLogging: (r) => r.delivered + r.retried + r.failed > 0,
    },
    log,
  );
}
