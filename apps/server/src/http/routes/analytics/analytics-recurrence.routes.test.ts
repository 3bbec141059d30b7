import {
  act,
  buildCaseWorld,
  createTestApp,
  openDispatched,
  uploadPhoto,
  type CaseWorld,
  type Session,
  type TestApp,
} from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClasses, caseAt, offset, placesOf } from './analytics-test-world';

type Recurrence = {
  clusters: number;
  cases: number;
  pairs: number;
  truncated: boolean;
  items: {
    classId: number;
    count: number;
    pairs: number;
    maxDistanceM: number;
    caseIds: number[];
    gridCodes: string[];
    firstAt: string;
  }[];
};
type Overdue = {
  region: string | null;
  total: { disposals: number; overdue: number; overdueShare: number; openOverdue: number };
  items: {
    departmentId: number;
    disposals: number;
    overdue: number;
    overdueShare: number;
    finishedLate: number;
    openOverdue: number;
  }[];
};
type CaseOut = { id: number; version: number; timers: { step: string; dueAt: string | null }[] };

describe('analytics: recurrence and overdue departments', () => {
  let t: TestApp;
  let r: CaseWorld;
  let o: CaseWorld;
  let admin: Session;
  let x = 0;
  let y = 0;
  let z = 0;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp();
    t.ctx.settings.sessionIdleMinutes = 60 * 24 * 365 * 10;
    t.ctx.clock.set('2026-10-01T09:00:00+08:00');
    r = await buildCaseWorld(t);
    admin = await t.loginAs({ roles: ['admin'] });
    x = r.classId;
    [y = 0, z = 0] = await buildClasses(t, ['98901', '98902']);
    const p = placesOf(r);
    const open = async (
      name: string,
      at: string,
      place: { lng: number; lat: number },
      classId: number,
    ) => {
      ids[name] = (await caseAt(t, `${at}T10:00:00+08:00`, { place, classId })).id;
    };
    // A: class X three times within 30 m and 26 days.
    await open('A1', '2026-11-02', p.nw, x);
    await open('A2', '2026-11-12', offset(p.nw, { north: 20 }), x);
    await open('A3', '2026-11-28', offset(p.nw, { east: 30 }), x);
    // B: the same class 80 m away; C: another class at the same spot.
    await open('B1', '2026-11-05', offset(p.nw, { north: -80 }), x);
    await open('C1', '2026-11-03', p.nw, y);
    // E: class Y twice at one spot 28 days apart.
    await open('E1', '2026-11-01', p.ne, y);
    await open('E2', '2026-11-29', p.ne, y);
    // F: class Z in October, again in November (15 days later).
    await open('F1', '2026-10-20', p.sw, z);
    await open('F2', '2026-11-04', p.sw, z);
    t.ctx.clock.set('2026-12-02T09:00:00+08:00');
  });
  afterAll(async () => {
    await t.close();
  });

  const get = async <T>(who: Session, url: string) => {
    const res = await who.request({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };
  const recurrence = (query: string) =>
    get<Recurrence>(
      admin,
      `/api/analytics/recurrence?from=2026-11-01&to=2026-12-01&region=${r.district.code}${query}`,
    );
  const idsOf = (...names: string[]) => names.map((n) => ids[n]);

  it('clusters cases of one class within the radius and days, the earlier one maybe before the period', async () => {
    const res = await recurrence('&days=30&radiusM=50');
    expect(res.items.map((c) => [c.classId, c.count, c.pairs, c.caseIds])).toEqual([
      [x, 3, 3, idsOf('A1', 'A2', 'A3')],
      [y, 2, 1, idsOf('E1', 'E2')],
      [z, 2, 1, idsOf('F1', 'F2')],
    ]);
    expect([res.clusters, res.cases, res.pairs, res.truncated]).toEqual([3, 7, 5, false]);
    const a = res.items[0];
    expect(a?.maxDistanceM).toBeGreaterThan(35.5);
    expect(a?.maxDistanceM).toBeLessThan(36.5);
    expect(a?.gridCodes).toEqual([placesOf(r).grid(1)]);
    expect(res.items[2]?.firstAt).toBe('2026-10-20T02:00:00.000Z');
  });

  it('leaves out cases further apart than the days or the radius', async () => {
    const fewerDays = await recurrence('&days=20&radiusM=50');
    expect(fewerDays.items.map((c) => [c.count, c.pairs, c.caseIds])).toEqual([
      [3, 2, idsOf('A1', 'A2', 'A3')],
      [2, 1, idsOf('F1', 'F2')],
    ]);
    const smaller = await recurrence('&days=30&radiusM=25');
    expect(smaller.items.map((c) => c.caseIds)).toEqual([
      idsOf('A1', 'A2'),
      idsOf('E1', 'E2'),
      idsOf('F1', 'F2'),
    ]);
    const wider = await recurrence('&days=30&radiusM=100');
    // Cases read in the order they were reported.
    expect(wider.items[0]?.caseIds).toEqual(idsOf('A1', 'B1', 'A2', 'A3'));
    const onlyZ = await recurrence(`&classId=${z}`);
    expect(onlyZ.items.map((c) => c.caseIds)).toEqual([idsOf('F1', 'F2')]);
    const limited = await recurrence('&limit=1');
    expect([limited.items.length, limited.clusters]).toEqual([1, 3]);
  });

  describe('overdue departments', () => {
    let a = 0;
    let b = 0;
    const dueOf = async (id: number) => {
      const c = await get<CaseOut>(admin, `/api/cases/${id}`);
      return c.timers.find((tm) => tm.step === 'dispose')?.dueAt ?? null;
    };
    const feedBack = async (who: Session, c: CaseOut) => {
      const photo = await uploadPhoto(who, c.id, 'after');
      expect(photo.statusCode, photo.body).toBeLessThan(300);
      return act(who, c, 'feed_back', { opinion: '已处置' });
    };

    beforeAll(async () => {
      // Monday 23 November 2026, 09:00: disposals of 4 working hours.
      t.ctx.clock.set('2026-11-23T09:00:00+08:00');
      o = await buildCaseWorld(t);
      a = o.departments[0]?.id ?? 0;
      b = o.departments[1]?.id ?? 0;
      const onTimeA = await openDispatched<CaseOut>(o);
      const lateA = await openDispatched<CaseOut>(o);
      await openDispatched<CaseOut>(o); // A: still open
      let returned = await openDispatched<CaseOut>(o);
      let onTimeB = (
        await o.as.supervisor.request({
          method: 'POST',
          url: '/api/cases',
          payload: { source: 'supervisor', description: '派往乙部门', ...o.point },
        })
      ).json<CaseOut>();
      onTimeB = await act(o.as.operator, onTimeB, 'accept');
      onTimeB = await act(o.as.shift_leader, onTimeB, 'file', {
        classId: o.classId,
        urgency: 'normal',
      });
      onTimeB = await act(o.as.dispatcher, onTimeB, 'dispatch', { departmentIds: [b] });
      expect(await dueOf(onTimeA.id)).not.toBeNull();

      t.ctx.clock.set('2026-11-23T09:20:00+08:00');
      returned = await act(o.as.department, returned, 'request_return', { opinion: '不属本部门' });
      t.ctx.clock.set('2026-11-23T09:30:00+08:00');
      returned = await act(o.as.dispatcher, returned, 'approve_return');
      // Re-dispatched to B: the first disposal stays A's, the second is B's (left open).
      await act(o.as.dispatcher, returned, 'dispatch', { departmentIds: [b] });

      t.ctx.clock.set('2026-11-23T10:00:00+08:00');
      await feedBack(o.as.department, onTimeA);
      await feedBack(o.as.otherDepartment, onTimeB);
      t.ctx.clock.set('2026-11-24T17:00:00+08:00');
      await feedBack(o.as.department, lateA);

      // Dispatched on the 26th: its deadline is still ahead, so it is not due yet.
      t.ctx.clock.set('2026-11-26T09:00:00+08:00');
      await openDispatched<CaseOut>(o);
      t.ctx.clock.set('2026-11-26T10:00:00+08:00');
    });

    const url = (query: string) =>
      `/api/analytics/overdue-departments?from=2026-11-01&to=2026-12-01${query}`;

    it('ranks departments by overdue disposals: finished late or open past the deadline', async () => {
      const res = await get<Overdue>(admin, url(`&region=${o.district.code}`));
      expect(
        res.items.map((d) => [
          d.departmentId,
          d.disposals,
          d.overdue,
          d.finishedLate,
          d.openOverdue,
          d.overdueShare,
        ]),
      ).toEqual([
        [a, 4, 2, 1, 1, 0.5],
        [b, 2, 1, 0, 1, 0.5],
      ]);
      expect(res.total).toEqual({ disposals: 6, overdue: 3, overdueShare: 0.5, openOverdue: 2 });
    });

    it('counts disposals by the deadline in the period and the region', async () => {
      const later = await get<Overdue>(
        admin,
        `/api/analytics/overdue-departments?from=2026-11-24&to=2026-12-01&region=${o.district.code}`,
      );
      expect([later.items, later.total.disposals]).toEqual([[], 0]);
      const elsewhere = await get<Overdue>(admin, url(`&region=${r.district.code}`));
      expect(elsewhere.total.disposals).toBe(0);
      const mine = await get<Overdue>(o.as.commander, url(''));
      expect([mine.region, mine.total.overdue]).toEqual([o.district.code, 3]);
      const top = await get<Overdue>(admin, url(`&region=${o.district.code}&limit=1`));
      expect(top.items.map((d) => d.departmentId)).toEqual([a]);
      const refused = await o.as.department.request({ method: 'GET', url: url('') });
      expect(refused.statusCode).toBe(403);
    });
  });
});
