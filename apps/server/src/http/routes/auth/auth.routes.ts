import { changeOwnPassword, login, logout } from '@xiuhua/core';
import { ChangePasswordBody, LoginBody, LoginResponse, Me, Ok } from '@xiuhua/contract';
import { actorOf, SESSION_COOKIE } from '../../auth/auth.plugin';
import { withTypes, type RouteModule } from '../route-types';

export const authRoutes: RouteModule = (app, ctx) => {
  const api = withTypes(app);

  api.post(
    '/api/auth/login',
    {
      config: { auth: 'public', idempotency: 'off' },
      schema: {
        tags: ['auth'],
        summary: 'Password login; sets an HttpOnly session cookie / 登录',
        body: LoginBody,
        response: {
          200: LoginResponse,
          401: { $ref: 'ErrorResponse#' },
          429: { $ref: 'ErrorResponse#' },
        },
      },
    },
    async (request, reply) => {
      const result = await login(ctx, {
        username: request.body.username,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      void reply.setCookie(SESSION_COOKIE, result.sessionToken, {
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        path: '/',
        maxAge: ctx.settings.sessionIdleMinutes * 60,
      });
      return { user: result.actor, expiresAt: result.expiresAt.toISOString() };
    },
  );

  api.post(
    '/api/auth/logout',
    {
      config: { auth: 'public' },
      schema: { tags: ['auth'], summary: 'End the session / 退出登录', response: { 200: Ok } },
    },
    async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) await logout(ctx, cookie);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  api.get(
    '/api/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who am I / 当前用户',
        response: { 200: Me, 401: { $ref: 'ErrorResponse#' } },
      },
    },
    async (request) => actorOf(request),
  );

  api.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change own password / 修改密码',
        body: ChangePasswordBody,
        response: { 200: Ok },
      },
    },
    async (request) => {
      await changeOwnPassword(ctx, actorOf(request), request.body);
      return { ok: true as const };
    },
  );
};
