import { buildUser, createTestApp, type TestApp } from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('API tokens for machine clients', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('issues a token that authenticates as its user until revoked', async () => {
    const admin = await t.loginAs({ roles: ['admin'] });
    const service = await buildUser(t.ctx.db.kysely, { roles: ['operator'] });
    const created = await admin.request({
      method: 'POST',
      url: '/api/api-tokens',
      payload: { name: '12345 热线', username: service.username },
    });
    expect(created.statusCode).toBe(201);
    const { token, apiToken } = created.json<{
      token: string;
      apiToken: { id: number; prefix: string };
    }>();
    expect(token.startsWith(apiToken.prefix)).toBe(true);

    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: service.username, via: 'token' });

    const listed = await admin.request({ method: 'GET', url: '/api/api-tokens' });
    expect(JSON.stringify(listed.json())).not.toContain(token);

    expect(
      (await admin.request({ method: 'DELETE', url: `/api/api-tokens/${apiToken.id}` })).statusCode,
    ).toBe(200);
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.statusCode).toBe(401);
  });

  it('refuses an unknown bearer token with 401', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: 'Bearer xht_nope' },
    });
    expect(res.statusCode).toBe(401);
  });

  it('lets only admins issue tokens', async () => {
    const operator = await t.loginAs({ roles: ['operator'] });
    const res = await operator.request({
      method: 'POST',
      url: '/api/api-tokens',
      payload: { name: 'x', username: operator.username },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});
