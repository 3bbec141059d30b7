import { getComponent, listComponents, updateComponentStatus } from '@xiuhua/core';
import {
  Component,
  ComponentParams,
  ComponentsQuery,
  Paged,
  UpdateComponentStatusBody,
  errorResponses,
} from '@xiuhua/contract';
import { actorOf } from '../../auth/auth.plugin';
import { presentComponent } from '../../presenters/catalogue.presenter';
import { parseBBox } from '../../presenters/geo.presenter';
import { withTypes, type RouteModule } from '../route-types';

const notFound = { 404: { $ref: 'ErrorResponse#' } } as const;

export const componentRoutes: RouteModule = (app, ctx) => {
  const api = withTypes(app);
  const tags = ['components'];

  api.get(
    '/api/components',
    {
      schema: {
        tags,
        summary: 'Components by bbox, class, grid, status / 部件查询',
        querystring: ComponentsQuery,
        response: { 200: Paged(Component), ...errorResponses },
      },
    },
    async (request) => {
      const { bbox, classCode, grid, status, page, pageSize } = request.query;
      const parsedBBox = parseBBox(bbox);
      const result = await listComponents(
        ctx,
        actorOf(request),
        {
          ...(parsedBBox ? { bbox: parsedBBox } : {}),
          ...(classCode ? { classCode } : {}),
          ...(grid ? { gridCode: grid } : {}),
          ...(status ? { status } : {}),
        },
        { page, pageSize },
      );
      return { ...result, items: result.items.map(presentComponent) };
    },
  );

  api.get(
    '/api/components/:id',
    {
      schema: {
        tags,
        summary: 'One component / 部件详情',
        params: ComponentParams,
        response: { 200: Component, ...errorResponses, ...notFound },
      },
    },
    async (request) =>
      presentComponent(await getComponent(ctx, actorOf(request), request.params.id)),
  );

  api.patch(
    '/api/components/:id',
    {
      schema: {
        tags,
        summary: 'Change a component status (admin) / 修改部件状态',
        params: ComponentParams,
        body: UpdateComponentStatusBody,
        response: { 200: Component, ...errorResponses, ...notFound },
      },
    },
    async (request) =>
      presentComponent(
        await updateComponentStatus(ctx, actorOf(request), request.params.id, request.body),
      ),
  );
};
