import {
  buildCaseWorld,
  createTestApp,
  type CaseWorld,
  type Session,
  type TestApp,
} from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('Idempotency-Key on creating calls', () => {
  let t: TestApp;
  let w: CaseWorld;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildCaseWorld(t);
    admin = await t.loginAs({ roles: ['admin'] });
  });
  afterAll(async () => {
    await t.close();
  });

  it('issues one slip for repeated requests with the same key', async () => {
    let c = (
      await w.as.supervisor.request({
        method: 'POST',
        url: '/api/cases',
        payload: { source: 'supervisor', description: '幂等督办', ...w.point },
      })
    ).json<{ id: number; version: number }>();
    for (const [who, action, body] of [
      [w.as.operator, 'accept', {}],
      [w.as.shift_leader, 'file', { classId: w.classId, urgency: 'normal' }],
      [w.as.dispatcher, 'dispatch', { departmentIds: [w.departments[0]?.id] }],
    ] as const) {
      c = (
        await who.request({
          method: 'POST',
          url: `/api/cases/${c.id}/actions/${action}`,
          payload: { version: c.version, ...body },
        })
      ).json();
    }
    const send = () =>
      w.as.commander.request({
        method: 'POST',
        url: `/api/cases/${c.id}/slips`,
        headers: { 'idempotency-key': 'slip-1' },
        payload: { kind: 'supervision', reason: '请加快' },
      });
    const first = await send();
    const second = await send();
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json<{ id: number }>().id).toBe(first.json<{ id: number }>().id);
    const slips = (
      await w.as.commander.request({ method: 'GET', url: `/api/cases/${c.id}/slips` })
    ).json<{ items: unknown[] }>();
    expect(slips.items).toHaveLength(1);
    const other = await w.as.commander.request({
      method: 'POST',
      url: `/api/cases/${c.id}/slips`,
      headers: { 'idempotency-key': 'slip-1' },
      payload: { kind: 'warning', reason: '另一个' },
    });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
  });

  it('releases the key when the first attempt fails, so a corrected retry succeeds', async () => {
    const [dept] = w.departments;
    const bad = await admin.request({
      method: 'POST',
      url: '/api/routing-rules',
      headers: { 'idempotency-key': 'rule-1' },
      payload: { classId: 999999, regionCode: w.district.code, departmentCode: dept?.code },
    });
    expect(bad.statusCode).toBe(400);
    const sameBody = await admin.request({
      method: 'POST',
      url: '/api/routing-rules',
      headers: { 'idempotency-key': 'rule-1' },
      payload: { classId: 999999, regionCode: w.district.code, departmentCode: dept?.code },
    });
    expect(sameBody.statusCode).toBe(400);
    const ok = await admin.request({
      method: 'POST',
      url: '/api/routing-rules',
      headers: { 'idempotency-key': 'rule-2' },
      payload: { classId: null, regionCode: w.district.code, departmentCode: dept?.code },
    });
    const replay = await admin.request({
      method: 'POST',
      url: '/api/routing-rules',
      headers: { 'idempotency-key': 'rule-2' },
      payload: { classId: null, regionCode: w.district.code, departmentCode: dept?.code },
    });
    expect(ok.statusCode).toBe(201);
    expect(replay.json()).toEqual(ok.json());
    // Keys belong to their user: another admin's same key is a fresh request (and hits the unique rule).
    const otherAdmin = await t.loginAs({ roles: ['admin'] });
    const theirs = await otherAdmin.request({
      method: 'POST',
      url: '/api/routing-rules',
      headers: { 'idempotency-key': 'rule-2' },
      payload: { classId: null, regionCode: w.district.code, departmentCode: dept?.code },
    });
    expect(theirs.statusCode).toBe(409);
  });

  it('numbers cases of a day one after another; a replayed key draws no number', async () => {
    const open = (key: string) =>
      w.as.supervisor.request({
        method: 'POST',
        url: '/api/cases',
        headers: { 'idempotency-key': key },
        payload: { source: 'supervisor', description: '编号测试', ...w.point },
      });
    const sequenceOf = (r: { json<T>(): T }) =>
      Number(r.json<{ caseNumber: string }>().caseNumber.split('-')[2]);
    const first = await open('number-1');
    const replay = await open('number-1');
    const next = await open('number-2');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(sequenceOf(replay)).toBe(sequenceOf(first));
    expect(sequenceOf(next)).toBe(sequenceOf(first) + 1);
  });
});
