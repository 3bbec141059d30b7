import {
  evaluationPublication,
  listEvaluationPublications,
  publishEvaluation,
  withdrawEvaluationPublication,
} from '@xiuhua/core';
import {
  EvaluationPublicationList,
  EvaluationPublicationOut,
  EvaluationPublicationParams,
  EvaluationPublishBody,
  PublicEvaluationList,
  PublicEvaluationOut,
  errorResponses,
} from '@xiuhua/contract';
import { Type } from '@sinclair/typebox';
import { actorOf } from '../../auth/auth.plugin';
import {
  presentEvaluationPublication,
  presentPublicEvaluation,
  presentPublicEvaluationSummary,
} from '../../presenters/evaluation-publication.presenter';
import { withTypes, type RouteModule } from '../route-types';

const notFound = { 404: { $ref: 'ErrorResponse#' } } as const;

/**
 * 定期发布评价结果: staff publish a period's names, ranks, scores and grades; anyone reads the
 * published periods. The public reads are stored snapshots (one row each), cheap enough to need
 * no rate limit, unlike the public endpoints that write.
 */
export const evaluationPublicationRoutes: RouteModule = (app, ctx) => {
  const api = withTypes(app);
  const tags = ['evaluation'];

  api.get(
    '/api/evaluation/publications',
    {
      schema: {
        tags,
        summary: 'Published evaluation results, newest first (staff) / 已发布的评价结果',
        response: { 200: EvaluationPublicationList, ...errorResponses },
      },
    },
    // Any logged-in user: the route is not public, so the auth plugin has refused anonymous calls.
    async () => ({
      items: (await listEvaluationPublications(ctx)).map(presentEvaluationPublication),
    }),
  );

  api.post(
    '/api/evaluation/publications',
    {
      schema: {
        tags,
        summary: 'Publish (or re-publish) a period’s results (admin, commander) / 发布评价结果',
        description:
          'Evaluates each object type (default: streets and first-level departments) and stores only names, ranks, scores and grades; positions without names unless personNames. Re-publishing a period replaces it. Audited.',
        body: EvaluationPublishBody,
        response: { 201: EvaluationPublicationOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const published = await publishEvaluation(ctx, actorOf(request), request.body);
      return reply.status(201).send(presentEvaluationPublication(published));
    },
  );

  api.delete(
    '/api/evaluation/publications/:period',
    {
      schema: {
        tags,
        summary: 'Withdraw a period’s published results (admin, commander) / 撤回',
        params: EvaluationPublicationParams,
        response: { 204: Type.Null(), ...errorResponses, ...notFound },
      },
    },
    async (request, reply) => {
      await withdrawEvaluationPublication(ctx, actorOf(request), request.params.period);
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/api/public/evaluations',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['citizen'],
        summary: 'Published evaluation periods (no login) / 评价结果公示',
        response: { 200: PublicEvaluationList },
      },
    },
    async () => ({
      items: (await listEvaluationPublications(ctx)).map(presentPublicEvaluationSummary),
    }),
  );

  api.get(
    '/api/public/evaluations/:period',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['citizen'],
        summary: 'One published period’s rankings (no login) / 评价结果',
        params: EvaluationPublicationParams,
        response: { 200: PublicEvaluationOut, ...errorResponses, ...notFound },
      },
    },
    async (request) =>
      presentPublicEvaluation(await evaluationPublication(ctx, request.params.period)),
  );
};
