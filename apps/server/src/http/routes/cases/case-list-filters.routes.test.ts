import { sweepTimers } from '@xiuhua/core';
import {
  act,
  buildCaseWorld,
  createTestApp,
  openDispatched,
  type CaseWorld,
  type TestApp,
} from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Row = { id: number; version: number; caseNumber: string; state: string; light: string | null };

describe('case list filters: department, light, key supervision, sort', () => {
  let t: TestApp;
  let w: CaseWorld;
  let late: Row;
  let fresh: Row;
  let other: Row;
  beforeAll(async () => {
    t = await createTestApp();
    t.ctx.settings.sessionIdleMinutes = 60 * 24 * 365;
    t.ctx.clock.set('2026-11-23T09:00:00+08:00');
    w = await buildCaseWorld(t);
    late = await openDispatched<Row>(w, '早派遣的案件');
    t.ctx.clock.advanceMinutes(60 * 24 * 2);
    await sweepTimers(t.ctx);
    fresh = await openDispatched<Row>(w, '刚派遣的案件');
    other = await openDispatched<Row>(w, '派给其他部门的案件');
    other = await act(w.as.department, other, 'request_return', { opinion: '不归我们' });
    other = await act(w.as.dispatcher, other, 'approve_return');
    other = await act(w.as.dispatcher, other, 'dispatch', {
      departmentIds: [w.departments[1]?.id],
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const numbers = async (query: string) =>
    (await w.as.operator.request({ method: 'GET', url: `/api/cases?${query}` }))
      .json<{ items: Row[] }>()
      .items.map((r) => r.caseNumber);

  it('filters by the light of the last sweep', async () => {
    expect(await numbers('light=red')).toEqual([late.caseNumber]);
    expect(await numbers('light=green')).toEqual(
      expect.arrayContaining([fresh.caseNumber, other.caseNumber]),
    );
    expect(await numbers('light=green')).not.toContain(late.caseNumber);
  });

  it('filters by department and key supervision', async () => {
    expect(await numbers(`department=${w.departments[1]?.id}`)).toEqual([other.caseNumber]);
    expect(await numbers('keySupervision=true')).toEqual([]);
    expect((await numbers('keySupervision=false')).length).toBe(3);
  });

  it('sorts newest first, oldest first, or by the nearest deadline', async () => {
    const newest = await numbers('sort=newest');
    expect(await numbers('sort=oldest')).toEqual([...newest].reverse());
    expect((await numbers('sort=due'))[0]).toBe(late.caseNumber);
  });

  it('refuses unknown light or sort values', async () => {
    for (const bad of ['light=blue', 'sort=random', 'department=x'])
      expect(
        (await w.as.operator.request({ method: 'GET', url: `/api/cases?${bad}` })).statusCode,
      ).toBe(400);
  });

  it('searches words of the description and address, and case numbers whole or in part', async () => {
    const q = (text: string) => numbers(`q=${encodeURIComponent(text)}`);
    expect(await q('早派遣')).toEqual([late.caseNumber]);
    expect(await q('派遣的案件')).toEqual([fresh.caseNumber, late.caseNumber]);
    expect(await q('派给其他')).toEqual([other.caseNumber]);
    // One character: scanned, not indexed.
    expect(await q('早')).toEqual([late.caseNumber]);
    // Pairs in the index but not adjacent in the text: not a match.
    expect(await q('早刚')).toEqual([]);
    expect(await q(fresh.caseNumber)).toEqual([fresh.caseNumber]);
    // Part of a number (the day): both cases opened that day.
    expect((await q(fresh.caseNumber.slice(0, 15))).sort()).toEqual(
      [fresh.caseNumber, other.caseNumber].sort(),
    );
    expect(await q('没有这样的案件')).toEqual([]);
    // The index follows edits of the address.
    await t.ctx.db.kysely
      .updateTable('cases')
      .set({ address: '黄兴路一号门口' })
      .where('id', '=', other.id)
      .execute();
    expect(await q('黄兴路')).toEqual([other.caseNumber]);
  });
});
