import { Type } from '@sinclair/typebox';
import { caseSlips, issueSlip, listSlips, replySlip, type SlipRow } from '@xiuhua/core';
import {
  CaseIdParams,
  IdParams,
  IssueSlipBody,
  Paged,
  ReplySlipBody,
  Slip,
  SlipsQuery,
  errorResponses,
} from '@xiuhua/contract';
import { actorOf } from '../../auth/auth.plugin';
import { withTypes, type RouteModule } from '../route-types';

const conflict = { 404: { $ref: 'ErrorResponse#' }, 409: { $ref: 'ErrorResponse#' } } as const;

const presentSlip = (row: SlipRow) => ({
  id: row.id,
  caseId: row.case_id,
  kind: row.kind,
  origin: row.origin,
  departmentIds: row.department_ids,
  reason: row.reason,
  issuedBy: row.issued_by,
  issuedAt: row.issued_at.toISOString(),
  reply: row.reply,
  repliedAt: row.replied_at?.toISOString() ?? null,
});

export const slipRoutes: RouteModule = (app, ctx) => {
  const api = withTypes(app);
  const tags = ['supervision'];

  api.get(
    '/api/cases/:id/slips',
    {
      schema: {
        tags,
        summary: 'Slips of a case / 案件督办单',
        params: CaseIdParams,
        response: { 200: Type.Object({ items: Type.Array(Slip) }), ...errorResponses, ...conflict },
      },
    },
    async (request) => ({
      items: (await caseSlips(ctx, actorOf(request), request.params.id)).map(presentSlip),
    }),
  );

  api.post(
    '/api/cases/:id/slips',
    {
      schema: {
        tags,
        summary: 'Issue a slip by hand (commander) / 人工督办',
        params: CaseIdParams,
        body: IssueSlipBody,
        response: { 201: Slip, ...errorResponses, ...conflict },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          presentSlip(
            await issueSlip(ctx, actorOf(request), { caseId: request.params.id, ...request.body }),
          ),
        ),
  );

  api.get(
    '/api/slips',
    {
      schema: {
        tags,
        summary: 'Slips per department / 督办单列表',
        querystring: SlipsQuery,
        response: { 200: Paged(Slip), ...errorResponses },
      },
    },
    async (request) => {
      const { department, unanswered, page, pageSize } = request.query;
      const result = await listSlips(
        ctx,
        actorOf(request),
        {
          ...(department ? { departmentId: department } : {}),
          ...(unanswered ? { unansweredOnly: true } : {}),
        },
        { page, pageSize },
      );
      return { ...result, items: result.items.map(presentSlip) };
    },
  );

  api.post(
    '/api/slips/:id/reply',
    {
      schema: {
        tags,
        summary: 'Answer a slip (the department) / 回复督办',
        params: IdParams,
        body: ReplySlipBody,
        response: { 200: Slip, ...errorResponses, ...conflict },
      },
    },
    async (request) =>
      presentSlip(
        await replySlip(ctx, actorOf(request), {
          slipId: request.params.id,
          reply: request.body.reply,
        }),
      ),
  );
};
