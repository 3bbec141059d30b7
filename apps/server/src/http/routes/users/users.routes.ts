import { createUser, getUser, listUsers, updateUser } from '@xiuhua/core';
import {
  CreateUserBody,
  IdParams,
  Paged,
  UpdateUserBody,
  User,
  UsersQuery,
  errorResponses,
} from '@xiuhua/contract';
import { actorOf } from '../../auth/auth.plugin';
import { presentUser } from '../../presenters/access.presenter';
import { withTypes, type RouteModule } from '../route-types';

export const userRoutes: RouteModule = (app, ctx) => {
  const api = withTypes(app);
  const tags = ['users'];

  api.get(
    '/api/users',
    {
      schema: {
        tags,
        summary: 'Users visible to me / 用户列表',
        description:
          '`q` matches part of the username or display name; `organisationId` members of or scoped to that organisation.',
        querystring: UsersQuery,
        response: { 200: Paged(User), ...errorResponses },
      },
    },
    async (request) => {
      const page = await listUsers(ctx, actorOf(request), request.query);
      return { ...page, items: page.items.map(presentUser) };
    },
  );

  api.post(
    '/api/users',
    {
      schema: {
        tags,
        summary: 'Create a user (admin) / 新建用户',
        body: CreateUserBody,
        response: { 201: User, ...errorResponses, 409: { $ref: 'ErrorResponse#' } },
      },
    },
    async (request, reply) => {
      const row = await createUser(ctx, actorOf(request), request.body);
      return reply.status(201).send(presentUser(row));
    },
  );

  api.get(
    '/api/users/:id',
    {
      schema: {
        tags,
        summary: 'One user / 用户详情',
        params: IdParams,
        response: { 200: User, ...errorResponses, 404: { $ref: 'ErrorResponse#' } },
      },
    },
    async (request) => presentUser(await getUser(ctx, actorOf(request), request.params.id)),
  );

  api.patch(
    '/api/users/:id',
    {
      schema: {
        tags,
        summary:
          'Change name, roles, organisation, scope, phone, active flag or password (admin) / 修改用户',
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: User, ...errorResponses, 404: { $ref: 'ErrorResponse#' } },
      },
    },
    async (request) =>
      presentUser(await updateUser(ctx, actorOf(request), request.params.id, request.body)),
  );
};
