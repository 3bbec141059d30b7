import {
  buildCaseWorld,
  createTestApp,
  type CaseWorld,
  type Session,
  type TestApp,
  uploadPhoto,
  act,
} from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type CaseOut = {
  id: number;
  caseNumber: string;
  state: string;
  version: number;
  level: string;
  voidType: string | null;
  closureType: string | null;
  parentCaseId: number | null;
  possibleDuplicates: { id: number; distanceM: number }[];
  allowedActions: string[];
};

describe('routing, duplicates, self-disposal and the street micro-loop', () => {
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

  const open = (who: Session, body: Record<string, unknown> = {}) =>
    who.request({
      method: 'POST',
      url: '/api/cases',
      payload: {
        source: 'supervisor',
        description: '井盖缺失',
        ...w.point,
        classId: w.classId,
        ...body,
      },
    });

  it('suggests the department of the most specific routing rule, else the class default', async () => {
    const [first, second] = w.departments;
    if (!first || !second) throw new Error('world');
    let c = (await open(w.as.supervisor)).json<CaseOut>();
    const none = await w.as.dispatcher.request({
      method: 'GET',
      url: `/api/cases/${c.id}/dispatch-suggestion`,
    });
    expect(none.json()).toEqual({ suggestion: null });

    const street = w.district.streets[0]?.code ?? '';
    expect(
      (
        await admin.request({
          method: 'POST',
          url: '/api/routing-rules',
          payload: { classId: null, regionCode: w.district.code, departmentCode: first.code },
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await admin.request({
          method: 'POST',
          url: '/api/routing-rules',
          payload: { classId: w.classId, regionCode: street, departmentCode: second.code },
        })
      ).statusCode,
    ).toBe(201);
    const dup = await admin.request({
      method: 'POST',
      url: '/api/routing-rules',
      payload: { classId: w.classId, regionCode: street, departmentCode: first.code },
    });
    expect(dup.statusCode).toBe(409);

    const suggestion = (
      await w.as.dispatcher.request({
        method: 'GET',
        url: `/api/cases/${c.id}/dispatch-suggestion`,
      })
    ).json<{ suggestion: { departmentId: number; basis: string; regionCode: string } }>();
    expect(suggestion.suggestion).toMatchObject({
      departmentId: second.id,
      basis: 'rule',
      regionCode: street,
    });
    c = await act(w.as.operator, c, 'accept');
    c = await act(w.as.shift_leader, c, 'file', { classId: w.classId, urgency: 'normal' });
    c = await act(w.as.dispatcher, c, 'dispatch', {
      departmentIds: [suggestion.suggestion.departmentId],
    });
    expect(c.state).toBe('DISPOSING');
    expect(
      (
        await w.as.operator.request({
          method: 'POST',
          url: '/api/routing-rules',
          payload: { classId: null, regionCode: street, departmentCode: first.code },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('suggests open duplicates on intake and merges one, keeping the link and both reporters', async () => {
    const parent = (await open(w.as.supervisor, { reporterName: '张三' })).json<CaseOut>();
    const child = (
      await open(w.as.operator, {
        source: 'hotline_12345',
        reporterName: '李四',
        lng: w.point.lng + 0.0001,
      })
    ).json<CaseOut>();
    expect(child.possibleDuplicates.map((d) => d.id)).toContain(parent.id);
    expect(child.possibleDuplicates.find((d) => d.id === parent.id)?.distanceM).toBeLessThan(20);
    const far = (await open(w.as.supervisor, { lng: w.point.lng + 0.004 })).json<CaseOut>();
    expect(far.possibleDuplicates.map((d) => d.id)).not.toContain(parent.id);

    const self = await w.as.operator.request({
      method: 'POST',
      url: `/api/cases/${child.id}/actions/merge`,
      payload: { version: child.version, parentCaseId: child.id },
    });
    expect(self.statusCode).toBe(400);
    const merged = await act(w.as.operator, child, 'merge', { parentCaseId: parent.id });
    expect(merged).toMatchObject({ state: 'VOID', voidType: 'merged', parentCaseId: parent.id });
    const timeline = (
      await w.as.operator.request({ method: 'GET', url: `/api/cases/${parent.id}/timeline` })
    ).json<{ items: { action: string; detail: { childCaseId?: number } }[] }>();
    expect(timeline.items.at(-1)).toMatchObject({
      action: 'absorb_duplicate',
      detail: { childCaseId: child.id },
    });
    const reporters = await t.ctx.db.kysely
      .selectFrom('cases')
      .select('reporter_name')
      .where('id', 'in', [parent.id, child.id])
      .orderBy('id')
      .execute();
    expect(reporters.map((r) => r.reporter_name)).toEqual(['张三', '李四']);
    expect(
      (await w.as.operator.request({ method: 'GET', url: `/api/cases/${parent.id}/audit` })).json(),
    ).toMatchObject({ ok: true });
  });

  it('closes a self-disposal after review', async () => {
    let c = (await open(w.as.supervisor, { draft: true })).json<CaseOut>();
    expect(c.state).toBe('DRAFT');
    const noPhotos = await w.as.supervisor.request({
      method: 'POST',
      url: `/api/cases/${c.id}/actions/self_dispose`,
      payload: { version: c.version },
    });
    expect(noPhotos.statusCode).toBe(400);
    await uploadPhoto(w.as.supervisor, c.id, 'before');
    await uploadPhoto(w.as.supervisor, c.id, 'after');
    c = await act(w.as.supervisor, c, 'self_dispose');
    expect(c.state).toBe('SELF_DISPOSED_REVIEW');
    c = await act(w.as.operator, c, 'approve_self_disposal');
    expect(c).toMatchObject({ state: 'CLOSED', closureType: 'self_disposed' });
  });

  it('runs a street micro-loop and escalates to the district', async () => {
    const street = w.district.streets[0]?.code ?? '';
    const streetOperator = await t.loginAs({
      roles: ['operator'],
      scope: { kind: 'region', divisionCode: street },
    });
    const streetLeader = await t.loginAs({
      roles: ['shift_leader'],
      scope: { kind: 'region', divisionCode: street },
    });
    const streetDispatcher = await t.loginAs({
      roles: ['dispatcher'],
      scope: { kind: 'region', divisionCode: street },
    });
    let c = (await open(streetOperator, { source: 'citizen_web' })).json<CaseOut>();
    expect(c.level).toBe('street');
    c = await act(streetOperator, c, 'send_verify');
    c = await act(w.as.supervisor, c, 'verify_true');
    c = await act(streetLeader, c, 'file', { classId: w.classId, urgency: 'urgent' });
    c = await act(streetDispatcher, c, 'escalate', { opinion: '需区级协调' });
    expect(c).toMatchObject({ state: 'PENDING_DISPATCH', level: 'district' });
    // The district keeps oversight of street cases.
    expect(
      (await w.as.dispatcher.request({ method: 'GET', url: `/api/cases/${c.id}` })).statusCode,
    ).toBe(200);
    c = await act(w.as.dispatcher, c, 'escalate', { opinion: '需市级协调' });
    expect(c.level).toBe('city');
    expect(c.allowedActions).not.toContain('escalate');
  });
});
