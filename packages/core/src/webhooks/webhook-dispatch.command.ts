import { createHmac } from 'node:crypto';
import { webhookRepository } from '@xiuhua/db';
import { inTransaction, type AppContext } from '../context';

/** Sends one HTTP POST; the server passes a fetch-based sender, tests may pass their own. */
export type WebhookSender = (request: {
  url: string;
  body: string;
  headers: Record<string, string>;
}) => Promise<{ status: number }>;

export const MAX_WEBHOOK_ATTEMPTS = 10;
const LEASE_MS = 60_000;
const BATCH = 100;

/** 30 s, 1 min, 2 min … capped at 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export type DispatchResult = {
  fannedOut: number;
  delivered: number;
  retried: number;
  failed: number;
};

/**
 * Publishes the outbox: fans new events out to subscribers, then sends due deliveries, each
 * signed with the subscriber's secret (HMAC-SHA256 of the body). A failure is retried with
 * back-off; after MAX_WEBHOOK_ATTEMPTS the delivery is marked failed (see the stuck report).
 * Receivers must treat `x-xiuhua-delivery` as an idempotency key: a delivery may repeat.
 */
export async function dispatchOutbox(
  ctx: AppContext,
  send: WebhookSender,
): Promise<DispatchResult> {
  const now = ctx.clock.now();
  let fannedOut = 0;
  for (;;) {
    const n = await inTransaction(ctx, (trx) => webhookRepository.fanOut(trx, now, BATCH));
    fannedOut += n;
    if (n < BATCH) break;
  }
  const due = await inTransaction(ctx, (trx) =>
    webhookRepository.claimDue(trx, now, new Date(now.getTime() + LEASE_MS), BATCH),
  );
  const result: DispatchResult = { fannedOut, delivered: 0, retried: 0, failed: 0 };
  for (const delivery of due) {
    const body = JSON.stringify({
      id: delivery.event_id,
      type: delivery.type,
      createdAt: delivery.event_at.toISOString(),
      payload: delivery.payload,
    });
    let status: number | null = null;
    let error = '';
    try {
      status = (
        await send({
          url: delivery.url,
          body,
          headers: {
            'content-type': 'application/json',
            'x-xiuhua-event': delivery.type,
            'x-xiuhua-delivery': String(delivery.id),
            'x-xiuhua-signature': signature(delivery.secret, body),
          },
        })
      ).status;
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    const at = ctx.clock.now();
    if (!error && status !== null) {
      await webhookRepository.markDelivered(ctx.db.kysely, delivery.id, status, at);
      result.delivered += 1;
      continue;
    }
    const attempts = delivery.attempts + 1;
    const giveUp = attempts >= MAX_WEBHOOK_ATTEMPTS;
    await webhookRepository.markFailedAttempt(ctx.db.kysely, delivery.id, {
      status,
      error,
      nextAttemptAt: new Date(at.getTime() + backoffMs(attempts)),
      giveUp,
    });
    if (giveUp) result.failed += 1;
    else result.retried += 1;
  }
  return result;
}
