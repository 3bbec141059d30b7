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
});
