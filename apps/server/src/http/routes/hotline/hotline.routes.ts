import { Type } from '@sinclair/typebox';
import {
  getHotlineOrder,
  linkHotlineOrder,
  listHotlineOrders,
  placeHotlineOrder,
  pushHotlineOrder,
  recordReturnVisit,
} from '@xiuhua/core';
import {
  HotlineLinkBody,
  HotlineOrderBody,
  HotlineOrderOut,
  HotlineOrdersQuery,
  HotlinePlaceBody,
  Paged,
  ReturnVisitBody,
  errorResponses,
} from '@xiuhua/contract';
import { actorOf } from '../../auth/auth.plugin';
import { requestLang } from '../../errors/locale';
import { presentHotlineOrder } from '../../presenters/hotline.presenter';
import { withTypes, type RouteModule } from '../route-types';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const conflict = { 404: { $ref: 'ErrorResponse#' }, 409: { $ref: 'ErrorResponse#' } } as const;
const tags = ['hotline'];

/** 12345 / 12319 work orders: push, place, link, read, return visits. */
export const hotlineRoutes: RouteModule = (app, ctx) => {
  const api = withTypes(app);

  api.post(
    '/api/hotline/orders',
    {
      // Re-pushing the same order number is naturally idempotent.
      config: { idempotency: 'off' },
      schema: {
        tags,
        summary: 'The hotline pushes a work order / 热线推送工单',
        description:
          'A located order (coordinates, or an address the geocoder finds) becomes a case at once; otherwise it waits for an operator. The same order number again answers 200 with the order as it stands.',
        body: HotlineOrderBody,
        response: { 200: HotlineOrderOut, 201: HotlineOrderOut, ...errorResponses, ...conflict },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const body = request.body;
      const { order, replayed } = await pushHotlineOrder(ctx, actor, {
        ...body,
        receivedAt: new Date(body.receivedAt),
        dueAt: body.dueAt ? new Date(body.dueAt) : null,
      });
      const view = await getHotlineOrder(ctx, actor, order.id);
      if (replayed) void reply.header('idempotent-replayed', 'true');
      return reply
        .status(replayed ? 200 : 201)
        .send(presentHotlineOrder(view, requestLang(request)));
    },
  );

  api.get(
    '/api/hotline/orders',
    {
      schema: {
        tags,
        summary: 'Hotline orders; unplaced=true for those waiting to be placed / 热线工单列表',
        querystring: HotlineOrdersQuery,
        response: { 200: Paged(HotlineOrderOut), ...errorResponses },
      },
    },
    async (request) => {
      const { page, pageSize, ...query } = request.query;
      const result = await listHotlineOrders(ctx, actorOf(request), query, { page, pageSize });
      const lang = requestLang(request);
      return { ...result, items: result.items.map((v) => presentHotlineOrder(v, lang)) };
    },
  );

  api.get(
    '/api/hotline/orders/:id',
    {
      schema: {
        tags,
        summary: 'One hotline order with its case and return visits / 工单详情',
        params: IdParams,
        response: { 200: HotlineOrderOut, ...errorResponses, ...conflict },
      },
    },
    async (request) =>
      presentHotlineOrder(
        await getHotlineOrder(ctx, actorOf(request), request.params.id),
        requestLang(request),
      ),
  );

  api.post(
    '/api/hotline/orders/:id/place',
    {
      config: { idempotency: 'off' },
      schema: {
        tags,
        summary: 'Place an unlocated order on the map: it becomes a case / 定位并转为案件',
        params: IdParams,
        body: HotlinePlaceBody,
        response: { 200: HotlineOrderOut, ...errorResponses, ...conflict },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const order = await placeHotlineOrder(ctx, actor, request.params.id, request.body);
      return presentHotlineOrder(await getHotlineOrder(ctx, actor, order.id), requestLang(request));
    },
  );

  api.post(
    '/api/hotline/orders/:id/link',
    {
      config: { idempotency: 'off' },
      schema: {
        tags,
        summary: 'Link an unplaced order to an existing case (duplicate call) / 关联已有案件',
        params: IdParams,
        body: HotlineLinkBody,
        response: { 200: HotlineOrderOut, ...errorResponses, ...conflict },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const order = await linkHotlineOrder(ctx, actor, request.params.id, request.body.caseId);
      return presentHotlineOrder(await getHotlineOrder(ctx, actor, order.id), requestLang(request));
    },
  );

  api.post(
    '/api/hotline/orders/:id/return-visits',
    {
      schema: {
        tags,
        summary: 'Record the return visit; dissatisfied reopens the case (重办) / 回访',
        params: IdParams,
        body: ReturnVisitBody,
        response: { 201: HotlineOrderOut, ...errorResponses, ...conflict },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await recordReturnVisit(ctx, actor, request.params.id, request.body);
      const view = await getHotlineOrder(ctx, actor, request.params.id);
      return reply.status(201).send(presentHotlineOrder(view, requestLang(request)));
    },
  );
};
