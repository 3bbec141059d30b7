import { randomBytes } from 'node:crypto';
import type { AppContext } from '@xiuhua/core';
import { buildApp } from './app';
import { openContext, type ServerConfig } from './main';

export type HttpResult = { status: number; body: unknown; headers: Record<string, unknown> };

/** Speaks the platform's HTTP API; the CLI uses one of these and nothing else. */
export type ApiClient = {
  request(options: {
    method: string;
    url: string;
    body?: unknown;
    contentType?: string;
  }): Promise<HttpResult>;
  close(): Promise<void>;
  describe: string;
};

/**
 * An API client over an in-process app on the configured database, authenticated as the
 * system administrator. Nothing listens on a socket.
 */
export async function openLocalClient(
  config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>,
  options: { ctx?: AppContext } = {},
): Promise<ApiClient> {
  const ctx = options.ctx ?? (await openContext(config));
  const systemSecret = `xhsys_${randomBytes(24).toString('base64url')}`;
  const app = await buildApp({ ctx, webDir: null, systemSecret });
  return {
    describe: `local ${ctx.db.engine} ${ctx.db.location}`,
    async request({ method, url, body, contentType }) {
      const isText = typeof body === 'string' || Buffer.isBuffer(body);
      const response = await app.inject({
        method: method as 'GET',
        url,
        headers: {
          authorization: `Bearer ${systemSecret}`,
          ...(body !== undefined
            ? { 'content-type': contentType ?? (isText ? 'text/plain' : 'application/json') }
            : {}),
        },
        ...(body !== undefined ? { payload: isText ? body : JSON.stringify(body) } : {}),
      });
      const text = response.body;
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.statusCode, body: parsed, headers: response.headers };
    },
    async close() {
      await app.close();
      if (!options.ctx) await ctx.db.close();
    },
  };
}

/** An API client over HTTP to a running server, authenticated with an API token. */
export function openRemoteClient(baseUrl: string, token: string | undefined): ApiClient {
  const base = baseUrl.replace(/\/$/, '');
  return {
    describe: `remote ${base}`,
    async request({ method, url, body, contentType }) {
      const isText = typeof body === 'string';
      const response = await fetch(`${base}${url}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined
            ? { 'content-type': contentType ?? (isText ? 'text/plain' : 'application/json') }
            : {}),
        },
        ...(body !== undefined ? { body: isText ? body : JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return {
        status: response.status,
        body: parsed,
        headers: Object.fromEntries(response.headers),
      };
    },
    async close() {},
  };
}
