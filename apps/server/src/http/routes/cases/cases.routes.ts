import { Type } from '@sinclair/typebox';
import {
  caseTimeline,
  createCase,
  getCaseView,
  listCases,
  performCaseAction,
  verifyCaseAudit,
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
import { invalidInput } from '@xiuhua/domain';
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../../auth/auth.plugin';
import { presentCase, presentCaseView, presentLogEntry } from '../../presenters/case.presenter';
import { withTypes, type RouteModule } from '../route-types';

const conflict = { 404: { $ref: 'ErrorResponse#' }, 409: { $ref: 'ErrorResponse#' } } as const;

function idempotencyKey(request: FastifyRequest): string | undefined {
  const value = request.headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length < 1 || value.length > 200) {
    throw invalidInput('idempotency-key', {
      zh: '幂等键须为 1–200 个字符',
      en: 'must be 1–200 characters',
    });
  }
  return value;
}

export const caseRoutes: RouteModule = (app, ctx) => {
  const api = withTypes(app);
  const tags = ['cases'];

  api.post(
    '/api/cases',
    {
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
      const key = idempotencyKey(request);
      const result = await createCase(ctx, actor, request.body, key ? { idempotencyKey: key } : {});
      if (result.replayed) void reply.header('idempotent-replayed', 'true');
      const view = await getCaseView(ctx, actor, result.body.id);
      return reply.status(201).send(presentCaseView(view));
    },
  );

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
      const { state, source, grid, region, classId, q, from, to, page, pageSize } = request.query;
      const result = await listCases(
        ctx,
        actor,
        {
          ...(state ? { states: state.split(',').map((s) => s.trim()) } : {}),
          ...(source ? { source } : {}),
          ...(grid ? { gridCode: grid } : {}),
          ...(region ? { region } : {}),
          ...(classId ? { classId } : {}),
          ...(q ? { q } : {}),
          ...(from ? { from: new Date(from) } : {}),
          ...(to ? { to: new Date(to) } : {}),
        },
        { page, pageSize },
      );
      return {
        ...result,
        items: result.items.map((row) =>
          presentCase(row, { showReporter: actor.scope.kind !== 'department' }),
        ),
      };
    },
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
