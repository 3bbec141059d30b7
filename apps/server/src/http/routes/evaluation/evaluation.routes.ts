import {
  drillDown,
  evaluate,
  evaluationReport,
  evaluationScheme,
  rebuildEvaluationFacts,
  saveEvaluationScheme,
} from '@xiuhua/core';
import {
  EvaluationDrillQuery,
  EvaluationDrillResult,
  EvaluationQuery,
  EvaluationResult,
  EvaluationSchemeBody,
  errorResponses,
} from '@xiuhua/contract';
import { requireAnyRole, type EvaluationScheme } from '@xiuhua/domain';
import { Type } from '@sinclair/typebox';
import { actorOf } from '../../auth/auth.plugin';
import {
  evaluationSheets,
  presentEvaluation,
  presentPeriod,
} from '../../presenters/evaluation.presenter';
import { toWorkbook } from '../../presenters/xlsx';
import { withTypes, type RouteModule } from '../route-types';

/** 综合评价: scores, grades and rankings per period, the cases behind each number, the scheme. */
export const evaluationRoutes: RouteModule = (app, ctx) => {
  const api = withTypes(app);
  const tags = ['evaluation'];

  api.get(
    '/api/evaluation',
    {
      schema: {
        tags,
        summary: 'Scores, grades and ranks of one object type for a period / 综合评价',
        description:
          'Regions, departments or positions scored with the scheme in force (GET /api/evaluation/scheme). Every count is the sum of indicator facts; steps count in the period of their deadline, open overdue ones as late. See docs/evaluation.md.',
        querystring: EvaluationQuery,
        response: { 200: EvaluationResult, ...errorResponses },
      },
    },
    async (request) => presentEvaluation(await evaluate(ctx, actorOf(request), request.query)),
  );

  api.get(
    '/api/evaluation/report.xlsx',
    {
      schema: {
        tags,
        summary: 'The evaluation report as Excel, one sheet per object type / 评价报表',
        querystring: Type.Omit(EvaluationQuery, ['objectType']),
      },
    },
    async (request, reply) => {
      const reports = await evaluationReport(ctx, actorOf(request), request.query);
      const name = `evaluation-${reports[0]?.period.label ?? request.query.period}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name.replace(/[^\w.~-]/g, '_')}"`)
        .send(Buffer.from(toWorkbook(evaluationSheets(reports))));
    },
  );

  api.get(
    '/api/evaluation/drill',
    {
      schema: {
        tags,
        summary: 'The cases behind one number of an evaluation / 指标明细',
        querystring: EvaluationDrillQuery,
        response: { 200: EvaluationDrillResult, ...errorResponses },
      },
    },
    async (request) => {
      const result = await drillDown(ctx, actorOf(request), request.query);
      return {
        indicator: result.indicator,
        period: presentPeriod(result.period),
        total: result.total,
        items: result.items.map((i) => ({
          caseId: i.caseId,
          caseNumber: i.caseNumber,
          at: i.at.toISOString(),
          finishedAt: i.finishedAt?.toISOString() ?? null,
          onTime: i.onTime,
        })),
      };
    },
  );

  api.get(
    '/api/evaluation/scheme',
    {
      schema: {
        tags,
        summary: 'The evaluation scheme in force / 评价方案',
        response: errorResponses,
      },
    },
    async () => evaluationScheme(ctx),
  );

  api.put(
    '/api/evaluation/scheme',
    {
      schema: {
        tags,
        summary: 'Replace the evaluation scheme (admin) / 修改评价方案',
        description:
          'Weights must sum to 100 per object type; every problem is listed in error.details.',
        body: EvaluationSchemeBody,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await saveEvaluationScheme(
        ctx,
        actorOf(request),
        request.body as unknown as EvaluationScheme,
      );
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/api/evaluation/rebuild',
    {
      config: { idempotency: 'off' },
      schema: {
        tags,
        summary: 'Recompute every case’s indicator facts from its log (admin) / 重算指标',
        response: { 200: Type.Object({ cases: Type.Integer() }), ...errorResponses },
      },
    },
    async (request) => {
      requireAnyRole(actorOf(request), ['admin']);
      return rebuildEvaluationFacts(ctx);
    },
  );
};
