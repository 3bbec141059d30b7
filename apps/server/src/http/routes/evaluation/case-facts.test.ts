import { rebuildEvaluationFacts } from '@xiuhua/core';
import {
  act,
  buildCaseWorld,
  createTestApp,
  openDispatched,
  uploadPhoto,
  type CaseWorld,
  type TestApp,
} from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type CaseOut = { id: number; version: number };

/**
 * Indicator facts are written with every change of a case, in its transaction, and a rebuild
 * from the action log gives exactly the same rows.
 */
describe('indicator facts kept with each case change', () => {
  let t: TestApp;
  let w: CaseWorld;
  beforeAll(async () => {
    t = await createTestApp();
    t.ctx.clock.set('2026-11-02T09:00:00+08:00');
    w = await buildCaseWorld(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const facts = (caseId: number) =>
    t.ctx.db.kysely
      .selectFrom('evaluation_facts')
      .select([
        'kind',
        'at',
        'finished_at',
        'on_time',
        'actor_user_id',
        'position',
        'department_id',
      ])
      .where('case_id', '=', caseId)
      .orderBy('kind')
      .orderBy('at')
      .orderBy('department_id')
      .execute();

  async function feedBack(c: CaseOut) {
    expect((await uploadPhoto(w.as.department, c.id, 'after')).statusCode).toBe(201);
    return act(w.as.department, c, 'feed_back', { opinion: '已处理' });
  }

  it('follows a case from report to close', async () => {
    const created = (
      await w.as.supervisor.request({
        method: 'POST',
        url: '/api/cases',
        payload: { source: 'supervisor', description: '指标事实', ...w.point },
      })
    ).json<CaseOut>();
    // Reported, and its acceptance step open with a deadline (due once the deadline passes).
    expect((await facts(created.id)).map((f) => [f.kind, f.finished_at])).toEqual([
      ['reported', null],
      ['step_accept', null],
    ]);

    let c = await openDispatched<CaseOut>(w, '指标事实二');
    t.ctx.clock.advanceMinutes(30);
    c = await feedBack(c);
    c = await act(w.as.operator, c, 'send_check');
    c = await act(w.as.supervisor, c, 'check_pass');
    c = await act(w.as.shift_leader, c, 'close');
    const kinds = new Set((await facts(c.id)).map((f) => f.kind));
    for (const kind of [
      'reported',
      'valid',
      'accepted',
      'filed',
      'filed_accurate',
      'dispatched',
      'dispatched_accurate',
      'assigned',
      'closed',
      'closed_on_time',
      'step_accept',
      'step_file',
      'step_dispatch',
      'step_dispose',
      'step_check',
      'step_close',
      'case_close',
    ])
      expect(kinds, kind).toContain(kind);
    const dispose = (await facts(c.id)).filter((f) => f.kind === 'step_dispose');
    // Once for the case, once for its department (nulls sort last).
    expect(dispose).toEqual([
      expect.objectContaining({ department_id: w.departments[0]?.id, on_time: true }),
      expect.objectContaining({ department_id: null, on_time: true }),
    ]);
  });

  it('gives the same rows when every case is rebuilt from its log', async () => {
    const ids = (
      await t.ctx.db.kysely.selectFrom('cases').select('id').orderBy('id').execute()
    ).map((r) => r.id);
    const before = await Promise.all(ids.map(facts));
    expect(before.flat().length).toBeGreaterThan(20);
    await t.ctx.db.kysely.deleteFrom('evaluation_facts').execute();
    expect((await rebuildEvaluationFacts(t.ctx, { batchSize: 1 })).cases).toBe(ids.length);
    expect(await Promise.all(ids.map(facts))).toEqual(before);
  });
});
