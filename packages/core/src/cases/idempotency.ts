import { createHash } from 'node:crypto';
import { idempotencyRepository, type Executor } from '@xiuhua/db';
import { AppError, type Actor } from '@xiuhua/domain';
import type { AppContext } from '../context';

const actorKeyOf = (actor: Actor) => `${actor.via}:${actor.userId}`;

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
  const actorKey = actorKeyOf(options.actor);
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

/** Whether the actor already used this key (then a creating call will replay, not create). */
export async function idempotencyKeyUsed(
  ctx: AppContext,
  actor: Actor,
  key: string | undefined,
): Promise<boolean> {
  if (!key) return false;
  return idempotencyRepository.exists(ctx.db.kysely, { actorKey: actorKeyOf(actor), key });
}

export type Reservation =
  | { kind: 'reserved' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'in_progress' }
  | { kind: 'mismatch' };

/**
 * For creating calls outside a single command transaction: reserve the key (committed), run the
 * call, then `completeIdempotencyKey` with a 2xx answer or `releaseIdempotencyKey` on failure.
 */
export async function reserveIdempotencyKey(
  ctx: AppContext,
  options: { actor: Actor; key: string; request: unknown },
): Promise<Reservation> {
  const requestHash = createHash('sha256').update(JSON.stringify(options.request)).digest('hex');
  const earlier = await idempotencyRepository.reserve(ctx.db.kysely, {
    actorKey: actorKeyOf(options.actor),
    key: options.key,
    requestHash,
    at: ctx.clock.now(),
  });
  if (!earlier) return { kind: 'reserved' };
  if (earlier.requestHash !== requestHash) return { kind: 'mismatch' };
  if (earlier.status === null) return { kind: 'in_progress' };
  return { kind: 'replay', status: earlier.status, body: earlier.response };
}

export async function completeIdempotencyKey(
  ctx: AppContext,
  options: { actor: Actor; key: string; status: number; body: unknown },
): Promise<void> {
  await idempotencyRepository.complete(ctx.db.kysely, {
    actorKey: actorKeyOf(options.actor),
    key: options.key,
    status: options.status,
    response: options.body,
  });
}

export async function releaseIdempotencyKey(
  ctx: AppContext,
  options: { actor: Actor; key: string },
): Promise<void> {
  await idempotencyRepository.release(ctx.db.kysely, {
    actorKey: actorKeyOf(options.actor),
    key: options.key,
  });
}
