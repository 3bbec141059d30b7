import { Type, type Static } from '@sinclair/typebox';
import {
  caseTimeline,
  createCase,
  duplicatesOf,
  getCaseView,
  listCases,
  performCaseAction,
  verifyCaseAudit,
  queueCounts,
  verifyAllAudit,
  type CaseListQuery,
} from '@xiuhua/core';
import {
  AuditVerification,
  CaseActionBody,
  CaseActionLogEntry,
  CaseActionParams,
  CaseIdParams,
  CaseOut,
  CasesQuery,
  CreateCaseBody,
  Paged,
  errorResponses,
} from '@xiuhua/contract';
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../../auth/auth.plugin';
import { presentCase, presentCaseView, presentLogEntry } from '../../presenters/case.presenter';
import { toCsv } from '../../presenters/csv';
import { toXlsx } from '../../presenters/xlsx';
import { idempotencyKeyOf } from '../../idempotency.plugin';
import { withTypes, type RouteModule } from '../route-types';

const conflict = { 404: { $ref: 'ErrorResponse#' }, 409: { $ref: 'ErrorResponse#' } } as const;

export const caseRoutes: RouteModule = (app, ctx) => {
  const api = withTypes(app);
  const tags = ['cases'];

  api.post(
    '/api/cases',
    {
      config: { idempotency: 'handled' },
      schema: {
        tags,
        summary: 'Open a case / 新建案件',
        description:
          'Send an Idempotency-Key header: a retry with the same key and body returns the first answer and creates nothing.',
        body: CreateCaseBody,
        response: { 201: CaseOut, ...errorResponses, ...conflict },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const key = idempotencyKeyOf(request);
      const result = await createCase(ctx, actor, request.body, key ? { idempotencyKey: key } : {});
      if (result.replayed) void reply.header('idempotent-replayed', 'true');
      // A fresh case's row is the one just written; a replay reads the case as it is now.
      const view = await getCaseView(
        ctx,
        actor,
        result.body.id,
        result.replayed ? undefined : result.body,
      );
      const duplicates = await duplicatesOf(ctx, view.case);
      return reply.status(201).send({
        ...presentCaseView(view),
        possibleDuplicates: duplicates.map((d) => ({
          id: d.id,
          caseNumber: d.case_number,
          state: d.state,
          distanceM: d.distanceM,
        })),
      });
    },
  );

  const listQuery = (query: {
    state?: string;
    source?: string;
    grid?: string;
    region?: string;
    classId?: number;
    q?: string;
    from?: string;
    to?: string;
    mine?: boolean;
    department?: number;
    keySupervision?: boolean;
    light?: 'green' | 'yellow' | 'red';
    sort?: 'newest' | 'oldest' | 'due';
  }): CaseListQuery => ({
    ...(query.state ? { states: query.state.split(',').map((s) => s.trim()) } : {}),
    ...(query.source ? { source: query.source } : {}),
    ...(query.grid ? { gridCode: query.grid } : {}),
    ...(query.region ? { region: query.region } : {}),
    ...(query.classId ? { classId: query.classId } : {}),
    ...(query.q ? { q: query.q } : {}),
    ...(query.from ? { from: new Date(query.from) } : {}),
    ...(query.to ? { to: new Date(query.to) } : {}),
    ...(query.mine ? { mine: true } : {}),
    ...(query.department ? { departmentId: query.department } : {}),
    ...(query.keySupervision !== undefined ? { keySupervision: query.keySupervision } : {}),
    ...(query.light ? { light: query.light } : {}),
    ...(query.sort ? { sort: query.sort } : {}),
  });

  api.get(
    '/api/cases',
    {
      schema: {
        tags,
        summary: 'Cases visible to me, as queues / 案件列表与队列',
        querystring: CasesQuery,
        response: { 200: Paged(CaseOut), ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { page, pageSize } = request.query;
      const result = await listCases(ctx, actor, listQuery(request.query), { page, pageSize });
      return {
        ...result,
        items: result.items.map((row) =>
          presentCase(row, { showReporter: actor.scope.kind !== 'department' }),
        ),
      };
    },
  );

  const EXPORT_HEADER = [
    '案卷号 case_number',
    '状态 state',
    '来源 source',
    '类别 class_id',
    '紧急 urgency',
    '描述 description',
    '地址 address',
    '网格 grid',
    '街道 street',
    '灯 light',
    '创建 created_at',
    '结案 closed_at',
  ];
  const exportRows = async (request: FastifyRequest, query: Static<typeof CasesQuery>) => {
    const result = await listCases(ctx, actorOf(request), listQuery(query), {
      page: 1,
      pageSize: 10_000,
    });
    return result.items.map((r) => [
      r.case_number,
      r.state,
      r.source,
      r.class_id,
      r.urgency,
      r.description,
      r.address,
      r.grid_code,
      r.street_code,
      r.light,
      r.created_at,
      r.closed_at,
    ]);
  };

  api.get(
    '/api/cases/export.csv',
    {
      schema: {
        tags,
        summary: 'The same list as CSV, up to 10,000 rows / 导出 CSV',
        querystring: CasesQuery,
      },
    },
    async (request, reply) =>
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="cases.csv"')
        .send(toCsv(EXPORT_HEADER, await exportRows(request, request.query))),
  );

  api.get(
    '/api/cases/export.xlsx',
    {
      schema: {
        tags,
        summary: 'The same list as an Excel workbook, up to 10,000 rows / 导出 Excel',
        querystring: CasesQuery,
      },
    },
    async (request, reply) =>
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="cases.xlsx"')
        .send(
          Buffer.from(
            toXlsx('案件 cases', EXPORT_HEADER, await exportRows(request, request.query)),
          ),
        ),
  );

  api.get(
    '/api/queues',
    {
      schema: {
        tags,
        summary: 'Open case counts per state and overdue, for my scope / 待办队列计数',
        response: {
          200: Type.Object({
            states: Type.Record(Type.String(), Type.Integer()),
            overdue: Type.Integer(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => queueCounts(ctx, actorOf(request)),
  );

  api.get(
    '/api/audit/verify',
    {
      schema: {
        tags,
        summary: 'Verify the whole action-log chain (admin) / 校验全部审计链',
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            cases: Type.Integer(),
            actions: Type.Integer(),
            broken: Type.Array(
              Type.Object({
                caseId: Type.Integer(),
                brokenAt: Type.Union([Type.Integer(), Type.Null()]),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => verifyAllAudit(ctx, actorOf(request)),
  );

  api.get(
    '/api/cases/:id',
    {
      schema: {
        tags,
        summary: 'One case with allowed actions and timers / 案件详情',
        params: CaseIdParams,
        response: { 200: CaseOut, ...errorResponses, ...conflict },
      },
    },
    async (request) => presentCaseView(await getCaseView(ctx, actorOf(request), request.params.id)),
  );

  api.post(
    '/api/cases/:id/actions/:action',
    {
      schema: {
        tags,
        summary: 'Take a workflow action / 案件操作',
        description:
          'Actions and their rules: docs/workflow.md. The body carries the version you saw and the form fields the action needs.',
        params: CaseActionParams,
        body: CaseActionBody,
        response: { 200: CaseOut, ...errorResponses, ...conflict },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { version, ...input } = request.body;
      await performCaseAction(ctx, actor, {
        caseId: request.params.id,
        action: request.params.action,
        version,
        input,
      });
      return presentCaseView(await getCaseView(ctx, actor, request.params.id));
    },
  );

  api.get(
    '/api/cases/:id/timeline',
    {
      schema: {
        tags,
        summary: 'The action log / 办理过程',
        params: CaseIdParams,
        response: {
          200: Type.Object({ items: Type.Array(CaseActionLogEntry) }),
          ...errorResponses,
          ...conflict,
        },
      },
    },
    async (request) => ({
      items: (await caseTimeline(ctx, actorOf(request), request.params.id)).map(presentLogEntry),
    }),
  );

  api.get(
    '/api/cases/:id/audit',
    {
      schema: {
        tags,
        summary: 'Verify the hash chain of the action log / 校验审计链',
        params: CaseIdParams,
        response: { 200: AuditVerification, ...errorResponses, ...conflict },
      },
    },
    async (request) => verifyCaseAudit(ctx, actorOf(request), request.params.id),
  );
};
