import { sql, type Selectable } from 'kysely';
import type { WebhookDeliveriesTable, WebhookSubscriptionsTable } from '../schema/database';
import type { Executor } from './executor';

export type WebhookSubscriptionRow = Selectable<WebhookSubscriptionsTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;

export const webhookRepository = {
  async insertSubscription(
    db: Executor,
    sub: { name: string; url: string; secret: string; eventTypes: string[]; at: Date },
  ): Promise<number> {
    const { id } = await db
      .insertInto('webhook_subscriptions')
      .values({
        name: sub.name,
        url: sub.url,
        secret: sub.secret,
        event_types: sub.eventTypes,
        created_at: sub.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  async subscriptions(db: Executor): Promise<WebhookSubscriptionRow[]> {
    return db.selectFrom('webhook_subscriptions').selectAll().orderBy('id').execute();
  },

  async deactivate(db: Executor, id: number): Promise<number> {
    return Number(
      (
        await db
          .updateTable('webhook_subscriptions')
          .set({ active: false })
          .where('id', '=', id)
          .executeTakeFirst()
      ).numUpdatedRows,
    );
  },

  /**
   * Fans unpublished outbox events out to the active subscribers that want them (one delivery
   * row each, unique per subscriber and event) and marks the events published; claimed with
   * SKIP LOCKED so concurrent dispatchers never take the same events.
   */
  async fanOut(db: Executor, now: Date, limit: number): Promise<number> {
    const events = await db
      .selectFrom('outbox_events')
      .select(['id', 'type'])
      .where('published_at', 'is', null)
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (events.length === 0) return 0;
    const subs = await db
      .selectFrom('webhook_subscriptions')
      .selectAll()
      .where('active', '=', true)
      .execute();
    const rows = events.flatMap((e) =>
      subs
        .filter((s) => s.event_types.length === 0 || s.event_types.includes(e.type))
        .map((s) => ({
          subscription_id: s.id,
          event_id: e.id,
          status: 'pending' as const,
          next_attempt_at: now,
          created_at: now,
        })),
    );
    if (rows.length > 0)
      await db
        .insertInto('webhook_deliveries')
        .values(rows)
        .onConflict((oc) => oc.columns(['subscription_id', 'event_id']).doNothing())
        .execute();
    await db
      .updateTable('outbox_events')
      .set({ published_at: now })
      .where(
        'id',
        'in',
        events.map((e) => e.id),
      )
      .execute();
    return events.length;
  },

  /** Claims due deliveries by pushing their next attempt past a lease, so nobody else sends them meanwhile. */
  async claimDue(db: Executor, now: Date, leaseUntil: Date, limit: number) {
    const due = db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(limit)
      .forUpdate()
      .skipLocked();
    const claimed = await db
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: leaseUntil })
      .where('id', 'in', due)
      .returning('id')
      .execute();
    if (claimed.length === 0) return [];
    return db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
      .innerJoin('outbox_events as e', 'e.id', 'd.event_id')
      .select([
        'd.id',
        'd.attempts',
        's.url',
        's.secret',
        'e.id as event_id',
        'e.type',
        'e.payload',
        'e.created_at as event_at',
      ])
      .where(
        'd.id',
        'in',
        claimed.map((c) => c.id),
      )
      .execute();
  },

  async markDelivered(db: Executor, id: number, status: number, at: Date): Promise<void> {
    await db
      .updateTable('webhook_deliveries')
      .set({
        status: 'delivered',
        last_status: status,
        last_error: null,
        delivered_at: at,
        attempts: sql`attempts + 1`,
      })
      .where('id', '=', id)
      .execute();
  },

  async markFailedAttempt(
    db: Executor,
    id: number,
    result: { status: number | null; error: string; nextAttemptAt: Date; giveUp: boolean },
  ): Promise<void> {
    await db
      .updateTable('webhook_deliveries')
      .set({
        status: result.giveUp ? 'failed' : 'pending',
        last_status: result.status,
        last_error: result.error.slice(0, 500),
        next_attempt_at: result.nextAttemptAt,
        attempts: sql`attempts + 1`,
      })
      .where('id', '=', id)
      .execute();
  },

  async deliveries(
    db: Executor,
    filter: { status?: WebhookDeliveryRow['status']; olderThan?: Date; limit: number },
  ) {
    let query = db.selectFrom('webhook_deliveries').selectAll();
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.olderThan) query = query.where('created_at', '<', filter.olderThan);
    return query.orderBy('id', 'desc').limit(filter.limit).execute();
  },
};
