import { Type } from '@sinclair/typebox';
import type { RouteModule } from '../route-types';
import { withTypes } from '../route-types';

export const healthRoutes: RouteModule = (app) => {
  withTypes(app).get(
    '/healthz',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Liveness / 健康检查',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
};
