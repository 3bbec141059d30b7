import { buildApp } from '@xiuhua/server';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildUser, TEST_PASSWORD, type BuildUserOptions } from './factories';
import { createTestContext, type TestContext } from './test-context';

export type Session = {
  username: string;
  userId: number;
  cookie: string;
  /** Injects a request carrying this user's session cookie. */
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
};

export type TestApp = {
  ctx: TestContext;
  app: FastifyInstance;
  /** Creates a user and logs in through the real login endpoint. */
  loginAs(options: BuildUserOptions): Promise<Session>;
  close(): Promise<void>;
};

export async function createTestApp(
  options: { ctx?: TestContext; webDir?: string } = {},
): Promise<TestApp> {
  const ctx = options.ctx ?? (await createTestContext());
  const app = await buildApp({ ctx, webDir: options.webDir ?? null });
  return {
    ctx,
    app,
    async loginAs(userOptions) {
      const user = await buildUser(ctx.db.kysely, userOptions);
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: user.username, password: TEST_PASSWORD },
      });
      if (response.statusCode !== 200)
        throw new Error(`login failed: ${response.statusCode} ${response.body}`);
      const setCookie = response.cookies.find((c) => c.name === 'xh_session');
      if (!setCookie) throw new Error('login set no session cookie');
      const cookie = `xh_session=${setCookie.value}`;
      return {
        username: user.username,
        userId: user.id,
        cookie,
        request: (req) => app.inject({ ...req, headers: { ...(req.headers ?? {}), cookie } }),
      };
    },
    async close() {
      await app.close();
      await ctx.close();
    },
  };
}
