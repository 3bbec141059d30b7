import { Type } from '@sinclair/typebox';
import {
  getGrid,
  listGrids,
  listResponsibilityGrids,
  locatePoint,
  putResponsibilityGrid,
} from '@xiuhua/core';
import {
  GridLocation,
  GridParams,
  GridSummary,
  GridsQuery,
  LocateQuery,
  Ok,
  Paged,
  PutResponsibilityGridBody,
  ResponsibilityGrid,
  ResponsibilityGridParams,
  errorResponses,
} from '@xiuhua/contract';
import { actorOf } from '../../auth/auth.plugin';
import { parseBBox, presentGrid } from '../../presenters/geo.presenter';
import { withTypes, type RouteModule } from '../route-types';

const notFound = { 404: { $ref: 'ErrorResponse#' } } as const;

export const gridRoutes: RouteModule = (app, ctx) => {
  const api = withTypes(app);
  const tags = ['grids'];

  api.get(
    '/api/grids/locate',
    {
      schema: {
        tags,
        summary:
          'Point → unit grid, community, street, district, responsibility grid / 坐标定位网格',
        description:
          'WGS84 coordinates. 404 OUTSIDE_JURISDICTION when no unit grid contains the point.',
        querystring: LocateQuery,
        response: { 200: GridLocation, ...errorResponses, ...notFound },
      },
    },
    async (request) => locatePoint(ctx, actorOf(request), request.query),
  );

  api.get(
    '/api/grids',
    {
      schema: {
        tags,
        summary: 'Unit grids by division or bbox / 单元网格列表',
        querystring: GridsQuery,
        response: { 200: Paged(GridSummary), ...errorResponses },
      },
    },
    async (request) => {
      const { division, bbox, responsibilityGrid, withGeometry, page, pageSize } = request.query;
      const parsedBBox = parseBBox(bbox);
      const result = await listGrids(
        ctx,
        actorOf(request),
        {
          ...(division ? { prefix: division } : {}),
          ...(parsedBBox ? { bbox: parsedBBox } : {}),
          ...(responsibilityGrid ? { responsibilityGridCode: responsibilityGrid } : {}),
          ...(withGeometry ? { withGeometry } : {}),
        },
        { page, pageSize },
      );
      return { ...result, items: result.items.map(presentGrid) };
    },
  );

  api.get(
    '/api/grids/:code',
    {
      schema: {
        tags,
        summary: 'One unit grid with geometry / 单元网格详情',
        params: GridParams,
        response: { 200: GridSummary, ...errorResponses, ...notFound },
      },
    },
    async (request) => presentGrid(await getGrid(ctx, actorOf(request), request.params.code)),
  );

  api.get(
    '/api/responsibility-grids',
    {
      schema: {
        tags,
        summary: 'Responsibility grids and their supervisors / 责任网格',
        querystring: Type.Object({
          division: Type.Optional(Type.String({ pattern: '^[0-9]{6}([0-9]{3}){0,2}$' })),
        }),
        response: {
          200: Type.Object({ items: Type.Array(ResponsibilityGrid) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const rows = await listResponsibilityGrids(
        ctx,
        actorOf(request),
        request.query.division ? { prefix: request.query.division } : {},
      );
      return {
        items: rows.map((r) => ({
          code: r.code,
          name: r.name,
          districtCode: r.district_code,
          streetCode: r.street_code,
          gridCount: r.grid_count ?? 0,
          supervisors: r.supervisors,
        })),
      };
    },
  );

  api.put(
    '/api/responsibility-grids/:code',
    {
      schema: {
        tags,
        summary: 'Create or replace a responsibility grid (admin) / 设置责任网格',
        params: ResponsibilityGridParams,
        body: PutResponsibilityGridBody,
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      await putResponsibilityGrid(ctx, actorOf(request), {
        code: request.params.code,
        ...request.body,
      });
      return { ok: true as const };
    },
  );
};
