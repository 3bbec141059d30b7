import { createHash } from 'node:crypto';
import { idempotencyRepository, type Executor } from '@xiuhua/db';
import { AppError, type Actor } from '@xiuhua/domain';

export type IdempotentResult<T> = { replayed: boolean; status: number; body: T };

/**
 * Runs a creating command at most once per (actor, key): the key is reserved in the same
 * transaction as the writes, so a retry after a crash or a timeout finds either nothing (and
 * runs) or the first answer (and replays it). The same key with a different request is a 409.
 */
export async function idempotent<T>(
  trx: Executor,
  options: { actor: Actor; key: string | undefined; request: unknown; at: Date; status: number },
  run: () => Promise<T>,
): Promise<IdempotentResult<T>> {
  if (!options.key) return { replayed: false, status: options.status, body: await run() };
  const actorKey = `${options.actor.via}:${options.actor.userId}`;
  const requestHash = createHash('sha256').update(JSON.stringify(options.request)).digest('hex');
  const earlier = await idempotencyRepository.reserve(trx, {
    actorKey,
    key: options.key,
    requestHash,
    at: options.at,
  });
  if (earlier) {
    if (earlier.requestHash !== requestHash) {
      throw new AppError({
        code: 'IDEMPOTENCY_KEY_REUSED',
        text: {
          zh: '该幂等键已用于另一个请求',
          en: 'This idempotency key was used for a different request',
        },
        details: [{ field: 'idempotency-key', reason: 'reused with a different body' }],
      });
    }
    return {
      replayed: true,
      status: earlier.status ?? options.status,
      body: earlier.response as T,
    };
  }
  const body = await run();
  await idempotencyRepository.complete(trx, {
    actorKey,
    key: options.key,
    status: options.status,
    response: body,
  });
  return { replayed: false, status: options.status, body };
}
