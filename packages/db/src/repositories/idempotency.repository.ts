import type { Executor } from './executor';

export const idempotencyRepository = {
  /**
   * Reserves a key inside the caller's transaction. Returns the earlier record when the key
   * was used before (a concurrent first use waits on the primary key until it commits).
   */
  async reserve(
    db: Executor,
    key: { actorKey: string; key: string; requestHash: string; at: Date },
  ): Promise<{ requestHash: string; status: number | null; response: unknown } | undefined> {
    const inserted = await db
      .insertInto('idempotency_keys')
      .values({
        actor_key: key.actorKey,
        key: key.key,
        request_hash: key.requestHash,
        created_at: key.at,
        status: null,
        response: null,
      })
      .onConflict((oc) => oc.columns(['actor_key', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted) return undefined;
    const row = await db
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'status', 'response'])
      .where('actor_key', '=', key.actorKey)
      .where('key', '=', key.key)
      .executeTakeFirstOrThrow();
    return { requestHash: row.request_hash, status: row.status, response: row.response };
  },

  /** Whether the key was already used by this actor (a quick look before any work). */
  async exists(db: Executor, key: { actorKey: string; key: string }): Promise<boolean> {
    const row = await db
      .selectFrom('idempotency_keys')
      .select('key')
      .where('actor_key', '=', key.actorKey)
      .where('key', '=', key.key)
      .executeTakeFirst();
    return row !== undefined;
  },

  async complete(
    db: Executor,
    key: { actorKey: string; key: string; status: number; response: unknown },
  ): Promise<void> {
    await db
      .updateTable('idempotency_keys')
      .set({ status: key.status, response: JSON.stringify(key.response) })
      .where('actor_key', '=', key.actorKey)
      .where('key', '=', key.key)
      .execute();
  },

  async release(db: Executor, key: { actorKey: string; key: string }): Promise<void> {
    await db
      .deleteFrom('idempotency_keys')
      .where('actor_key', '=', key.actorKey)
      .where('key', '=', key.key)
      .where('status', 'is', null)
      .execute();
  },
};
