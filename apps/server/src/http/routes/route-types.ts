import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '@xiuhua/core';
import type { FastifyInstance } from 'fastify';

/** Typed by the TypeBox contract: request bodies, params and queries are inferred. */
export function withTypes(app: FastifyInstance) {
  return app.withTypeProvider<TypeBoxTypeProvider>();
}

/** Each feature's routes register through one function of this shape. */
export type RouteModule = (app: FastifyInstance, ctx: AppContext) => void;
