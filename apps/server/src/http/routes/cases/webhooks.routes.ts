import { Type } from '@sinclair/typebox';
import {
  addWebhook,
  disableWebhook,
  listWebhooks,
  stuckDeliveries,
  type WebhookDeliveryRow,
} from '@xiuhua/core';
import { IdParams, Ok, errorResponses } from '@xiuhua/contract';
import { actorOf } from '../../auth/auth.plugin';
import { withTypes, type RouteModule } from '../route-types';

const Delivery = Type.Object({
  id: Type.Integer(),
  subscriptionId: Type.Integer(),
  eventId: Type.Integer(),
  status: Type.String(),
  attempts: Type.Integer(),
  nextAttemptAt: Type.String(),
  lastStatus: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
});
const presentDelivery = (d: WebhookDeliveryRow) => ({
  id: d.id,
  subscriptionId: d.subscription_id,
  eventId: d.event_id,
  status: d.status,
  attempts: d.attempts,
  nextAttemptAt: d.next_attempt_at.toISOString(),
  lastStatus: d.last_status,
  lastError: d.last_error,
});

export const webhookRoutes: RouteModule = (app, ctx) => {
  const api = withTypes(app);
  const tags = ['webhooks'];

  api.get(
    '/api/webhooks',
    {
      schema: {
        tags,
        summary: 'Webhook subscriptions (admin) / 事件订阅',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.Integer(),
                name: Type.String(),
                url: Type.String(),
                eventTypes: Type.Array(Type.String()),
                active: Type.Boolean(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({
      items: (await listWebhooks(ctx, actorOf(request))).map((s) => ({
        id: s.id,
        name: s.name,
        url: s.url,
        eventTypes: s.event_types,
        active: s.active,
      })),
    }),
  );

  api.post(
    '/api/webhooks',
    {
      schema: {
        tags,
        summary: 'Subscribe a URL to case events (admin) / 新增事件订阅',
        description:
          'Deliveries are POSTed as JSON with x-xiuhua-event, x-xiuhua-delivery and x-xiuhua-signature (sha256=HMAC of the body with the secret). Failures retry with back-off.',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            url: Type.String({ minLength: 8, maxLength: 500 }),
            eventTypes: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 50 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            id: Type.Integer(),
            secret: Type.String({ description: 'shown once' }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addWebhook(ctx, actorOf(request), request.body)),
  );

  api.delete(
    '/api/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Disable a subscription (admin) / 停用订阅',
        params: IdParams,
        response: { 200: Ok, ...errorResponses, 404: { $ref: 'ErrorResponse#' } },
      },
    },
    async (request) => {
      await disableWebhook(ctx, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  api.get(
    '/api/webhooks/stuck',
    {
      schema: {
        tags,
        summary: 'Failed deliveries and ones pending for over 30 minutes (admin) / 投递积压',
        response: {
          200: Type.Object({ failed: Type.Array(Delivery), pending: Type.Array(Delivery) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const result = await stuckDeliveries(ctx, actorOf(request));
      return {
        failed: result.failed.map(presentDelivery),
        pending: result.pending.map(presentDelivery),
      };
    },
  );
};
