import {
  act,
  buildCaseWorld,
  createTestApp,
  tinyJpeg,
  uploadPhoto,
  type CaseWorld,
  type TestApp,
} from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type View = {
  trackingCode: string;
  caseNumber: string;
  status: string;
  state: string;
  timeline: { summary: string; type: string }[];
  photos: { url: string; kind: string }[];
  rating: { score: number } | null;
  canRate: boolean;
};
type CaseOut = {
  id: number;
  version: number;
  state: string;
  reporterName: string | null;
  source: string;
};

function multipart(bytes: Buffer) {
  const boundary = '----xiuhua-test';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('the citizen page API', () => {
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

  const report = (body: Record<string, unknown> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: { description: '路灯不亮', ...w.point, ...body },
    });
  const track = (code: string) =>
    t.app.inject({ method: 'GET', url: `/api/public/reports/${code}` });
  const caseOf = async (caseNumber: string) => {
    const list = await w.as.operator.request({ method: 'GET', url: `/api/cases?q=${caseNumber}` });
    return list.json<{ items: CaseOut[] }>().items[0] as CaseOut;
  };
  const caseCount = async () =>
    (await w.as.operator.request({ method: 'GET', url: '/api/cases?pageSize=1' })).json<{
      total: number;
    }>().total;

  it('takes an anonymous report and answers with a tracking code and the public timeline', async () => {
    const res = await report();
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json<View>();
    expect(view.trackingCode).toMatch(/^[A-Z2-9]{12}$/);
    expect(view).toMatchObject({ status: 'open', state: 'PENDING_ACCEPT', canRate: false });
    expect(view.timeline.map((n) => n.summary)).toEqual(['已收到反映']);
    const c = await caseOf(view.caseNumber);
    expect(c).toMatchObject({ source: 'citizen_web', reporterName: null });
    // Typed in lower case with dashes, as people do.
    const grouped = view.trackingCode.toLowerCase().replace(/(.{4})(?!$)/g, '$1-');
    expect((await track(grouped)).json<View>().caseNumber).toBe(view.caseNumber);
    expect((await track('NOSUCHCODE22')).statusCode).toBe(404);
  });

  it('adds up to three photos within the hour and serves only this report’s photos', async () => {
    const { trackingCode } = (await report()).json<View>();
    for (const salt of [1, 2, 3]) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/public/reports/${trackingCode}/photos`,
        ...multipart(tinyJpeg(100 + salt)),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const fourth = await t.app.inject({
      method: 'POST',
      url: `/api/public/reports/${trackingCode}/photos`,
      ...multipart(tinyJpeg(104)),
    });
    expect(fourth.statusCode).toBe(400);
    const view = (await track(trackingCode)).json<View>();
    expect(view.photos).toHaveLength(3);
    const photo = await t.app.inject({ method: 'GET', url: view.photos[0]?.url ?? '' });
    expect([photo.statusCode, photo.headers['content-type']]).toEqual([200, 'image/jpeg']);

    const other = (await report()).json<View>();
    const sha = view.photos[0]?.url.split('/').at(-1) ?? '';
    const foreign = await t.app.inject({
      method: 'GET',
      url: `/api/public/reports/${other.trackingCode}/photos/${sha}`,
    });
    expect(foreign.statusCode).toBe(404);

    t.ctx.clock.advanceMinutes(61);
    const late = await t.app.inject({
      method: 'POST',
      url: `/api/public/reports/${other.trackingCode}/photos`,
      ...multipart(tinyJpeg(105)),
    });
    expect(late.statusCode).toBe(409);
  });

  it('shows no staff names or internal opinions, and lets the reporter rate once after closure', async () => {
    const view = (await report({ name: '李女士', phone: '13900000000' })).json<View>();
    let c = await caseOf(view.caseNumber);
    expect(c.reporterName).toBe('李女士');
    const early = await t.app.inject({
      method: 'POST',
      url: `/api/public/reports/${view.trackingCode}/rating`,
      payload: { satisfaction: 'satisfied' },
    });
    expect(early.statusCode).toBe(409);

    c = await act(w.as.operator, c, 'send_verify', { opinion: '内部：请监督员王五核实' });
    c = await act(w.as.supervisor, c, 'verify_true');
    c = await act(w.as.shift_leader, c, 'file', { classId: w.classId, urgency: 'normal' });
    c = await act(w.as.dispatcher, c, 'dispatch', { departmentIds: [w.departments[0]?.id] });
    await uploadPhoto(w.as.department, c.id, 'after');
    c = await act(w.as.department, c, 'feed_back', { opinion: '已更换灯泡' });
    c = await act(w.as.operator, c, 'send_check');
    c = await act(w.as.supervisor, c, 'check_pass');
    c = await act(w.as.shift_leader, c, 'close');

    const closed = await track(view.trackingCode);
    const body = closed.body;
    expect(closed.json<View>()).toMatchObject({ status: 'closed', canRate: true });
    for (const secret of [
      '王五',
      '内部',
      w.as.operator.username,
      w.as.department.username,
      '李女士',
      '13900000000',
    ])
      expect(body).not.toContain(secret);
    expect(closed.json<View>().photos.map((p) => p.kind)).toEqual(['after']);

    const rate = (satisfaction: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/public/reports/${view.trackingCode}/rating`,
        payload: { satisfaction, comment: '修得很快' },
      });
    expect((await rate('excellent')).statusCode).toBe(400);
    const rated = await rate('very_satisfied');
    expect(rated.statusCode, rated.body).toBe(201);
    expect(rated.json<View>()).toMatchObject({ rating: { score: 100 }, canRate: false });
    expect((await rate('dissatisfied')).statusCode).toBe(409);
  });

  it.each([
    ['no description', { description: '' }],
    ['latitude out of range', { lat: 91 }],
    ['outside every grid', { lng: 116.4, lat: 39.9 }],
    ['bad phone', { phone: 'call me' }],
    ['unknown field', { email: 'x@example.org' }],
    ['unknown class', { classId: 999999 }],
  ])('refuses a report with %s, writing nothing', async (_n, change) => {
    const before = await caseCount();
    const res = await report(change);
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(await caseCount()).toBe(before);
  });
});

describe('the citizen page API under a flood', () => {
  let t: TestApp;
  let w: CaseWorld;
  beforeAll(async () => {
    t = await createTestApp();
    t.ctx.clock.set('2026-11-23T09:00:00+08:00');
    w = await buildCaseWorld(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses the eleventh report from one address within an hour with 429 and Retry-After', async () => {
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/public/reports',
        payload: { description: '测试', ...w.point },
      });
    for (let i = 0; i < 10; i++) expect((await send()).statusCode).toBe(201);
    const refused = await send();
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    t.ctx.clock.advanceMinutes(61);
    expect((await send()).statusCode).toBe(201);
  });
});
