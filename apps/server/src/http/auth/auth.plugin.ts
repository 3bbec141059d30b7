import { actorForApiToken, actorForSession, type AppContext } from '@xiuhua/core';
import { AppError, type Actor } from '@xiuhua/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'xh_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** 'public' routes need no login; every other /api/ route does (default deny). */
    auth?: 'public';
  }
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

const UNAUTHENTICATED = new AppError({
  code: 'UNAUTHENTICATED',
  text: { zh: '请先登录', en: 'Please log in' },
  details: [{ reason: 'no valid session cookie or bearer token' }],
});

/**
 * The built-in administrator used by the local CLI, which talks to an in-process app that
 * never listens on a socket. Its secret lives only in that process's memory.
 */
export const SYSTEM_ACTOR: Actor = {
  userId: 0,
  username: 'system',
  displayName: '系统 / System',
  roles: ['admin'],
  scope: { kind: 'all' },
  organisationId: null,
  via: 'system',
};

/** Resolves the caller from the session cookie or a bearer token; routes are closed by default. */
export function registerAuth(
  app: FastifyInstance,
  ctx: AppContext,
  options: { systemSecret?: string } = {},
): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const token = bearer(request);
    if (token && options.systemSecret && token === options.systemSecret) {
      request.actor = SYSTEM_ACTOR;
      return;
    }
    if (token) {
      request.actor = (await actorForApiToken(ctx, token)) ?? null;
      if (!request.actor) {
        throw new AppError({
          code: 'UNAUTHENTICATED',
          text: {
            zh: 'API 令牌无效、已撤销或已过期',
            en: 'API token is invalid, revoked or expired',
          },
          details: [{ field: 'authorization', reason: 'invalid token' }],
        });
      }
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) request.actor = (await actorForSession(ctx, cookie)) ?? null;
  });
  app.addHook('preHandler', async (request) => {
    if (request.is404 || request.routeOptions.config.auth === 'public') return;
    // Static files and protocol endpoints with their own keys (e.g. Open311) live outside /api/.
    if (!request.url.startsWith('/api/')) return;
    if (!request.actor) throw UNAUTHENTICATED;
  });
}

/** The authenticated actor of a non-public route. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw UNAUTHENTICATED;
  return request.actor;
}
