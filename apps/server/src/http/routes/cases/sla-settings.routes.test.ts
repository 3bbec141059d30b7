import { sweepTimers } from '@xiuhua/core';
import {
  buildCaseWorld,
  createTestApp,
  openDispatched,
  type CaseWorld,
  type Session,
  type TestApp,
} from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type CaseOut = { id: number; version: number; timers: { step: string; dueAt: string | null }[] };

describe('SLA settings', () => {
  let t: TestApp;
  let w: CaseWorld;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp();
    t.ctx.settings.sessionIdleMinutes = 60 * 24 * 365;
    t.ctx.clock.set('2026-11-23T09:00:00+08:00');
    w = await buildCaseWorld(t);
    admin = await t.loginAs({ roles: ['admin'] });
  });
  afterAll(async () => {
    await t.close();
  });

  it('uses an edited acceptance limit for new cases', async () => {
    const put = await admin.request({
      method: 'PUT',
      url: '/api/sla-settings/step-limits/accept/normal',
      payload: { limitValue: 5, limitUnit: 'minute' },
    });
    expect(put.statusCode).toBe(200);
    const c = (
      await w.as.supervisor.request({
        method: 'POST',
        url: '/api/cases',
        payload: { source: 'supervisor', description: '时限设置', ...w.point },
      })
    ).json<CaseOut>();
    expect(c.timers.find((x) => x.step === 'accept')?.dueAt).toBe(
      new Date('2026-11-23T09:05:00+08:00').toISOString(),
    );
    expect(
      (
        await admin.request({
          method: 'PUT',
          url: '/api/sla-settings/step-limits/dispose/normal',
          payload: { limitValue: 5, limitUnit: 'minute' },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await w.as.operator.request({
          method: 'PUT',
          url: '/api/sla-settings/step-limits/accept/normal',
          payload: { limitValue: 5, limitUnit: 'minute' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('stops issuing reminders when the rule is switched off', async () => {
    const off = await w.as.commander.request({
      method: 'PUT',
      url: '/api/sla-settings/supervision-rules/reminder',
      payload: { enabled: false, steps: ['dispose'], overtimeShare: 0 },
    });
    expect(off.statusCode).toBe(200);
    const c = await openDispatched<CaseOut>(w);
    t.ctx.clock.set('2026-11-23T14:30:00+08:00');
    const result = await sweepTimers(t.ctx);
    expect(result.yellow).toBeGreaterThanOrEqual(1);
    const slips = (
      await w.as.dispatcher.request({ method: 'GET', url: `/api/cases/${c.id}/slips` })
    ).json<{ items: unknown[] }>();
    expect(slips.items).toEqual([]);
    const settings = (await admin.request({ method: 'GET', url: '/api/sla-settings' })).json<{
      supervisionRules: { kind: string; enabled: boolean }[];
    }>();
    expect(settings.supervisionRules.find((r) => r.kind === 'reminder')?.enabled).toBe(false);
    expect(
      (
        await admin.request({
          method: 'PUT',
          url: '/api/sla-settings/supervision-rules/warning',
          payload: { enabled: true, steps: ['nonsense'], overtimeShare: 1 },
        })
      ).statusCode,
    ).toBe(400);
  });
});
