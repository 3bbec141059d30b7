import { createHmac } from 'node:crypto';
import { dispatchOutbox } from '@xiuhua/core';
import {
  act,
  buildCaseWorld,
  createTestApp,
  uploadPhoto,
  webhookReceiver,
  type CaseWorld,
  type Session,
  type TestApp,
} from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSender } from '../../../jobs/outbox-dispatch.job';

type Order = {
  id: number;
  status: string;
  caseId: number | null;
  caseNumber: string | null;
  caseState: string | null;
  locatedBy: string | null;
  linkedAs: string | null;
  callerName?: string | null;
  visits: { satisfaction: string; score: number; reopened: boolean }[];
};
type CaseOut = { id: number; version: number; state: string; caseNumber: string; source: string };

describe('12345 / 12319 hotline work orders', () => {
  let t: TestApp;
  let w: CaseWorld;
  let admin: Session;
  let seq = 0;

  const order = (extra: Record<string, unknown> = {}) => {
    seq += 1;
    return {
      channel: '12345',
      orderNumber: `GD2026112300${seq}`,
      appealType: 'complaint',
      callerName: '王先生',
      callerPhone: '13800000000',
      content: '小区门口垃圾堆放多日无人清运',
      receivedAt: '2026-11-23T08:30:00+08:00',
      dueAt: '2026-11-30T17:00:00+08:00',
      ...w.point,
      ...extra,
    };
  };
  const push = (body: Record<string, unknown>, who: Session = w.as.operator) =>
    who.request({ method: 'POST', url: '/api/hotline/orders', payload: body });
  const getCase = async (id: number) =>
    (await w.as.operator.request({ method: 'GET', url: `/api/cases/${id}` })).json<CaseOut>();
  const getOrder = async (id: number, who: Session = w.as.operator) =>
    who.request({ method: 'GET', url: `/api/hotline/orders/${id}` });
  const orderCount = async () =>
    (await w.as.operator.request({ method: 'GET', url: '/api/hotline/orders?pageSize=1' })).json<{
      total: number;
    }>().total;
  const caseCount = async () =>
    (await w.as.operator.request({ method: 'GET', url: '/api/cases?pageSize=1' })).json<{
      total: number;
    }>().total;

  /** Takes a hotline case through verification, filing, dispatch, feedback, check and close. */
  const handleToClosure = async (caseId: number) => {
    let c = await getCase(caseId);
    c = await act(w.as.operator, c, 'send_verify');
    c = await act(w.as.supervisor, c, 'verify_true');
    c = await act(w.as.shift_leader, c, 'file', { classId: w.classId, urgency: 'normal' });
    c = await act(w.as.dispatcher, c, 'dispatch', { departmentIds: [w.departments[0]?.id] });
    expect((await uploadPhoto(w.as.department, c.id, 'after')).statusCode).toBe(201);
    c = await act(w.as.department, c, 'feed_back', { opinion: '已清运完毕' });
    c = await act(w.as.operator, c, 'send_check');
    c = await act(w.as.supervisor, c, 'check_pass');
    return act(w.as.shift_leader, c, 'close');
  };

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

  it('turns a located order into a hotline case, and a repeated push creates nothing', async () => {
    const body = order();
    const res = await push(body);
    expect(res.statusCode, res.body).toBe(201);
    const o = res.json<Order>();
    expect(o).toMatchObject({ status: 'open', locatedBy: 'coordinates', linkedAs: 'new_case' });
    expect(o.callerName).toBe('王先生');
    const c = await getCase(o.caseId ?? 0);
    expect(c).toMatchObject({ source: 'hotline_12345', state: 'PENDING_ACCEPT' });
    const cases = await caseCount();
    const again = await push(body);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json<Order>().id).toBe(o.id);
    expect(await caseCount()).toBe(cases);
    const changed = await push({ ...body, content: '另一件事' });
    expect(changed.statusCode).toBe(409);
    const byCase = await w.as.operator.request({
      method: 'GET',
      url: `/api/hotline/orders?caseId=${o.caseId}`,
    });
    expect(byCase.json<{ items: Order[] }>().items.map((i) => i.id)).toEqual([o.id]);
  });

  it('keeps the caller private: dispatchers see no caller, departments no orders', async () => {
    const o = (await push(order())).json<Order>();
    const forDispatcher = (await getOrder(o.id, w.as.dispatcher)).json<Order>();
    expect('callerName' in forDispatcher).toBe(false);
    expect((await getOrder(o.id, w.as.department)).statusCode).toBe(403);
  });

  it('locates address-only orders by community, or leaves them for an operator to place', async () => {
    const community = w.district.streets[0]?.communities[0]?.name ?? '';
    const byName = (
      await push(order({ lng: null, lat: null, address: `${community}12号楼下` }))
    ).json<Order>();
    expect(byName).toMatchObject({ status: 'open', locatedBy: 'community' });

    const lost = await push(order({ lng: undefined, lat: undefined, address: '某某地方' }));
    expect(lost.statusCode).toBe(201);
    const unplaced = lost.json<Order>();
    expect(unplaced).toMatchObject({ status: 'unplaced', caseId: null });
    const waiting = await w.as.operator.request({
      method: 'GET',
      url: '/api/hotline/orders?unplaced=true',
    });
    expect(waiting.json<{ items: Order[] }>().items.map((i) => i.id)).toContain(unplaced.id);
    const placed = await w.as.operator.request({
      method: 'POST',
      url: `/api/hotline/orders/${unplaced.id}/place`,
      payload: w.point,
    });
    expect(placed.statusCode, placed.body).toBe(200);
    expect(placed.json<Order>()).toMatchObject({ status: 'open', locatedBy: 'operator' });
    const cases = await caseCount();
    const twice = await w.as.operator.request({
      method: 'POST',
      url: `/api/hotline/orders/${unplaced.id}/place`,
      payload: w.point,
    });
    expect(twice.statusCode).toBe(409);
    expect(await caseCount()).toBe(cases);
  });

  it('links an unplaced order to an existing case', async () => {
    const first = (await push(order())).json<Order>();
    const lost = (await push(order({ lng: null, lat: null, address: '不知道哪里' }))).json<Order>();
    const linked = await w.as.operator.request({
      method: 'POST',
      url: `/api/hotline/orders/${lost.id}/link`,
      payload: { caseId: first.caseId },
    });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json<Order>()).toMatchObject({
      linkedAs: 'existing_case',
      caseNumber: first.caseNumber,
    });
  });

  it.each([
    ['missing content', { content: undefined }, 'content'],
    ['unknown appeal type', { appealType: '吐槽' }, 'appealType'],
    ['lng without lat', { lat: null }, 'lat'],
    ['due before received', { dueAt: '2026-11-22T08:00:00+08:00' }, 'dueAt'],
    ['bad phone', { callerPhone: 'call me' }, 'callerPhone'],
    ['bad order number', { orderNumber: '工单 1' }, 'orderNumber'],
    ['received in the future', { receivedAt: '2026-12-23T08:00:00+08:00' }, 'receivedAt'],
    ['unknown field', { urgentFlag: true }, 'urgentFlag'],
  ])('refuses %s with a 400 naming the field, writing nothing', async (_n, change, field) => {
    const [orders, cases] = [await orderCount(), await caseCount()];
    const res = await push({ ...order(), ...change });
    expect(res.statusCode, res.body).toBe(400);
    const { error } = res.json<{ error: { details: { field?: string }[] } }>();
    expect(error.details.map((d) => d.field)).toContain(field);
    expect([await orderCount(), await caseCount()]).toEqual([orders, cases]);
  });

  it('follows a merged duplicate, tells the hotline (retrying a failing receiver), and reopens on a dissatisfied visit', async () => {
    const hook = await webhookReceiver(1);
    try {
      const created = await admin.request({
        method: 'POST',
        url: '/api/webhooks',
        payload: { name: '12345 平台', url: hook.url, eventTypes: ['hotline.order.updated'] },
      });
      const { secret } = created.json<{ secret: string }>();

      const a = (await push(order())).json<Order>();
      const b = (await push(order({ content: '同一处垃圾又有人投诉' }))).json<Order>();
      // The operator sees b is the same problem and merges its case into a's.
      const bCase = await getCase(b.caseId ?? 0);
      await act(w.as.operator, bCase, 'merge', { parentCaseId: a.caseId });
      expect((await getOrder(b.id)).json<Order>()).toMatchObject({
        caseNumber: a.caseNumber,
        status: 'open',
      });
      // The list (batched case lookups) shows the same.
      const listed = (
        await w.as.operator.request({ method: 'GET', url: '/api/hotline/orders?pageSize=500' })
      ).json<{ items: (Order & { id: number })[] }>();
      expect(listed.items.find((o) => o.id === b.id)).toMatchObject({
        caseNumber: a.caseNumber,
      });

      // A return visit before closure is refused and records nothing.
      const early = await w.as.operator.request({
        method: 'POST',
        url: `/api/hotline/orders/${a.id}/return-visits`,
        payload: { satisfaction: 'satisfied' },
      });
      expect(early.statusCode).toBe(409);

      await handleToClosure(a.caseId ?? 0);
      // The receiver fails its first request: that delivery is retried after the back-off.
      let retried = (await dispatchOutbox(t.ctx, fetchSender)).retried;
      for (const minutes of [1, 5]) {
        t.ctx.clock.advanceMinutes(minutes);
        retried += (await dispatchOutbox(t.ctx, fetchSender)).retried;
      }
      expect(retried).toBe(1);
      const events = hook.received.map((r) => {
        const signature = createHmac('sha256', secret).update(r.body).digest('hex');
        expect(r.headers['x-xiuhua-signature']).toBe(`sha256=${signature}`);
        return JSON.parse(r.body) as {
          id: string;
          payload: {
            orderNumber: string;
            action: string;
            result: string | null;
            photos: string[];
            status: string;
          };
        };
      });
      const unique = [...new Map(events.map((e) => [e.id, e])).values()];
      const byOrder = (n: string) => unique.filter((e) => e.payload.orderNumber === n);
      const aNumber = (await getOrder(a.id)).json<{ orderNumber: string }>().orderNumber;
      const bNumber = (await getOrder(b.id)).json<{ orderNumber: string }>().orderNumber;
      for (const n of [aNumber, bNumber]) {
        const actions = byOrder(n).map((e) => e.payload.action);
        expect(actions).toEqual(expect.arrayContaining(['dispatch', 'feed_back', 'close']));
        const fed = byOrder(n).find((e) => e.payload.action === 'feed_back');
        expect(fed?.payload.result).toBe('已清运完毕');
        expect(fed?.payload.photos).toHaveLength(1);
        expect(byOrder(n).find((e) => e.payload.action === 'close')?.payload.status).toBe('closed');
      }
      expect(byOrder(bNumber).map((e) => e.payload.action)).toContain('merge');

      const visit = await w.as.operator.request({
        method: 'POST',
        url: `/api/hotline/orders/${b.id}/return-visits`,
        payload: { satisfaction: 'dissatisfied', comment: '垃圾又堆起来了' },
      });
      expect(visit.statusCode, visit.body).toBe(201);
      expect(visit.json<Order>()).toMatchObject({ status: 'open', caseState: 'DISPOSING' });
      expect(visit.json<Order>().visits).toEqual([
        expect.objectContaining({ satisfaction: 'dissatisfied', score: 0, reopened: true }),
      ]);
      const reopened = await getCase(a.caseId ?? 0);
      expect(reopened.state).toBe('DISPOSING');
    } finally {
      await hook.close();
    }
  });

  it('records a satisfied visit without reopening, and a dissatisfied one with reopen=false', async () => {
    const o = (await push(order())).json<Order>();
    await handleToClosure(o.caseId ?? 0);
    for (const [satisfaction, reopen, score] of [
      ['very_satisfied', undefined, 100],
      ['very_dissatisfied', false, -100],
    ] as const) {
      const res = await w.as.operator.request({
        method: 'POST',
        url: `/api/hotline/orders/${o.id}/return-visits`,
        payload: { satisfaction, ...(reopen === undefined ? {} : { reopen }) },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<Order>().caseState).toBe('CLOSED');
      expect(res.json<Order>().visits.at(-1)).toMatchObject({ score, reopened: false });
    }
    const bad = await w.as.operator.request({
      method: 'POST',
      url: `/api/hotline/orders/${o.id}/return-visits`,
      payload: { satisfaction: 'meh' },
    });
    expect(bad.statusCode).toBe(400);
  });
});
