import { Type } from '@sinclair/typebox';
import {
  createOrganisation,
  getOrganisation,
  listOrganisations,
  updateOrganisation,
} from '@xiuhua/core';
import {
  CreateOrganisationBody,
  IdParams,
  Organisation,
  UpdateOrganisationBody,
  errorResponses,
} from '@xiuhua/contract';
import { actorOf } from '../../auth/auth.plugin';
import { presentOrganisation } from '../../presenters/access.presenter';
import { withTypes, type RouteModule } from '../route-types';

export const organisationRoutes: RouteModule = (app, ctx) => {
  const api = withTypes(app);
  const tags = ['organisations'];

  api.get(
    '/api/organisations',
    {
      schema: {
        tags,
        summary: 'Centres and departments visible to me / 机构列表',
        querystring: Type.Object({
          kind: Type.Optional(Type.Union([Type.Literal('centre'), Type.Literal('department')])),
        }),
        response: { 200: Type.Object({ items: Type.Array(Organisation) }), ...errorResponses },
      },
    },
    async (request) => {
      const rows = await listOrganisations(ctx, actorOf(request), request.query);
      return { items: rows.map(presentOrganisation) };
    },
  );

  api.post(
    '/api/organisations',
    {
      schema: {
        tags,
        summary: 'Create a centre or department (admin) / 新建机构',
        body: CreateOrganisationBody,
        response: { 201: Organisation, ...errorResponses, 409: { $ref: 'ErrorResponse#' } },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(presentOrganisation(await createOrganisation(ctx, actorOf(request), request.body))),
  );

  api.get(
    '/api/organisations/:id',
    {
      schema: {
        tags,
        summary: 'One organisation / 机构详情',
        params: IdParams,
        response: { 200: Organisation, ...errorResponses, 404: { $ref: 'ErrorResponse#' } },
      },
    },
    async (request) =>
      presentOrganisation(await getOrganisation(ctx, actorOf(request), request.params.id)),
  );

  api.patch(
    '/api/organisations/:id',
    {
      schema: {
        tags,
        summary: 'Change name, code, level, parent, division, phone, active (admin) / 修改机构',
        description:
          'The tree rules of creation apply; the kind may change only while nothing refers to the organisation.',
        params: IdParams,
        body: UpdateOrganisationBody,
        response: { 200: Organisation, ...errorResponses, 404: { $ref: 'ErrorResponse#' } },
      },
    },
    async (request) =>
      presentOrganisation(
        await updateOrganisation(ctx, actorOf(request), request.params.id, request.body),
      ),
  );
};
