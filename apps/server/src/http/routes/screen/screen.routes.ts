import { screenSummary, SCREEN_ROLES } from '@xiuhua/core';
import { ScreenSummary, errorResponses } from '@xiuhua/contract';
import { requireAnyRole } from '@xiuhua/domain';
import { actorOf } from '../../auth/auth.plugin';
import { LiveHub } from '../../live/live-hub';
import { withTypes, type RouteModule } from '../route-types';

/** The command big screen's numbers and the live event stream. */
export const screenRoutes: RouteModule = (app, ctx) => {
  const api = withTypes(app);
  const tags = ['screen'];
  const hub = new LiveHub(ctx);
  app.addHook('onClose', async () => hub.close());

  api.get(
    '/api/screen/summary',
    {
      schema: {
        tags,
        summary: "Today's numbers for the big screen / 大屏指标",
        response: { 200: ScreenSummary, ...errorResponses },
      },
    },
    async (request) => {
      const s = await screenSummary(ctx, actorOf(request));
      return { ...s, asOf: s.asOf.toISOString() };
    },
  );

  api.get(
    '/api/live',
    {
      schema: {
        tags,
        summary: 'Server-sent events: a case changed / 实时事件流',
        description:
          'text/event-stream. Each case event written by the platform is sent as `event: case` with `{"type","caseId"}` within about a second; a comment line every 15 s keeps proxies from closing the stream. Clients fetch what they show again.',
        response: errorResponses,
      },
    },
    async (request, reply) => {
      requireAnyRole(actorOf(request), SCREEN_ROLES);
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      reply.raw.write('retry: 3000\n\n');
      await hub.add(reply.raw);
    },
  );
};
