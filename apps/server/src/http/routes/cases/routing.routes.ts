import { Type } from '@sinclair/typebox';
import {
  addRoutingRule,
  deleteRoutingRule,
  findDuplicates,
  listRoutingRules,
  suggestDispatch,
} from '@xiuhua/core';
import {
  CaseIdParams,
  CaseOut,
  CreateRoutingRuleBody,
  DispatchSuggestion,
  DuplicatesQuery,
  IdParams,
  Nullable,
  Ok,
  RoutingRule,
  errorResponses,
} from '@xiuhua/contract';
import { actorOf } from '../../auth/auth.plugin';
import { presentCase } from '../../presenters/case.presenter';
import { withTypes, type RouteModule } from '../route-types';

const notFound = { 404: { $ref: 'ErrorResponse#' } } as const;

export const routingRoutes: RouteModule = (app, ctx) => {
  const api = withTypes(app);
  const tags = ['routing'];

  api.get(
    '/api/cases/:id/dispatch-suggestion',
    {
      schema: {
        tags,
        summary: 'The department this case should go to / 派遣建议',
        params: CaseIdParams,
        response: {
          200: Type.Object({ suggestion: Nullable(DispatchSuggestion) }),
          ...errorResponses,
          ...notFound,
        },
      },
    },
    async (request) => ({
      suggestion: await suggestDispatch(ctx, actorOf(request), request.params.id),
    }),
  );

  api.get(
    '/api/cases/:id/duplicates',
    {
      schema: {
        tags,
        summary: 'Open cases of the same class nearby / 疑似重复案件',
        params: CaseIdParams,
        querystring: DuplicatesQuery,
        response: {
          200: Type.Object({ items: Type.Array(CaseOut) }),
          ...errorResponses,
          ...notFound,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await findDuplicates(ctx, actor, request.params.id, request.query);
      return {
        items: rows.map((r) => presentCase(r, { showReporter: actor.scope.kind !== 'department' })),
      };
    },
  );

  api.get(
    '/api/routing-rules',
    {
      schema: {
        tags,
        summary: 'Responsibility matrix: class × region → department / 派遣规则',
        response: { 200: Type.Object({ items: Type.Array(RoutingRule) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: (await listRoutingRules(ctx, actorOf(request))).map((r) => ({
        id: r.id,
        classId: r.class_id,
        regionCode: r.region_code,
        departmentId: r.department_id,
        note: r.note,
      })),
    }),
  );

  api.post(
    '/api/routing-rules',
    {
      schema: {
        tags,
        summary: 'Add a routing rule (admin) / 新增派遣规则',
        body: CreateRoutingRuleBody,
        response: {
          201: Type.Object({ id: Type.Integer() }),
          ...errorResponses,
          409: { $ref: 'ErrorResponse#' },
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ id: await addRoutingRule(ctx, actorOf(request), request.body) }),
  );

  api.delete(
    '/api/routing-rules/:id',
    {
      schema: {
        tags,
        summary: 'Remove a routing rule (admin) / 删除派遣规则',
        params: IdParams,
        response: { 200: Ok, ...errorResponses, ...notFound },
      },
    },
    async (request) => {
      await deleteRoutingRule(ctx, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
};
