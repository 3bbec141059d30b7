import { sweepTimers } from '@xiuhua/core';
import { buildCaseWorld, createTestApp, type CaseWorld, type TestApp, act } from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type CaseOut = {
  id: number;
  version: number;
  timers: { step: string; light: string; status: string }[];
};
type SlipOut = { id: number; kind: string; origin: string; reply: string | null };

describe('time limits, the sweeper and supervision slips', () => {
  let t: TestApp;
  let w: CaseWorld;
  beforeAll(async () => {
    t = await createTestApp();
    t.ctx.settings.sessionIdleMinutes = 60 * 24 * 365;
    t.ctx.clock.set('2026-11-23T09:00:00+08:00');
    w = await buildCaseWorld(t);
  });
  afterAll(async () => {
    await t.close();
  });

  async function dispatched(): Promise<CaseOut> {
    let c = (
      await w.as.supervisor.request({
        method: 'POST',
        url: '/api/cases',
        payload: { source: 'supervisor', description: '超期测试', ...w.point },
      })
    ).json<CaseOut>();
    c = await act(w.as.operator, c, 'accept');
    c = await act(w.as.shift_leader, c, 'file', { classId: w.classId, urgency: 'normal' });
    return act(w.as.dispatcher, c, 'dispatch', { departmentIds: [w.departments[0]?.id] });
  }

  it('turns yellow and red exactly once, issuing a reminder, a supervision and a warning slip', async () => {
    const c = await dispatched();
    // Deadline 15:00 (4 working hours from 09:00); yellow from 14:12 (80 %).
    t.ctx.clock.set('2026-11-23T14:30:00+08:00');
    const first = await sweepTimers(t.ctx);
    expect(first).toMatchObject({ yellow: 1, red: 0 });
    expect((await sweepTimers(t.ctx)).yellow).toBe(0);
    const view = (
      await w.as.dispatcher.request({ method: 'GET', url: `/api/cases/${c.id}` })
    ).json<CaseOut>();
    expect(view.timers.find((x) => x.step === 'dispose' && x.status === 'running')?.light).toBe(
      'yellow',
    );

    t.ctx.clock.set('2026-11-23T15:30:00+08:00');
    expect((await sweepTimers(t.ctx)).red).toBe(1);
    expect((await sweepTimers(t.ctx)).red).toBe(0);

    // 16:59: overtime just under 0.5 → no warning yet.
    t.ctx.clock.set('2026-11-23T16:59:00+08:00');
    expect((await sweepTimers(t.ctx)).warnings).toBe(0);
    // 17:00: 6 working hours used of 4 → overtime 0.5 → warning, once; the timer remembers it.
    t.ctx.clock.set('2026-11-23T17:00:00+08:00');
    expect((await sweepTimers(t.ctx)).warnings).toBe(1);
    expect((await sweepTimers(t.ctx)).warnings).toBe(0);
    const warned = await t.ctx.db.kysely
      .selectFrom('case_timers')
      .select(['step', 'warned_at'])
      .where('case_id', '=', c.id)
      .where('status', '=', 'running')
      .executeTakeFirstOrThrow();
    expect(warned).toEqual({
      step: 'dispose',
      warned_at: new Date('2026-11-23T17:00:00+08:00'),
    });

    const slips = (
      await w.as.dispatcher.request({ method: 'GET', url: `/api/cases/${c.id}/slips` })
    ).json<{ items: SlipOut[] }>().items;
    expect(slips.map((s) => [s.kind, s.origin])).toEqual([
      ['reminder', 'auto'],
      ['supervision', 'auto'],
      ['warning', 'auto'],
    ]);
    const events = await t.ctx.db.kysely
      .selectFrom('outbox_events')
      .select('type')
      .where('case_id', '=', c.id)
      .execute();
    expect(events.filter((e) => e.type === 'case.timer.yellow')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'case.timer.overdue')).toHaveLength(1);
  });

  it('lets commanders issue slips by hand and the department answer once; others may not', async () => {
    const c = await dispatched();
    const denied = await w.as.operator.request({
      method: 'POST',
      url: `/api/cases/${c.id}/slips`,
      payload: { kind: 'supervision', reason: '领导关注' },
    });
    expect(denied.statusCode).toBe(403);
    const issued = await w.as.commander.request({
      method: 'POST',
      url: `/api/cases/${c.id}/slips`,
      payload: { kind: 'supervision', reason: '领导关注，请今日办结' },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const slip = issued.json<SlipOut>();
    expect(slip).toMatchObject({ kind: 'supervision', origin: 'manual' });

    const mine = (
      await w.as.department.request({ method: 'GET', url: '/api/slips?unanswered=true' })
    ).json<{ items: SlipOut[] }>();
    expect(mine.items.map((s) => s.id)).toContain(slip.id);
    const theirs = (await w.as.otherDepartment.request({ method: 'GET', url: '/api/slips' })).json<{
      items: SlipOut[];
    }>();
    expect(theirs.items.map((s) => s.id)).not.toContain(slip.id);

    expect(
      (
        await w.as.otherDepartment.request({
          method: 'POST',
          url: `/api/slips/${slip.id}/reply`,
          payload: { reply: '不是我们' },
        })
      ).statusCode,
    ).toBe(403);
    const answered = await w.as.department.request({
      method: 'POST',
      url: `/api/slips/${slip.id}/reply`,
      payload: { reply: '已安排今日处理' },
    });
    expect(answered.json<SlipOut>().reply).toBe('已安排今日处理');
    expect(
      (
        await w.as.department.request({
          method: 'POST',
          url: `/api/slips/${slip.id}/reply`,
          payload: { reply: '再次回复' },
        })
      ).statusCode,
    ).toBe(409);
  });

  it('keeps a held case out of the sweep while its clock is paused', async () => {
    t.ctx.clock.set('2026-11-24T09:00:00+08:00');
    let c = await dispatched();
    c = await act(w.as.department, c, 'request_hold', { opinion: '需协调' });
    c = await act(w.as.dispatcher, c, 'approve_hold');
    t.ctx.clock.set('2026-11-30T09:00:00+08:00');
    await sweepTimers(t.ctx);
    const slips = (
      await w.as.dispatcher.request({ method: 'GET', url: `/api/cases/${c.id}/slips` })
    ).json<{ items: SlipOut[] }>().items;
    expect(slips).toEqual([]);
  });

  it('looks at an overdue timer again only once it can have earned its warning (weekend)', async () => {
    // Friday 13:00 + 4 working hours → overdue from Friday 17:00; the weekend adds no working time.
    t.ctx.clock.set('2026-11-27T13:00:00+08:00');
    const c = await dispatched();
    t.ctx.clock.set('2026-11-28T10:00:00+08:00');
    expect((await sweepTimers(t.ctx)).warnings).toBe(0);
    const timer = await t.ctx.db.kysely
      .selectFrom('case_timers')
      .select(['warning_check_at', 'warned_at'])
      .where('case_id', '=', c.id)
      .where('status', '=', 'running')
      .executeTakeFirstOrThrow();
    expect(timer.warned_at).toBeNull();
    const checkAt = timer.warning_check_at!;
    // Not before Monday: two more working hours are needed.
    expect(checkAt.getTime()).toBeGreaterThan(new Date('2026-11-30T08:00:00+08:00').getTime());
    t.ctx.clock.set(new Date(checkAt.getTime() - 60_000));
    expect((await sweepTimers(t.ctx)).warnings).toBe(0);
    t.ctx.clock.set(checkAt);
    expect((await sweepTimers(t.ctx)).warnings).toBe(1);
  });
});
