import {
  buildCaseWorld,
  createTestApp,
  squarePolygon,
  type CaseWorld,
  type Session,
  type TestApp,
  act,
} from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type CaseOut = {
  id: number;
  version: number;
  keySupervision: boolean;
  limitFactor: number;
  keyReasons: string[];
  timers: { step: string; status: string; dueAt: string | null }[];
};

describe('key supervision and differentiated limits', () => {
  let t: TestApp;
  let w: CaseWorld;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp();
    t.ctx.settings.sessionIdleMinutes = 60 * 24 * 365;
    w = await buildCaseWorld(t);
    admin = await t.loginAs({ roles: ['admin'] });
  });
  afterAll(async () => {
    await t.close();
  });

  /** Opens, accepts, files and dispatches a case on Monday 09:00 and returns its disposal deadline. */
  async function disposalDue(): Promise<{ c: CaseOut; due: string | null | undefined }> {
    t.ctx.clock.set('2026-11-30T09:00:00+08:00');
    let c = (
      await w.as.supervisor.request({
        method: 'POST',
        url: '/api/cases',
        payload: { source: 'supervisor', description: '重点监管', ...w.point },
      })
    ).json<CaseOut>();
    c = await act(w.as.operator, c, 'accept');
    c = await act(w.as.shift_leader, c, 'file', { classId: w.classId, urgency: 'normal' });
    c = await act(w.as.dispatcher, c, 'dispatch', { departmentIds: [w.departments[0]?.id] });
    return { c, due: c.timers.find((x) => x.step === 'dispose' && x.status === 'running')?.dueAt };
  }
  const local = (s: string) => new Date(`${s}+08:00`).toISOString();

  it('uses the plain 4-working-hour limit without key supervision', async () => {
    const { c, due } = await disposalDue();
    expect(due).toBe(local('2026-11-30T15:00:00'));
    expect(c).toMatchObject({ keySupervision: false, limitFactor: 1 });
  });

  it('halves the limit of a key class and notifies at once', async () => {
    expect(
      (
        await admin.request({
          method: 'PATCH',
          url: `/api/classes/${w.classId}`,
          payload: { keySupervision: true },
        })
      ).statusCode,
    ).toBe(200);
    const { c, due } = await disposalDue();
    expect(c).toMatchObject({ keySupervision: true, limitFactor: 0.5, keyReasons: ['key_class'] });
    expect(due).toBe(local('2026-11-30T11:00:00'));
    const events = await t.ctx.db.kysely
      .selectFrom('outbox_events')
      .select('type')
      .where('case_id', '=', c.id)
      .execute();
    expect(events.map((e) => e.type)).toContain('case.key_supervision');
    await admin.request({
      method: 'PATCH',
      url: `/api/classes/${w.classId}`,
      payload: { keySupervision: false },
    });
  });

  it('applies the strictest of a key area and a key period', async () => {
    const area = squarePolygon({
      west: w.point.lng - 0.001,
      south: w.point.lat - 0.001,
      side: 0.002,
    });
    const denied = await w.as.operator.request({
      method: 'POST',
      url: '/api/key-areas',
      payload: { name: '进博会周边', geometry: area, factor: 0.25 },
    });
    expect(denied.statusCode).toBe(403);
    const bad = await admin.request({
      method: 'POST',
      url: '/api/key-areas',
      payload: {
        name: '坏区域',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 0],
              [1, 1],
            ],
          ],
        },
        factor: 0.5,
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (
        await admin.request({
          method: 'POST',
          url: '/api/key-areas',
          payload: { name: '进博会周边', geometry: area, factor: 0.25 },
        })
      ).statusCode,
    ).toBe(201);
    const period = await w.as.commander.request({
      method: 'POST',
      url: '/api/key-periods',
      payload: {
        name: '进博会期间',
        startsAt: local('2026-11-29T00:00:00'),
        endsAt: local('2026-12-06T00:00:00'),
        factor: 0.5,
      },
    });
    expect(period.statusCode, period.body).toBe(201);
    const { c, due } = await disposalDue();
    expect(c.limitFactor).toBe(0.25);
    expect(c.keyReasons).toEqual(['key_area:进博会周边', 'key_period:进博会期间']);
    // 1 working hour from 09:00.
    expect(due).toBe(local('2026-11-30T10:00:00'));
    const settings = (await admin.request({ method: 'GET', url: '/api/key-supervision' })).json<{
      areas: { id: number }[];
      periods: { id: number }[];
    }>();
    for (const a of settings.areas)
      await admin.request({ method: 'DELETE', url: `/api/key-areas/${a.id}` });
    for (const p of settings.periods)
      await admin.request({ method: 'DELETE', url: `/api/key-periods/${p.id}` });
  });

  it('changes a key area and a key period in place, audited', async () => {
    const area = squarePolygon({ west: 121.0, south: 31.0, side: 0.002 });
    const areaId = (
      await admin.request({
        method: 'POST',
        url: '/api/key-areas',
        payload: { name: '旧区域', geometry: area, factor: 0.5 },
      })
    ).json<{ id: number }>().id;
    const periodId = (
      await admin.request({
        method: 'POST',
        url: '/api/key-periods',
        payload: {
          name: '旧时段',
          startsAt: local('2026-12-01T00:00:00'),
          endsAt: local('2026-12-02T00:00:00'),
          factor: 0.5,
        },
      })
    ).json<{ id: number }>().id;
    const moved = squarePolygon({ west: 121.1, south: 31.1, side: 0.004 });
    const areaEdit = await w.as.commander.request({
      method: 'PUT',
      url: `/api/key-areas/${areaId}`,
      payload: { name: '新区域', geometry: moved, factor: 0.25 },
    });
    expect(areaEdit.statusCode, areaEdit.body).toBe(200);
    const periodBody = {
      name: '新时段',
      startsAt: local('2026-12-03T00:00:00'),
      endsAt: local('2026-12-05T00:00:00'),
      factor: 0.8,
    };
    const periodEdit = await admin.request({
      method: 'PUT',
      url: `/api/key-periods/${periodId}`,
      payload: periodBody,
    });
    expect(periodEdit.statusCode, periodEdit.body).toBe(200);
    const settings = (await admin.request({ method: 'GET', url: '/api/key-supervision' })).json<{
      areas: { id: number; name: string; factor: number; geometry: unknown }[];
      periods: { id: number; name: string; factor: number; startsAt: string; endsAt: string }[];
    }>();
    expect(settings.areas.find((a) => a.id === areaId)).toMatchObject({
      name: '新区域',
      factor: 0.25,
      geometry: moved,
    });
    expect(settings.periods.find((p) => p.id === periodId)).toMatchObject({
      name: '新时段',
      factor: 0.8,
      startsAt: periodBody.startsAt,
      endsAt: periodBody.endsAt,
    });
    const audited = await t.ctx.db.kysely
      .selectFrom('admin_audit')
      .select(['entity', 'entity_id'])
      .where('action', '=', 'update')
      .where('entity', 'in', ['key_area', 'key_period'])
      .execute();
    expect(audited).toEqual(
      expect.arrayContaining([
        { entity: 'key_area', entity_id: String(areaId) },
        { entity: 'key_period', entity_id: String(periodId) },
      ]),
    );

    const backwards = await admin.request({
      method: 'PUT',
      url: `/api/key-periods/${periodId}`,
      payload: { ...periodBody, endsAt: periodBody.startsAt },
    });
    expect(backwards.statusCode).toBe(400);
    const missing = await admin.request({
      method: 'PUT',
      url: '/api/key-periods/999999',
      payload: periodBody,
    });
    expect(missing.statusCode).toBe(404);
    const denied = await w.as.operator.request({
      method: 'PUT',
      url: `/api/key-areas/${areaId}`,
      payload: { name: '越权', geometry: moved, factor: 0.5 },
    });
    expect(denied.statusCode).toBe(403);
    await admin.request({ method: 'DELETE', url: `/api/key-areas/${areaId}` });
    await admin.request({ method: 'DELETE', url: `/api/key-periods/${periodId}` });
  });

  it('gives rural streets a looser limit by their region class', async () => {
    const street = w.district.streets[0]?.code ?? '';
    expect(
      (
        await admin.request({
          method: 'PUT',
          url: `/api/divisions/${street}/area-class`,
          payload: { areaClass: 'rural' },
        })
      ).statusCode,
    ).toBe(200);
    const { c, due } = await disposalDue();
    expect(c).toMatchObject({
      keySupervision: false,
      limitFactor: 2,
      keyReasons: ['area_class:rural'],
    });
    // 8 working hours from Monday 09:00 → Tuesday 09:00.
    expect(due).toBe(local('2026-12-01T09:00:00'));
    expect(
      (
        await admin.request({
          method: 'PUT',
          url: '/api/limit-factors/key_class',
          payload: { factor: 2 },
        })
      ).statusCode,
    ).toBe(400);
  });
});
