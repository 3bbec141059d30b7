import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import type { AppContext } from '@xiuhua/core';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { registerAuth } from './http/auth/auth.plugin';
import { errorHandler, notFoundHandler } from './http/errors/error-handler';
import { registerIdempotency } from './http/idempotency.plugin';
import { registerOpenApi } from './http/openapi';
import { routeModules } from './http/routes/index';

export type BuildAppOptions = {
  ctx: AppContext;
  logger?: FastifyServerOptions['logger'];
  /** Built web console to serve at / (default apps/web/dist when present). */
  webDir?: string | null;
  /** In-process clients (the local CLI) authenticate as the system admin with this secret. */
  systemSecret?: string;
};

const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));
/** JSON bodies above this are refused with 413; imports raise it per route. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/** Builds the HTTP application around a context; the caller listens (or injects in tests). */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: DEFAULT_BODY_LIMIT_BYTES,
    trustProxy: false,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: true } },
  });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  await app.register(cookie);
  await registerOpenApi(app);
  registerAuth(
    app,
    options.ctx,
    options.systemSecret ? { systemSecret: options.systemSecret } : {},
  );
  registerIdempotency(app, options.ctx);
  for (const register of routeModules) register(app, options.ctx);

  const webDir = options.webDir === undefined ? DEFAULT_WEB_DIR : options.webDir;
  if (webDir && existsSync(path.join(webDir, 'index.html'))) {
    // Serves index.html at / and the built assets; routes outside /api/ need no login.
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false });
    // The supervisor app lives at /app/ (its service worker's scope), the citizen page at
    // /citizen/, the big screen at /screen/; the bare paths redirect.
    for (const page of ['app', 'citizen', 'screen'])
      app.get(`/${page}`, { config: { auth: 'public' } }, async (_request, reply) =>
        reply.redirect(`/${page}/`, 301),
      );
  }
  return app;
}
