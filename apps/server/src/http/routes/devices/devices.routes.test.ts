import { buildCaseWorld, createTestApp, type CaseWorld, type TestApp, act } from '@xiuhua/testkit';
import { catalogueRepository } from '@xiuhua/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Out = {
  id: number;
  caseId: number;
  caseNumber: string;
  duplicate: boolean;
  replayed: boolean;
};

describe('camera and sensor alarms', () => {
  let t: TestApp;
  let w: CaseWorld;
  let classCode: string;
  beforeAll(async () => {
    t = await createTestApp();
    t.ctx.settings.sessionIdleMinutes = 60 * 24 * 365;
    t.ctx.clock.set('2026-11-23T09:00:00+08:00');
    w = await buildCaseWorld(t);
    const cls = await catalogueRepository.findById(t.ctx.db.kysely, w.classId);
    classCode = `LM${cls?.code ?? ''}`;
  });
  afterAll(async () => {
    await t.close();
  });

  const alarm = (extra: Record<string, unknown> = {}) => ({
    deviceId: 'CAM-0001',
    deviceType: 'video',
    classCode,
    ...w.point,
    occurredAt: '2026-11-23T08:55:00+08:00',
    snapshotUrl: 'https://nvr.example.org/snap/1.jpg',
    ...extra,
  });
  const send = (body: Record<string, unknown>) =>
    w.as.operator.request({ method: 'POST', url: '/api/device-alarms', payload: body });
  const caseCount = async () =>
    (await w.as.operator.request({ method: 'GET', url: '/api/cases?pageSize=1' })).json<{
      total: number;
    }>().total;

  it('opens one case per problem; repeats from the device join it until it is finished', async () => {
    const first = await send(alarm({ alarmId: 'A-1' }));
    expect(first.statusCode, first.body).toBe(201);
    const created = first.json<Out>();
    expect(created.duplicate).toBe(false);
    const c = (
      await w.as.operator.request({ method: 'GET', url: `/api/cases/${created.caseId}` })
    ).json<{ id: number; version: number; source: string; state: string; classId: number }>();
    expect(c).toMatchObject({ source: 'video', state: 'PENDING_ACCEPT', classId: w.classId });

    const repeat = await send(alarm({ alarmId: 'A-2' }));
    expect(repeat.statusCode).toBe(200);
    expect(repeat.json<Out>()).toMatchObject({ duplicate: true, caseId: created.caseId });

    const cases = await caseCount();
    const again = await send(alarm({ alarmId: 'A-1' }));
    expect(again.json<Out>()).toMatchObject({ replayed: true, id: created.id });
    expect(await caseCount()).toBe(cases);

    // Another device, or another class from the same device, is another problem.
    expect((await send(alarm({ deviceId: 'CAM-0002' }))).statusCode).toBe(201);
    expect((await send(alarm({ classCode: null }))).statusCode).toBe(201);

    // Once the case is finished, the next alarm is a new problem.
    await act(w.as.operator, c, 'reject', { opinion: '误报' });
    const later = await send(alarm({ alarmId: 'A-3' }));
    expect(later.statusCode).toBe(201);
    expect(later.json<Out>().caseId).not.toBe(created.caseId);
  });

  it('handles a burst of alarms from one device as one case', async () => {
    const before = await caseCount();
    const results = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        send(alarm({ deviceId: 'SENSOR-9', deviceType: 'sensor', alarmId: `S-${i}` })),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.json<Out>().caseId)).size).toBe(1);
    expect(await caseCount()).toBe(before + 1);
  });

  it.each([
    ['missing deviceId', { deviceId: undefined }, 'deviceId'],
    ['unknown device type', { deviceType: 'drone' }, 'deviceType'],
    ['unknown class', { classCode: 'M99999' }, 'classCode'],
    ['bad position', { lat: 123 }, 'lat'],
    ['outside every grid', { lat: 39.9, lng: 116.4 }, 'lng,lat'],
    ['alarm time in the future', { occurredAt: '2026-11-24T09:00:00+08:00' }, 'occurredAt'],
    ['snapshot not a URL', { snapshotUrl: 'file:///etc/passwd' }, 'snapshotUrl'],
  ])('refuses %s with a 4xx naming the field, writing nothing', async (_n, change, field) => {
    const before = await caseCount();
    const res = await send({ ...alarm(), ...change });
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    const { error } = res.json<{ error: { details: { field?: string }[] } }>();
    expect(error.details.map((d) => d.field)).toContain(field);
    expect(await caseCount()).toBe(before);
  });

  it('needs an authenticated operator', async () => {
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/device-alarms',
      payload: alarm(),
    });
    expect(anonymous.statusCode).toBe(401);
    const dept = await w.as.department.request({
      method: 'POST',
      url: '/api/device-alarms',
      payload: alarm(),
    });
    expect(dept.statusCode).toBe(403);
  });
});
