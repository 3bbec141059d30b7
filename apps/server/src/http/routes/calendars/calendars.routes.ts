import { Type } from '@sinclair/typebox';
import {
  calendarDays,
  clearCalendarDay,
  computeDeadline,
  createTimingScheme,
  listTimingSchemes,
  putSchemeVersion,
  setCalendarDays,
  workingMinutesBetween,
} from '@xiuhua/core';
import {
  CalendarDay,
  CalendarDaysQuery,
  CreateTimingSchemeBody,
  DeadlineQuery,
  DeadlineResponse,
  Ok,
  SchemeCodeParams,
  SchemeDayParams,
  SchemeVersion,
  SetCalendarDaysBody,
  TimingScheme,
  WorkingTimeQuery,
  WorkingTimeResponse,
  errorResponses,
} from '@xiuhua/contract';
import { actorOf } from '../../auth/auth.plugin';
import { withTypes, type RouteModule } from '../route-types';

const notFound = { 404: { $ref: 'ErrorResponse#' } } as const;

export const calendarRoutes: RouteModule = (app, ctx) => {
  const api = withTypes(app);
  const tags = ['calendars'];

  api.get(
    '/api/calendars',
    {
      schema: {
        tags,
        summary: 'Timing schemes and their versions / 作息方案',
        response: { 200: Type.Object({ items: Type.Array(TimingScheme) }), ...errorResponses },
      },
    },
    async () => ({
      items: (await listTimingSchemes(ctx)).map(({ scheme, versions }) => ({
        code: scheme.code,
        name: scheme.name,
        utcOffsetMinutes: scheme.utc_offset_minutes,
        isDefault: scheme.is_default,
        versions: versions.map((v) => ({
          validFrom: v.valid_from,
          periods: v.periods,
          workingWeekdays: v.working_weekdays,
        })),
      })),
    }),
  );

  api.post(
    '/api/calendars',
    {
      schema: {
        tags,
        summary: 'Create a timing scheme (admin) / 新建作息方案',
        body: CreateTimingSchemeBody,
        response: { 201: Ok, ...errorResponses, 409: { $ref: 'ErrorResponse#' } },
      },
    },
    async (request, reply) => {
      await createTimingScheme(ctx, actorOf(request), request.body);
      return reply.status(201).send({ ok: true as const });
    },
  );

  api.put(
    '/api/calendars/:code/versions',
    {
      schema: {
        tags,
        summary: 'Set the hours valid from a date (admin) / 设置作息时间版本',
        params: SchemeCodeParams,
        body: SchemeVersion,
        response: { 200: Ok, ...errorResponses, ...notFound },
      },
    },
    async (request) => {
      await putSchemeVersion(ctx, actorOf(request), request.params.code, request.body);
      return { ok: true as const };
    },
  );

  api.get(
    '/api/calendars/:code/days',
    {
      schema: {
        tags,
        summary: 'Working flags per day / 工作日历',
        params: SchemeCodeParams,
        querystring: CalendarDaysQuery,
        response: {
          200: Type.Object({ items: Type.Array(CalendarDay) }),
          ...errorResponses,
          ...notFound,
        },
      },
    },
    async (request) => ({
      items: (await calendarDays(ctx, request.params.code, request.query)).days,
    }),
  );

  api.put(
    '/api/calendars/:code/days',
    {
      schema: {
        tags,
        summary: 'Mark holidays and make-up working days (admin) / 设置节假日与调休',
        params: SchemeCodeParams,
        body: SetCalendarDaysBody,
        response: { 200: Ok, ...errorResponses, ...notFound },
      },
    },
    async (request) => {
      await setCalendarDays(ctx, actorOf(request), request.params.code, request.body.days);
      return { ok: true as const };
    },
  );

  api.delete(
    '/api/calendars/:code/days/:day',
    {
      schema: {
        tags,
        summary: 'Remove a day override (admin) / 删除例外日',
        params: SchemeDayParams,
        response: { 200: Ok, ...errorResponses, ...notFound },
      },
    },
    async (request) => {
      await clearCalendarDay(ctx, actorOf(request), request.params.code, request.params.day);
      return { ok: true as const };
    },
  );

  api.get(
    '/api/calendars/:code/deadline',
    {
      schema: {
        tags,
        summary: 'Deadline of a time limit started at a moment / 计算截止时间',
        params: SchemeCodeParams,
        querystring: DeadlineQuery,
        response: { 200: DeadlineResponse, ...errorResponses, ...notFound },
      },
    },
    async (request) => {
      const start = new Date(request.query.start);
      const { scheme, deadline } = await computeDeadline(
        ctx,
        request.params.code,
        start,
        request.query,
      );
      return { scheme: scheme.code, start: start.toISOString(), deadline: deadline.toISOString() };
    },
  );

  api.get(
    '/api/calendars/:code/working-time',
    {
      schema: {
        tags,
        summary: 'Working minutes between two instants / 计算工作时长',
        params: SchemeCodeParams,
        querystring: WorkingTimeQuery,
        response: { 200: WorkingTimeResponse, ...errorResponses, ...notFound },
      },
    },
    async (request) => {
      const { scheme, minutes } = await workingMinutesBetween(
        ctx,
        request.params.code,
        new Date(request.query.from),
        new Date(request.query.to),
      );
      return { scheme: scheme.code, workingMinutes: minutes };
    },
  );
};
