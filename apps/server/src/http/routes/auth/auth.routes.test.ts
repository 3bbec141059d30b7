import { buildUser, createTestApp, TEST_PASSWORD, type TestApp } from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('password login and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('sets an HttpOnly SameSite session cookie and answers /me', async () => {
    const user = await buildUser(t.ctx.db.kysely, { roles: ['operator'] });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'xh_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `xh_session=${cookie?.value}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      username: user.username,
      roles: ['operator'],
      via: 'session',
    });
  });

  it('refuses a wrong password with 401 and a message in the requested language', async () => {
    const user = await buildUser(t.ctx.db.kysely, { roles: ['operator'] });
    const zh = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: 'wrong-1' },
    });
    expect(zh.statusCode).toBe(401);
    expect(zh.json()).toMatchObject({
      error: { code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' },
    });
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload: { username: user.username, password: 'wrong-2' },
    });
    expect(en.json()).toMatchObject({ error: { message: 'Wrong username or password' } });
  });

  it('names the missing field when the body is incomplete', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'someone' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: [{ field: 'password' }] },
    });
  });

  it('rate-limits a username after five failures, even with the right password, until the window passes', async () => {
    const user = await buildUser(t.ctx.db.kysely, { roles: ['operator'] });
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: user.username, password: `bad-${i}` },
      });
      expect(res.statusCode).toBe(401);
    }
    const blocked = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: TEST_PASSWORD },
    });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    t.ctx.clock.advanceMinutes(16);
    const after = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: TEST_PASSWORD },
    });
    expect(after.statusCode).toBe(200);
  });

  it('ends the session on logout', async () => {
    const session = await t.loginAs({ roles: ['leader'] });
    expect((await session.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    await session.request({ method: 'POST', url: '/api/auth/logout' });
    expect((await session.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('expires an idle session', async () => {
    const session = await t.loginAs({ roles: ['leader'] });
    t.ctx.clock.advanceMinutes(13 * 60);
    expect((await session.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('requires login for /api routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/users' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('lets a user change their own password and log in with it', async () => {
    const session = await t.loginAs({ roles: ['supervisor'] });
    const weak = await session.request({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ error: { details: [{ field: 'newPassword' }] } });
    const ok = await session.request({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'N3w-password' },
    });
    expect(ok.statusCode).toBe(200);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: session.username, password: 'N3w-password' },
    });
    expect(login.statusCode).toBe(200);
  });
});
