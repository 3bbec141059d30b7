import { buildCaseWorld, createTestApp, type CaseWorld, type TestApp } from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Row lock + version check: of many conflicting actions sent at once, exactly one wins.
 * Meaningful on PostgreSQL (a pool of connections racing); on PGlite the single connection
 * serialises them, and the outcome must be the same.
 */
describe('conflicting actions at once', () => {
  let t: TestApp;
  let w: CaseWorld;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildCaseWorld(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets exactly one of 50 parallel actions win, with no lost update and the log chain intact', async () => {
    const created = await w.as.supervisor.request({
      method: 'POST',
      url: '/api/cases',
      payload: { source: 'supervisor', description: '并发测试', ...w.point },
    });
    const c = created.json<{ id: number; version: number }>();
    const actions = ['accept', 'send_verify', 'reject'];
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        w.as.operator.request({
          method: 'POST',
          url: `/api/cases/${c.id}/actions/${actions[i % 3]}`,
          payload: { version: c.version, opinion: `第 ${i} 个请求` },
        }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(
      responses
        .filter((r) => r.statusCode === 409)
        .every((r) =>
          ['STALE_VERSION', 'CASE_NOT_IN_STATE'].includes(
            r.json<{ error: { code: string } }>().error.code,
          ),
        ),
    ).toBe(true);

    const winner = responses
      .find((r) => r.statusCode === 200)
      ?.json<{ state: string; version: number }>();
    const stored = (
      await w.as.operator.request({ method: 'GET', url: `/api/cases/${c.id}` })
    ).json<{ state: string; version: number }>();
    expect(stored).toMatchObject({ state: winner?.state, version: c.version + 1 });
    const timeline = (
      await w.as.operator.request({ method: 'GET', url: `/api/cases/${c.id}/timeline` })
    ).json<{ items: unknown[] }>();
    expect(timeline.items).toHaveLength(2);
    expect(
      (await w.as.operator.request({ method: 'GET', url: `/api/cases/${c.id}/audit` })).json(),
    ).toEqual({ ok: true, actions: 2, brokenAt: null });
    const running = await t.ctx.db.kysely
      .selectFrom('case_timers')
      .select('step')
      .where('case_id', '=', c.id)
      .where('status', '=', 'running')
      .execute();
    expect(running.length).toBeLessThanOrEqual(1);
  });

  it('numbers cases created at once without duplicates', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        w.as.supervisor.request({
          method: 'POST',
          url: '/api/cases',
          payload: { source: 'supervisor', description: `编号 ${i}`, ...w.point },
        }),
      ),
    );
    expect(responses.every((r) => r.statusCode === 201)).toBe(true);
    const numbers = responses.map((r) => r.json<{ caseNumber: string }>().caseNumber);
    expect(new Set(numbers).size).toBe(20);
  });
});
