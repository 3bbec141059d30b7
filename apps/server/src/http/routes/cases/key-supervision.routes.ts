import { Type } from '@sinclair/typebox';
import {
  addKeyArea,
  addKeyPeriod,
  deleteKeyArea,
  deleteKeyPeriod,
  listKeySupervision,
  setAreaClass,
  setLimitFactor,
  updateKeyArea,
  updateKeyPeriod,
} from '@xiuhua/core';
import {
  AreaClassBody,
  DivisionParams,
  IdParams,
  KeyAreaBody,
  KeyPeriodBody,
  LimitFactorBody,
  LimitFactorParams,
  Ok,
  errorResponses,
} from '@xiuhua/contract';
import { actorOf } from '../../auth/auth.plugin';
import { withTypes, type RouteModule } from '../route-types';

const notFound = { 404: { $ref: 'ErrorResponse#' } } as const;
const created = { 201: Type.Object({ id: Type.Integer() }) } as const;

export const keySupervisionRoutes: RouteModule = (app, ctx) => {
  const api = withTypes(app);
  const tags = ['key-supervision'];

  api.get(
    '/api/key-supervision',
    {
      schema: {
        tags,
        summary: 'Key areas, key periods and limit factors / 重点监管设置',
        response: {
          200: Type.Object({
            areas: Type.Array(Type.Unknown()),
            periods: Type.Array(Type.Unknown()),
            factors: Type.Record(Type.String(), Type.Number()),
          }),
          ...errorResponses,
        },
      },
    },
    async () => {
      const result = await listKeySupervision(ctx);
      return {
        areas: result.areas.map((a) => ({
          id: a.id,
          name: a.name,
          factor: a.factor,
          active: a.active,
          geometry: a.geometry,
        })),
        periods: result.periods.map((p) => ({
          id: p.id,
          name: p.name,
          factor: p.factor,
          startsAt: p.starts_at.toISOString(),
          endsAt: p.ends_at.toISOString(),
        })),
        factors: result.factors,
      };
    },
  );

  api.post(
    '/api/key-areas',
    {
      schema: {
        tags,
        summary: 'Add a key area (admin, commander) / 新增重点区域',
        body: KeyAreaBody,
        response: { ...created, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ id: await addKeyArea(ctx, actorOf(request), request.body) }),
  );
  api.put(
    '/api/key-areas/:id',
    {
      schema: {
        tags,
        summary: 'Change a key area (admin, commander) / 修改重点区域',
        params: IdParams,
        body: KeyAreaBody,
        response: { 200: Ok, ...errorResponses, ...notFound },
      },
    },
    async (request) => {
      await updateKeyArea(ctx, actorOf(request), request.params.id, request.body);
      return { ok: true as const };
    },
  );
  api.delete(
    '/api/key-areas/:id',
    {
      schema: {
        tags,
        summary: 'Remove a key area / 删除重点区域',
        params: IdParams,
        response: { 200: Ok, ...errorResponses, ...notFound },
      },
    },
    async (request) => {
      await deleteKeyArea(ctx, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
  api.post(
    '/api/key-periods',
    {
      schema: {
        tags,
        summary: 'Add a key period (admin, commander) / 新增重点时段',
        body: KeyPeriodBody,
        response: { ...created, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        id: await addKeyPeriod(ctx, actorOf(request), {
          ...request.body,
          startsAt: new Date(request.body.startsAt),
          endsAt: new Date(request.body.endsAt),
        }),
      }),
  );
  api.put(
    '/api/key-periods/:id',
    {
      schema: {
        tags,
        summary: 'Change a key period (admin, commander) / 修改重点时段',
        params: IdParams,
        body: KeyPeriodBody,
        response: { 200: Ok, ...errorResponses, ...notFound },
      },
    },
    async (request) => {
      await updateKeyPeriod(ctx, actorOf(request), request.params.id, {
        ...request.body,
        startsAt: new Date(request.body.startsAt),
        endsAt: new Date(request.body.endsAt),
      });
      return { ok: true as const };
    },
  );
  api.delete(
    '/api/key-periods/:id',
    {
      schema: {
        tags,
        summary: 'Remove a key period / 删除重点时段',
        params: IdParams,
        response: { 200: Ok, ...errorResponses, ...notFound },
      },
    },
    async (request) => {
      await deleteKeyPeriod(ctx, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
  api.put(
    '/api/limit-factors/:key',
    {
      schema: {
        tags,
        summary: 'Set a limit factor (admin) / 设置时限系数',
        params: LimitFactorParams,
        body: LimitFactorBody,
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      await setLimitFactor(ctx, actorOf(request), {
        key: request.params.key,
        factor: request.body.factor,
      });
      return { ok: true as const };
    },
  );
  api.put(
    '/api/divisions/:code/area-class',
    {
      schema: {
        tags,
        summary: 'Urban core / fringe / rural class of a region (admin) / 区域分类',
        params: DivisionParams,
        body: AreaClassBody,
        response: { 200: Ok, ...errorResponses, ...notFound },
      },
    },
    async (request) => {
      await setAreaClass(ctx, actorOf(request), {
        divisionCode: request.params.code,
        areaClass: request.body.areaClass,
      });
      return { ok: true as const };
    },
  );
};
