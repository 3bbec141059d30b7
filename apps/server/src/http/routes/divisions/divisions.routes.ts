import { Type } from '@sinclair/typebox';
import { getDivision, listDivisions } from '@xiuhua/core';
import { Division, DivisionParams, DivisionsQuery, errorResponses } from '@xiuhua/contract';
import { actorOf } from '../../auth/auth.plugin';
import { presentDivision } from '../../presenters/geo.presenter';
import { withTypes, type RouteModule } from '../route-types';

export const divisionRoutes: RouteModule = (app, ctx) => {
  const api = withTypes(app);
  const tags = ['divisions'];

  api.get(
    '/api/divisions',
    {
      schema: {
        tags,
        summary: 'Districts, streets and communities / 行政区划',
        querystring: DivisionsQuery,
        response: { 200: Type.Object({ items: Type.Array(Division) }), ...errorResponses },
      },
    },
    async (request) => {
      const { parent, level, withOutline } = request.query;
      const rows = await listDivisions(ctx, actorOf(request), {
        ...(parent ? { parentCode: parent } : {}),
        ...(level ? { level } : {}),
        ...(withOutline ? { withOutline } : {}),
      });
      return { items: rows.map(presentDivision) };
    },
  );

  api.get(
    '/api/divisions/:code',
    {
      schema: {
        tags,
        summary: 'One division with its outline / 区划详情',
        params: DivisionParams,
        response: { 200: Division, ...errorResponses, 404: { $ref: 'ErrorResponse#' } },
      },
    },
    async (request) =>
      presentDivision(await getDivision(ctx, actorOf(request), request.params.code)),
  );
};
