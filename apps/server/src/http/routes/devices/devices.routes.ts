import { receiveDeviceAlarm } from '@xiuhua/core';
import { DeviceAlarmBody, DeviceAlarmOut, errorResponses } from '@xiuhua/contract';
import { actorOf } from '../../auth/auth.plugin';
import { withTypes, type RouteModule } from '../route-types';

/** Camera and sensor alarms (视频/物联感知发现). */
export const deviceRoutes: RouteModule = (app, ctx) => {
  withTypes(app).post(
    '/api/device-alarms',
    {
      // The alarm id makes repeats harmless on its own.
      config: { idempotency: 'off' },
      schema: {
        tags: ['intake'],
        summary: 'An alarm from a camera or sensor / 视频与感知设备告警',
        description:
          '201: a new case (source video or sensor). 200: a repeat of an open problem from the same device and class (recorded against that case), or the same alarmId again.',
        body: DeviceAlarmBody,
        response: { 200: DeviceAlarmOut, 201: DeviceAlarmOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const result = await receiveDeviceAlarm(ctx, actorOf(request), {
        ...body,
        occurredAt: new Date(body.occurredAt),
      });
      if (result.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(result.duplicate || result.replayed ? 200 : 201).send({
        id: result.alarm.id,
        caseId: result.caseId,
        caseNumber: result.caseNumber,
        duplicate: result.duplicate,
        replayed: result.replayed,
      });
    },
  );
};
