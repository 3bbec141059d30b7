import {
  completeIdempotencyKey,
  releaseIdempotencyKey,
  reserveIdempotencyKey,
  type AppContext,
} from '@xiuhua/core';
import { AppError, invalidInput } from '@xiuhua/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'handled': the route keeps its own (transactional) idempotency; 'off': keys are ignored. */
    idempotency?: 'handled' | 'off';
  }
  interface FastifyRequest {
    idempotencyKey: string | null;
  }
}

/** The request's `Idempotency-Key` header, if any; 400 unless it is 1–200 characters. */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const value = request.headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length < 1 || value.length > 200) {
    throw invalidInput('idempotency-key', {
      zh: '幂等键须为 1–200 个字符',
      en: 'must be 1–200 characters',
    });
  }
  return value;
}

/**
 * `Idempotency-Key` on every creating call (POST under /api/): the first request reserves the
 * key, a 2xx answer is stored and replayed to retries with the same key and body; a failed
 * attempt releases the key so it can be retried; the same key with another body is a 409.
 */
export function registerIdempotency(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('idempotencyKey', null);
  app.addHook('preHandler', async (request, reply) => {
    if (
      request.method !== 'POST' ||
      !request.url.startsWith('/api/') ||
      request.headers['idempotency-key'] === undefined ||
      !request.actor
    )
      return;
    const mode = request.routeOptions.config.idempotency;
    if (mode === 'handled' || mode === 'off') return;
    const header = idempotencyKeyOf(request);
    if (header === undefined) return;
    const body: unknown = Buffer.isBuffer(request.body)
      ? request.body.toString('base64')
      : request.body;
    const reservation = await reserveIdempotencyKey(ctx, {
      actor: request.actor,
      key: header,
      request: { url: request.url, body },
    });
    switch (reservation.kind) {
      case 'reserved':
        request.idempotencyKey = header;
        return;
      case 'replay':
        return reply
          .status(reservation.status)
          .header('idempotent-replayed', 'true')
          .send(reservation.body);
      case 'in_progress':
        throw new AppError({
          code: 'CONFLICT',
          text: {
            zh: '相同幂等键的请求正在处理',
            en: 'A request with this idempotency key is still in progress',
          },
          details: [{ field: 'idempotency-key', reason: 'in progress' }],
        });
      case 'mismatch':
        throw new AppError({
          code: 'IDEMPOTENCY_KEY_REUSED',
          text: {
            zh: '该幂等键已用于另一个请求',
            en: 'This idempotency key was used for a different request',
          },
          details: [{ field: 'idempotency-key', reason: 'reused with a different body' }],
        });
    }
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.idempotencyKey;
    if (!key || !request.actor) return payload;
    if (reply.statusCode >= 200 && reply.statusCode < 300) {
      let body: unknown = payload;
      if (typeof payload === 'string') {
        try {
          body = JSON.parse(payload);
        } catch {
          body = payload;
        }
      }
      await completeIdempotencyKey(ctx, {
        actor: request.actor,
        key,
        status: reply.statusCode,
        body,
      });
    } else {
      await releaseIdempotencyKey(ctx, { actor: request.actor, key });
    }
    return payload;
  });
}
