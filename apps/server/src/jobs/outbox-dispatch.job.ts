import { dispatchOutbox, type AppContext, type WebhookSender } from '@xiuhua/core';
import type { FastifyBaseLogger } from 'fastify';

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
  let running: Promise<void> | undefined;
  const round = () => {
    if (running) return;
    running = dispatchOutbox(ctx, fetchSender)
      .then((result) => {
        if (result.delivered + result.retried + result.failed > 0)
          log.info({ outbox: result }, 'webhooks dispatched');
      })
      .catch((error: unknown) => log.error({ err: error }, 'outbox dispatch failed'))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(round, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
