import { Type } from '@sinclair/typebox';
import { createApiToken, listApiTokens, revokeApiToken } from '@xiuhua/core';
import {
  ApiToken,
  CreateApiTokenBody,
  CreatedApiToken,
  IdParams,
  Ok,
  errorResponses,
} from '@xiuhua/contract';
import { actorOf } from '../../auth/auth.plugin';
import { presentApiToken } from '../../presenters/access.presenter';
import { withTypes, type RouteModule } from '../route-types';

export const apiTokenRoutes: RouteModule = (app, ctx) => {
  const api = withTypes(app);
  const tags = ['api-tokens'];

  api.get(
    '/api/api-tokens',
    {
      schema: {
        tags,
        summary: 'API tokens (admin) / 接口令牌',
        response: { 200: Type.Object({ items: Type.Array(ApiToken) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: (await listApiTokens(ctx, actorOf(request))).map(presentApiToken),
    }),
  );

  api.post(
    '/api/api-tokens',
    {
      schema: {
        tags,
        summary: 'Issue a token for a machine client (admin) / 签发令牌',
        body: CreateApiTokenBody,
        response: { 201: CreatedApiToken, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { expiresAt, ...rest } = request.body;
      const result = await createApiToken(ctx, actorOf(request), {
        ...rest,
        expiresAt: expiresAt ? new Date(expiresAt) : null,
      });
      return reply.status(201).send({ token: result.token, apiToken: presentApiToken(result.row) });
    },
  );

  api.delete(
    '/api/api-tokens/:id',
    {
      schema: {
        tags,
        summary: 'Revoke a token (admin) / 撤销令牌',
        params: IdParams,
        response: { 200: Ok, ...errorResponses, 404: { $ref: 'ErrorResponse#' } },
      },
    },
    async (request) => {
      await revokeApiToken(ctx, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
};
