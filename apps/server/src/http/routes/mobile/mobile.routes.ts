import { Type } from '@sinclair/typebox';
import {
  classPicker,
  clockIn,
  clockOut,
  myGrids,
  patrolDay,
  recordPatrolPoints,
} from '@xiuhua/core';
import {
  ClockInBody,
  MyGridOut,
  PatrolDayOut,
  PatrolPointsBody,
  PickerClassOut,
  ShiftOut,
  errorResponses,
} from '@xiuhua/contract';
import type { PatrolShiftRow } from '@xiuhua/core';
import { actorOf } from '../../auth/auth.plugin';
import { withTypes, type RouteModule } from '../route-types';

const shiftOut = (s: PatrolShiftRow) => ({
  id: s.id,
  startedAt: s.started_at.toISOString(),
  endedAt: s.ended_at?.toISOString() ?? null,
});
const conflict = { 409: { $ref: 'ErrorResponse#' } } as const;

/** What the supervisor app (城管通) needs beyond the case API: its grids, classes and patrol. */
export const mobileRoutes: RouteModule = (app, ctx) => {
  const api = withTypes(app);
  const tags = ['supervisor app'];

  api.get(
    '/api/mobile/classes',
    {
      schema: {
        tags,
        summary: 'Classes for the report picker, with pinyin / 上报类别（含拼音）',
        response: { 200: Type.Object({ items: Type.Array(PickerClassOut) }), ...errorResponses },
      },
    },
    async () => ({ items: await classPicker(ctx) }),
  );

  api.get(
    '/api/mobile/grids',
    {
      schema: {
        tags,
        summary: 'My unit grids with outlines (supervisors) / 我的责任网格',
        response: { 200: Type.Object({ items: Type.Array(MyGridOut) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await myGrids(ctx, actorOf(request)) }),
  );

  api.post(
    '/api/patrol/clock-in',
    {
      config: { idempotency: 'off' },
      schema: {
        tags,
        summary: 'Clock in (opens a shift; again while open answers that shift) / 上班打卡',
        body: ClockInBody,
        response: { 200: ShiftOut, 201: ShiftOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { shift, alreadyOpen } = await clockIn(ctx, actorOf(request), request.body);
      return reply.status(alreadyOpen ? 200 : 201).send(shiftOut(shift));
    },
  );

  api.post(
    '/api/patrol/clock-out',
    {
      schema: {
        tags,
        summary: 'Clock out / 下班打卡',
        response: { 200: ShiftOut, ...errorResponses, ...conflict },
      },
    },
    async (request) => shiftOut(await clockOut(ctx, actorOf(request))),
  );

  api.post(
    '/api/patrol/points',
    {
      config: { idempotency: 'off' },
      schema: {
        tags,
        summary: 'Upload patrol positions; re-sent ones are skipped / 上传巡查轨迹',
        body: PatrolPointsBody,
        response: {
          200: Type.Object({ received: Type.Integer(), recorded: Type.Integer() }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      recordPatrolPoints(
        ctx,
        actorOf(request),
        request.body.points.map((p) => ({ ...p, at: new Date(p.at) })),
      ),
  );

  api.get(
    '/api/patrol/day',
    {
      schema: {
        tags,
        summary: 'My patrol of a day: shifts, track, coverage per grid / 当日巡查与网格覆盖',
        querystring: Type.Object({
          day: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
        }),
        response: { 200: PatrolDayOut, ...errorResponses },
      },
    },
    async (request) => {
      const day = await patrolDay(ctx, actorOf(request), request.query.day);
      return {
        day: day.day,
        covered: day.covered,
        total: day.total,
        grids: day.grids.map((g) => ({
          ...g,
          firstAt: g.firstAt?.toISOString() ?? null,
          lastAt: g.lastAt?.toISOString() ?? null,
        })),
        shifts: day.shifts.map(shiftOut),
        track: day.track.map((p) => ({
          at: p.at.toISOString(),
          lng: p.lng,
          lat: p.lat,
          gridCode: p.grid_code,
        })),
      };
    },
  );
};
