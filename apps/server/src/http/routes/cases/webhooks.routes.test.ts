import { createHmac } from 'node:crypto';
import { dispatchOutbox } from '@xiuhua/core';
import {
  buildCaseWorld,
  createTestApp,
  type CaseWorld,
  type Session,
  type TestApp,
  webhookReceiver as receiver,
} from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSender } from '../../../jobs/outbox-dispatch.job';

describe('webhooks from the outbox', () => {
  let t: TestApp;
  let w: CaseWorld;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp();
    t.ctx.settings.sessionIdleMinutes = 60 * 24 * 365;
    w = await buildCaseWorld(t);
    admin = await t.loginAs({ roles: ['admin'] });
  });
  afterAll(async () => {
    await t.close();
  });

  it('delivers signed events, retries a failing receiver with back-off, and reports nothing stuck after', async () => {
    const hook = await receiver(1);
    try {
      const created = await admin.request({
        method: 'POST',
        url: '/api/webhooks',
        payload: { name: '12345 平台', url: hook.url, eventTypes: ['case.created'] },
      });
      expect(created.statusCode, created.body).toBe(201);
      const { secret } = created.json<{ secret: string }>();
      await dispatchOutbox(t.ctx, fetchSender); // publish whatever the world set-up produced

      const c = (
        await w.as.supervisor.request({
          method: 'POST',
          url: '/api/cases',
          payload: { source: 'supervisor', description: '推送测试', ...w.point },
        })
      ).json<{ id: number; version: number }>();
      await w.as.operator.request({
        method: 'POST',
        url: `/api/cases/${c.id}/actions/accept`,
        payload: { version: c.version },
      });

      const first = await dispatchOutbox(t.ctx, fetchSender);
      expect(first).toMatchObject({ delivered: 0, retried: 1 });
      expect(hook.received).toHaveLength(1);
      // Not due yet: nothing is sent again before the back-off passes.
      expect((await dispatchOutbox(t.ctx, fetchSender)).retried).toBe(0);
      t.ctx.clock.advanceMinutes(1);
      const second = await dispatchOutbox(t.ctx, fetchSender);
      expect(second).toMatchObject({ delivered: 1 });
      expect(hook.received).toHaveLength(2);

      const delivered = hook.received[1];
      const body = JSON.parse(delivered?.body ?? '{}') as {
        type: string;
        payload: { caseId: number };
      };
      expect(body).toMatchObject({ type: 'case.created', payload: { caseId: c.id } });
      expect(delivered?.headers['x-xiuhua-signature']).toBe(
        `sha256=${createHmac('sha256', secret)
          .update(delivered?.body ?? '')
          .digest('hex')}`,
      );
      expect(delivered?.headers['x-xiuhua-delivery']).toBe(
        hook.received[0]?.headers['x-xiuhua-delivery'],
      );
      // case.accept was filtered out by the subscription's event types.
      expect(hook.received.every((r) => r.headers['x-xiuhua-event'] === 'case.created')).toBe(true);

      const stuck = (await admin.request({ method: 'GET', url: '/api/webhooks/stuck' })).json<{
        failed: unknown[];
        pending: unknown[];
      }>();
      expect(stuck).toEqual({ failed: [], pending: [] });
    } finally {
      await hook.close();
    }
  });

  it('gives up after repeated failures and lists the delivery as stuck', async () => {
    const existing = (await admin.request({ method: 'GET', url: '/api/webhooks' })).json<{
      items: { id: number }[];
    }>().items;
    for (const sub of existing)
      expect(
        (await admin.request({ method: 'DELETE', url: `/api/webhooks/${sub.id}` })).statusCode,
      ).toBe(200);
    const hook = await receiver(100);
    try {
      await admin.request({
        method: 'POST',
        url: '/api/webhooks',
        payload: { name: '坏接收端', url: hook.url, eventTypes: ['case.created'] },
      });
      await dispatchOutbox(t.ctx, fetchSender);
      await w.as.supervisor.request({
        method: 'POST',
        url: '/api/cases',
        payload: { source: 'supervisor', description: '失败推送', ...w.point },
      });
      let failed = 0;
      for (let i = 0; i < 12 && failed === 0; i++) {
        failed = (await dispatchOutbox(t.ctx, fetchSender)).failed;
        t.ctx.clock.advanceMinutes(61);
      }
      expect(failed).toBe(1);
      const stuck = (await admin.request({ method: 'GET', url: '/api/webhooks/stuck' })).json<{
        failed: { attempts: number; lastStatus: number }[];
      }>();
      expect(stuck.failed).toHaveLength(1);
      expect(stuck.failed[0]).toMatchObject({ attempts: 10, lastStatus: 500 });
    } finally {
      await hook.close();
    }
  });

  it('refuses bad URLs and non-admins', async () => {
    expect(
      (
        await admin.request({
          method: 'POST',
          url: '/api/webhooks',
          payload: { name: 'x', url: 'ftp://example.invalid/x' },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await w.as.operator.request({
          method: 'POST',
          url: '/api/webhooks',
          payload: { name: 'x', url: 'http://127.0.0.1:9/x' },
        })
      ).statusCode,
    ).toBe(403);
  });
});
