import { Type } from '@sinclair/typebox';
import {
  createLocalClass,
  deleteClassRule,
  getClass,
  listClassMappings,
  listClasses,
  putClassRule,
  updateClass,
} from '@xiuhua/core';
import {
  CaseClass,
  ClassIdParams,
  ClassMapping,
  ClassRuleParams,
  ClassesQuery,
  CreateLocalClassBody,
  Ok,
  PutClassRuleBody,
  UpdateClassBody,
  errorResponses,
} from '@xiuhua/contract';
import { actorOf } from '../../auth/auth.plugin';
import { presentClass, standardOf } from '../../presenters/catalogue.presenter';
import { withTypes, type RouteModule } from '../route-types';

const notFound = { 404: { $ref: 'ErrorResponse#' } } as const;

export const classRoutes: RouteModule = (app, ctx) => {
  const api = withTypes(app);
  const tags = ['classes'];

  api.get(
    '/api/classes',
    {
      schema: {
        tags,
        summary: 'Class catalogue with rules / 部件事件类别目录',
        querystring: ClassesQuery,
        response: {
          200: Type.Object({ items: Type.Array(CaseClass), total: Type.Integer() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { standard, ...rest } = request.query;
      const resolved = standardOf(standard);
      const rows = await listClasses(ctx, { ...rest, ...(resolved ? { standard: resolved } : {}) });
      return { items: rows.map(presentClass), total: rows.length };
    },
  );

  api.post(
    '/api/classes',
    {
      schema: {
        tags,
        summary: 'Add a local extension class (admin) / 新增本地扩展类别',
        body: CreateLocalClassBody,
        response: { 201: CaseClass, ...errorResponses, 409: { $ref: 'ErrorResponse#' } },
      },
    },
    async (request, reply) => {
      const row = await createLocalClass(ctx, actorOf(request), request.body);
      return reply.status(201).send(presentClass(await getClass(ctx, row.id)));
    },
  );

  api.get(
    '/api/classes/:id',
    {
      schema: {
        tags,
        summary: 'One class with its rules / 类别详情',
        params: ClassIdParams,
        response: { 200: CaseClass, ...errorResponses, ...notFound },
      },
    },
    async (request) => presentClass(await getClass(ctx, request.params.id)),
  );

  api.patch(
    '/api/classes/:id',
    {
      schema: {
        tags,
        summary: 'Edit a class (admin) / 修改类别',
        params: ClassIdParams,
        body: UpdateClassBody,
        response: { 200: CaseClass, ...errorResponses, ...notFound },
      },
    },
    async (request) => {
      await updateClass(ctx, actorOf(request), request.params.id, request.body);
      return presentClass(await getClass(ctx, request.params.id));
    },
  );

  api.put(
    '/api/classes/:id/rules/:conditionCode/:urgency',
    {
      schema: {
        tags,
        summary:
          'Set filing condition, time limit, closing condition (admin) / 设置立案条件与处置时限',
        params: ClassRuleParams,
        body: PutClassRuleBody,
        response: { 200: CaseClass, ...errorResponses, ...notFound },
      },
    },
    async (request) => {
      const { id, conditionCode, urgency } = request.params;
      await putClassRule(
        ctx,
        actorOf(request),
        { classId: id, conditionCode, urgency },
        request.body,
      );
      return presentClass(await getClass(ctx, id));
    },
  );

  api.delete(
    '/api/classes/:id/rules/:conditionCode/:urgency',
    {
      schema: {
        tags,
        summary: 'Remove a rule (admin) / 删除时限规则',
        params: ClassRuleParams,
        response: { 200: Ok, ...errorResponses, ...notFound },
      },
    },
    async (request) => {
      const { id, conditionCode, urgency } = request.params;
      await deleteClassRule(ctx, actorOf(request), { classId: id, conditionCode, urgency });
      return { ok: true as const };
    },
  );

  api.get(
    '/api/class-mappings',
    {
      schema: {
        tags,
        summary: 'Legacy CJ/T 214 ↔ GB/T 47678.5-2026 mapping / 新旧类别对照',
        response: { 200: Type.Object({ items: Type.Array(ClassMapping) }), ...errorResponses },
      },
    },
    async () => ({
      items: (await listClassMappings(ctx)).map((m) => ({
        legacy: { id: m.legacy_id, code: m.legacy_code, kind: m.legacy_kind, name: m.legacy_name },
        current: {
          id: m.current_id,
          code: m.current_code,
          kind: m.current_kind,
          name: m.current_name,
        },
        note: m.note,
      })),
    }),
  );
};
