import { randomBytes } from 'node:crypto';
import { webhookRepository } from '@xiuhua/db';
import { invalidInput, notFound, requireAnyRole, type Actor } from '@xiuhua/domain';
import { inTransaction, type AppContext } from '../context';
import { audit } from '../shared/audit';

/** Subscribes a URL to case events; the signing secret is returned once. */
export async function addWebhook(
  ctx: AppContext,
  actor: Actor,
  input: { name: string; url: string; eventTypes?: string[] },
) {
  requireAnyRole(actor, ['admin']);
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw invalidInput('url', { zh: '不是有效的网址', en: 'not a valid URL' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw invalidInput('url', { zh: '须为 http 或 https 网址', en: 'must be http or https' });
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const now = ctx.clock.now();
  const id = await inTransaction(ctx, async (trx) => {
    const created = await webhookRepository.insertSubscription(trx, {
      name: input.name,
      url: url.toString(),
      secret,
      eventTypes: input.eventTypes ?? [],
      at: now,
    });
    await audit(trx, {
      actor,
      at: now,
      action: 'create',
      entity: 'webhook',
      entityId: created,
      detail: { name: input.name, url: url.toString(), eventTypes: input.eventTypes ?? [] },
    });
    return created;
  });
  return { id, secret };
}

export async function listWebhooks(ctx: AppContext, actor: Actor) {
  requireAnyRole(actor, ['admin']);
  return webhookRepository.subscriptions(ctx.db.kysely);
}

export async function disableWebhook(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  requireAnyRole(actor, ['admin']);
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    if ((await webhookRepository.deactivate(trx, id)) === 0)
      throw notFound({ zh: '订阅', en: 'Webhook' }, String(id));
    await audit(trx, { actor, at: now, action: 'disable', entity: 'webhook', entityId: id });
  });
}

export const STUCK_AFTER_MINUTES = 30;

/** Deliveries that failed for good, or are still pending after STUCK_AFTER_MINUTES. */
export async function stuckDeliveries(ctx: AppContext, actor: Actor) {
  requireAnyRole(actor, ['admin']);
  const db = ctx.db.kysely;
  const olderThan = new Date(ctx.clock.now().getTime() - STUCK_AFTER_MINUTES * 60_000);
  const failed = await webhookRepository.deliveries(db, { status: 'failed', limit: 500 });
  const pending = await webhookRepository.deliveries(db, {
    status: 'pending',
    olderThan,
    limit: 500,
  });
  return { failed, pending };
}
