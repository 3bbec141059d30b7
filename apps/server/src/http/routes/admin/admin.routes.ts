import { seedDemo } from '@xiuhua/core';
import { DemoSeedReport, errorResponses } from '@xiuhua/contract';
import { actorOf } from '../../auth/auth.plugin';
import { readDemoSources } from '../../../demo/reference-data';
import { withTypes, type RouteModule } from '../route-types';

export const adminRoutes: RouteModule = (app, ctx) => {
  withTypes(app).post(
    '/api/admin/demo-seed',
    {
      schema: {
        tags: ['admin'],
        summary: 'Seed the Yangpu demo district into an empty database (admin) / 生成演示数据',
        response: { 201: DemoSeedReport, ...errorResponses, 409: { $ref: 'ErrorResponse#' } },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await seedDemo(ctx, actorOf(request), readDemoSources())),
  );
};
