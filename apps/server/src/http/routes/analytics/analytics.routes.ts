import {
  analyticsHotspots,
  analyticsOverdueDepartments,
  analyticsPatterns,
  analyticsRecurrence,
  analyticsTrends,
} from '@xiuhua/core';
import {
  HotspotsOut,
  HotspotsQuery,
  OverdueDepartmentsOut,
  OverdueDepartmentsQuery,
  PatternsOut,
  PatternsQuery,
  RecurrenceOut,
  RecurrenceQuery,
  TrendsOut,
  TrendsQuery,
  errorResponses,
} from '@xiuhua/contract';
import { actorOf } from '../../auth/auth.plugin';
import {
  presentHotspots,
  presentOverdueDepartments,
  presentPatterns,
  presentRecurrence,
  presentTrends,
} from '../../presenters/analytics.presenter';
import { withTypes, type RouteModule } from '../route-types';

const WHO =
  'Commanders, leaders, shift leaders, dispatchers, operators and admins; region-scoped users see their region only; departments get 403. See docs/analytics.md.';

/** Analytics over reported cases and disposal deadlines (docs/analytics.md). */
export const analyticsRoutes: RouteModule = (app, ctx) => {
  const api = withTypes(app);
  const tags = ['analytics'];

  api.get(
    '/api/analytics/hotspots',
    {
      schema: {
        tags,
        summary: 'Areas with the most cases, and a heat map / 高发区域与热力图',
        description: WHO,
        querystring: HotspotsQuery,
        response: { 200: HotspotsOut, ...errorResponses },
      },
    },
    async (request) =>
      presentHotspots(await analyticsHotspots(ctx, actorOf(request), request.query)),
  );

  api.get(
    '/api/analytics/trends',
    {
      schema: {
        tags,
        summary: 'Cases per day, week or month with period-over-period change / 趋势与环比',
        description: WHO,
        querystring: TrendsQuery,
        response: { 200: TrendsOut, ...errorResponses },
      },
    },
    async (request) => presentTrends(await analyticsTrends(ctx, actorOf(request), request.query)),
  );

  api.get(
    '/api/analytics/recurrence',
    {
      schema: {
        tags,
        summary: 'Places where the same class recurred / 重复发生',
        description: WHO,
        querystring: RecurrenceQuery,
        response: { 200: RecurrenceOut, ...errorResponses },
      },
    },
    async (request) =>
      presentRecurrence(await analyticsRecurrence(ctx, actorOf(request), request.query)),
  );

  api.get(
    '/api/analytics/patterns',
    {
      schema: {
        tags,
        summary: 'Cases per weekday and local hour / 时段分布',
        description: WHO,
        querystring: PatternsQuery,
        response: { 200: PatternsOut, ...errorResponses },
      },
    },
    async (request) =>
      presentPatterns(await analyticsPatterns(ctx, actorOf(request), request.query)),
  );

  api.get(
    '/api/analytics/overdue-departments',
    {
      schema: {
        tags,
        summary: 'Departments ranked by overdue disposals / 超期处置部门排名',
        description: WHO,
        querystring: OverdueDepartmentsQuery,
        response: { 200: OverdueDepartmentsOut, ...errorResponses },
      },
    },
    async (request) =>
      presentOverdueDepartments(
        await analyticsOverdueDepartments(ctx, actorOf(request), request.query),
      ),
  );
};
