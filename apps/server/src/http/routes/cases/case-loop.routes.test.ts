import {
  buildCaseWorld,
  createTestApp,
  type CaseWorld,
  type Session,
  type TestApp,
  uploadPhoto,
  act,
} from '@xiuhua/testkit';
import { strFromU8, unzipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type CaseOut = {
  id: number;
  caseNumber: string;
  state: string;
  version: number;
  allowedActions: string[];
  closureType: string | null;
  voidType: string | null;
  reworkCount: number;
  reporterName?: string | null;
  timers: {
    step: string;
    status: string;
    dueAt: string | null;
    light: string;
    remainingMinutes: number;
  }[];
};

describe('the closed loop over HTTP', () => {
  let t: TestApp;
  let w: CaseWorld;
  beforeAll(async () => {
    t = await createTestApp();
    // The fake clock jumps days ahead; keep the test users' sessions alive meanwhile.
    t.ctx.settings.sessionIdleMinutes = 60 * 24 * 365;
    // Monday 23 November 2026, 09:00 in Shanghai.
    t.ctx.clock.set('2026-11-23T09:00:00+08:00');
    w = await buildCaseWorld(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const open = async (
    who: Session,
    body: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) => {
    const res = await who.request({
      method: 'POST',
      url: '/api/cases',
      headers,
      payload: {
        source: 'supervisor',
        description: '路边暴露垃圾',
        ...w.point,
        reporterName: '市民甲',
        ...body,
      },
    });
    return res;
  };

  it('runs report → accept → file → dispatch → feedback → check → close', async () => {
    const created = await open(w.as.supervisor);
    expect(created.statusCode, created.body).toBe(201);
    let c = created.json<CaseOut>();
    expect(c.caseNumber).toMatch(new RegExp(`^${w.district.code}-20261123-\\d{5}$`));
    expect(c.state).toBe('PENDING_ACCEPT');
    expect(c.timers).toMatchObject([{ step: 'accept', status: 'running', light: 'green' }]);

    const seenByOperator = (
      await w.as.operator.request({ method: 'GET', url: `/api/cases/${c.id}` })
    ).json<CaseOut>();
    expect(seenByOperator.allowedActions.sort()).toEqual([
      'accept',
      'merge',
      'reject',
      'send_verify',
    ]);

    c = await act(w.as.operator, c, 'accept');
    c = await act(w.as.shift_leader, c, 'file', { classId: w.classId, urgency: 'normal' });
    expect(c.state).toBe('PENDING_DISPATCH');
    c = await act(w.as.dispatcher, c, 'dispatch', { departmentIds: [w.departments[0]?.id] });
    expect(c.state).toBe('DISPOSING');
    const dispose = c.timers.find((x) => x.step === 'dispose' && x.status === 'running');
    // 4 working hours from Monday 09:00: 3 h until noon, the lunch break skipped, then 14:00–15:00.
    expect(dispose?.dueAt).toBe(new Date('2026-11-23T15:00:00+08:00').toISOString());

    const deptView = (
      await w.as.department.request({ method: 'GET', url: `/api/cases/${c.id}` })
    ).json<CaseOut>();
    expect(deptView.reporterName).toBeUndefined();
    expect(deptView.allowedActions).toEqual(
      expect.arrayContaining(['feed_back', 'request_postpone', 'request_hold', 'request_return']),
    );
    expect(
      (await w.as.otherDepartment.request({ method: 'GET', url: `/api/cases/${c.id}` })).statusCode,
    ).toBe(404);

    c = await act(w.as.department, c, 'sign_for');
    const twice = await w.as.department.request({
      method: 'POST',
      url: `/api/cases/${c.id}/actions/sign_for`,
      payload: { version: c.version },
    });
    expect(twice.json()).toMatchObject({ error: { code: 'ACTION_NOT_ALLOWED' } });
    t.ctx.clock.advanceMinutes(120);
    const missing = await w.as.department.request({
      method: 'POST',
      url: `/api/cases/${c.id}/actions/feed_back`,
      payload: { version: c.version, opinion: '已清理' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ error: { details: [{ field: 'photos' }] } });
    expect((await uploadPhoto(w.as.department, c.id, 'after')).statusCode).toBe(201);
    c = await act(w.as.department, c, 'feed_back', { opinion: '已清理' });
    expect(c.state).toBe('PENDING_CHECK');
    c = await act(w.as.operator, c, 'send_check');
    c = await act(w.as.supervisor, c, 'check_pass');
    c = await act(w.as.shift_leader, c, 'close');
    expect(c).toMatchObject({ state: 'CLOSED', closureType: 'normal', allowedActions: [] });

    const timeline = (
      await w.as.operator.request({ method: 'GET', url: `/api/cases/${c.id}/timeline` })
    ).json<{ items: { action: string }[] }>();
    expect(timeline.items.map((i) => i.action)).toEqual([
      'create',
      'accept',
      'file',
      'dispatch',
      'sign_for',
      'feed_back',
      'send_check',
      'check_pass',
      'close',
    ]);
    expect(
      (await w.as.operator.request({ method: 'GET', url: `/api/cases/${c.id}/audit` })).json(),
    ).toEqual({ ok: true, actions: 9, brokenAt: null });
    const events = await t.ctx.db.kysely
      .selectFrom('outbox_events')
      .select('type')
      .where('case_id', '=', c.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.type)).toEqual([
      'case.created',
      'case.accept',
      'case.file',
      'case.dispatch',
      'case.sign_for',
      'case.feed_back',
      'case.send_check',
      'case.check_pass',
      'case.close',
    ]);
  });

  it('closes as overdue when the disposal ran past its deadline, after a failed check and rework', async () => {
    let c = (await open(w.as.supervisor)).json<CaseOut>();
    c = await act(w.as.operator, c, 'accept');
    c = await act(w.as.shift_leader, c, 'file', { classId: w.classId, urgency: 'normal' });
    c = await act(w.as.dispatcher, c, 'dispatch', { departmentIds: [w.departments[0]?.id] });
    await uploadPhoto(w.as.department, c.id, 'after');
    c = await act(w.as.department, c, 'feed_back', { opinion: '已处理' });
    c = await act(w.as.operator, c, 'send_check');
    t.ctx.clock.advanceMinutes(30);
    c = await act(w.as.supervisor, c, 'check_fail', { opinion: '仍有垃圾' });
    expect(c).toMatchObject({ state: 'DISPOSING', reworkCount: 1 });
    t.ctx.clock.advanceMinutes(60 * 24);
    // Rework needs new photos: the first round's no longer count.
    const stale = await w.as.department.request({
      method: 'POST',
      url: `/api/cases/${c.id}/actions/feed_back`,
      payload: { version: c.version, opinion: '已彻底清理' },
    });
    expect(stale.statusCode).toBe(400);
    await uploadPhoto(w.as.department, c.id, 'after');
    c = await act(w.as.department, c, 'feed_back', { opinion: '已彻底清理' });
    c = await act(w.as.operator, c, 'send_check');
    c = await act(w.as.supervisor, c, 'check_pass');
    c = await act(w.as.shift_leader, c, 'close');
    expect(c.closureType).toBe('overdue');
  });

  it('pauses the disposal clock on hold and resumes it with the time that was left', async () => {
    t.ctx.clock.set('2026-11-24T09:00:00+08:00');
    let c = (await open(w.as.supervisor)).json<CaseOut>();
    c = await act(w.as.operator, c, 'accept');
    c = await act(w.as.shift_leader, c, 'file', { classId: w.classId, urgency: 'normal' });
    c = await act(w.as.dispatcher, c, 'dispatch', { departmentIds: [w.departments[0]?.id] });
    t.ctx.clock.advanceMinutes(60);
    c = await act(w.as.department, c, 'request_hold', { opinion: '需协调产权单位' });
    c = await act(w.as.commander, c, 'approve_hold');
    expect(c.state).toBe('ON_HOLD');
    expect(c.timers.find((x) => x.step === 'dispose')).toMatchObject({
      status: 'paused',
      dueAt: null,
      remainingMinutes: 180,
    });
    t.ctx.clock.set('2026-11-26T14:00:00+08:00');
    c = await act(w.as.dispatcher, c, 'resume');
    expect(c.timers.find((x) => x.step === 'dispose' && x.status === 'running')?.dueAt).toBe(
      new Date('2026-11-26T17:00:00+08:00').toISOString(),
    );
  });

  it('extends the deadline by an approved postponement', async () => {
    t.ctx.clock.set('2026-11-25T09:00:00+08:00');
    let c = (await open(w.as.supervisor)).json<CaseOut>();
    c = await act(w.as.operator, c, 'accept');
    c = await act(w.as.shift_leader, c, 'file', { classId: w.classId, urgency: 'normal' });
    c = await act(w.as.dispatcher, c, 'dispatch', { departmentIds: [w.departments[0]?.id] });
    c = await act(w.as.department, c, 'request_postpone', {
      opinion: '需调度车辆',
      postponeMinutes: 120,
    });
    c = await act(w.as.dispatcher, c, 'approve_postpone');
    expect(c.timers.find((x) => x.step === 'dispose' && x.status === 'running')?.dueAt).toBe(
      new Date('2026-11-25T17:00:00+08:00').toISOString(),
    );
  });

  it('returns within the window and re-dispatches to another department, counting a wrong dispatch', async () => {
    let c = (await open(w.as.supervisor)).json<CaseOut>();
    c = await act(w.as.operator, c, 'accept');
    c = await act(w.as.shift_leader, c, 'file', { classId: w.classId, urgency: 'normal' });
    c = await act(w.as.dispatcher, c, 'dispatch', { departmentIds: [w.departments[0]?.id] });
    c = await act(w.as.department, c, 'request_return', { opinion: '非本部门职责' });
    c = await act(w.as.dispatcher, c, 'approve_return');
    expect(c.state).toBe('PENDING_DISPATCH');
    c = await act(w.as.dispatcher, c, 'dispatch', { departmentIds: [w.departments[1]?.id] });
    expect(
      (await w.as.otherDepartment.request({ method: 'GET', url: `/api/cases/${c.id}` })).statusCode,
    ).toBe(200);
    expect(
      (await w.as.department.request({ method: 'GET', url: `/api/cases/${c.id}` })).statusCode,
    ).toBe(404);
  });

  it('voids false reports and refused filings where they happened', async () => {
    let hotline = (await open(w.as.operator, { source: 'hotline_12345' })).json<CaseOut>();
    expect(
      (
        await w.as.operator.request({
          method: 'POST',
          url: `/api/cases/${hotline.id}/actions/accept`,
          payload: { version: hotline.version },
        })
      ).json(),
    ).toMatchObject({ error: { code: 'ACTION_NOT_ALLOWED' } });
    hotline = await act(w.as.operator, hotline, 'send_verify');
    hotline = await act(w.as.supervisor, hotline, 'verify_false', { opinion: '现场无此问题' });
    expect(hotline).toMatchObject({ state: 'VOID', voidType: 'not_accepted' });

    let refused = (await open(w.as.supervisor)).json<CaseOut>();
    refused = await act(w.as.operator, refused, 'accept');
    refused = await act(w.as.shift_leader, refused, 'refuse_file', { opinion: '不属于城管范畴' });
    expect(refused).toMatchObject({ state: 'VOID', voidType: 'not_filed' });
  });

  it('refuses a stale version, a wrong role and a wrong state, writing nothing', async () => {
    const c = (await open(w.as.supervisor)).json<CaseOut>();
    const stale = await w.as.operator.request({
      method: 'POST',
      url: `/api/cases/${c.id}/actions/accept`,
      payload: { version: c.version + 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      error: { code: 'STALE_VERSION', details: [{ field: 'version' }] },
    });
    const role = await w.as.dispatcher.request({
      method: 'POST',
      url: `/api/cases/${c.id}/actions/accept`,
      payload: { version: c.version },
    });
    expect(role.statusCode).toBe(403);
    expect(role.json()).toMatchObject({ error: { code: 'ROLE_NOT_ALLOWED' } });
    const state = await w.as.shift_leader.request({
      method: 'POST',
      url: `/api/cases/${c.id}/actions/close`,
      payload: { version: c.version },
    });
    expect(state.statusCode).toBe(409);
    expect(state.json()).toMatchObject({ error: { code: 'CASE_NOT_IN_STATE' } });
    const unknown = await w.as.operator.request({
      method: 'POST',
      url: `/api/cases/${c.id}/actions/teleport`,
      payload: { version: c.version },
    });
    expect(unknown.statusCode).toBe(400);
    const timeline = (
      await w.as.operator.request({ method: 'GET', url: `/api/cases/${c.id}/timeline` })
    ).json<{ items: unknown[] }>();
    expect(timeline.items).toHaveLength(1);
  });

  it('refuses bad intake precisely and writes nothing', async () => {
    const before = await t.ctx.db.kysely
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const outside = await open(w.as.supervisor, { lng: 100, lat: 20 });
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toMatchObject({ error: { code: 'OUTSIDE_JURISDICTION' } });
    const unknownClass = await open(w.as.supervisor, { classId: 999999 });
    expect(unknownClass.statusCode).toBe(400);
    expect(unknownClass.json()).toMatchObject({ error: { details: [{ field: 'classId' }] } });
    const empty = await open(w.as.supervisor, { description: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ error: { details: [{ field: 'description' }] } });
    const wrongSource = await open(w.as.supervisor, { source: 'hotline_12345' });
    expect(wrongSource.statusCode).toBe(403);
    const after = await t.ctx.db.kysely
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('creates one case for 100 replays of the same idempotency key', async () => {
    const key = `report-${Date.now()}`;
    const responses = [];
    for (let i = 0; i < 100; i++)
      responses.push(
        await open(w.as.supervisor, { description: '幂等测试' }, { 'idempotency-key': key }),
      );
    expect(new Set(responses.map((r) => r.json<CaseOut>().id)).size).toBe(1);
    expect(responses.every((r) => r.statusCode === 201)).toBe(true);
    expect(responses[1]?.headers['idempotent-replayed']).toBe('true');
    const rows = await t.ctx.db.kysely
      .selectFrom('cases')
      .select('id')
      .where('description', '=', '幂等测试')
      .execute();
    expect(rows).toHaveLength(1);
    const reused = await open(
      w.as.supervisor,
      { description: '另一个请求' },
      { 'idempotency-key': key },
    );
    expect(reused.statusCode).toBe(409);
    expect(reused.json()).toMatchObject({ error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
  });

  it('counts queues, exports CSV and verifies every chain', async () => {
    const queues = (await w.as.operator.request({ method: 'GET', url: '/api/queues' })).json<{
      states: Record<string, number>;
      overdue: number;
    }>();
    // Open states only: closed and void cases are history, not queues.
    expect(queues.states.CLOSED).toBeUndefined();
    expect(queues.states.VOID).toBeUndefined();
    const closed = (
      await w.as.operator.request({ method: 'GET', url: '/api/cases?state=CLOSED' })
    ).json<{ total: number }>().total;
    expect(closed).toBeGreaterThanOrEqual(2);
    for (const [state, n] of Object.entries(queues.states)) {
      const list = await w.as.operator.request({ method: 'GET', url: `/api/cases?state=${state}` });
      expect(list.json<{ total: number }>().total).toBe(n);
    }
    const deptQueues = (await w.as.department.request({ method: 'GET', url: '/api/queues' })).json<{
      states: Record<string, number>;
    }>();
    expect(deptQueues.states.PENDING_ACCEPT).toBeUndefined();

    const csv = await w.as.operator.request({
      method: 'GET',
      url: '/api/cases/export.csv?state=CLOSED',
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('案卷号 case_number');
    expect(lines.length - 1).toBe(closed);
    expect(lines.slice(1).every((l) => l.includes(',CLOSED,'))).toBe(true);

    const xlsx = await w.as.operator.request({
      method: 'GET',
      url: '/api/cases/export.xlsx?state=CLOSED',
    });
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const files = unzipSync(new Uint8Array(xlsx.rawPayload));
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml'] ?? new Uint8Array());
    expect(sheet.match(/<row /g)).toHaveLength(closed + 1);
    expect(sheet).toContain('案卷号 case_number');
    expect(sheet).not.toContain('<f>');

    const admin = await t.loginAs({ roles: ['admin'] });
    const all = (await admin.request({ method: 'GET', url: '/api/audit/verify' })).json<{
      ok: boolean;
      cases: number;
    }>();
    expect(all.ok).toBe(true);
    expect(all.cases).toBeGreaterThan(5);
    expect(
      (await w.as.operator.request({ method: 'GET', url: '/api/audit/verify' })).statusCode,
    ).toBe(403);
  });

  it('detects a tampered action log', async () => {
    const c = (await open(w.as.supervisor)).json<CaseOut>();
    await act(w.as.operator, c, 'accept');
    const db = t.ctx.db.kysely;
    await expect(
      sql`update case_actions set opinion = 'forged' where case_id = ${c.id}`.execute(db),
    ).rejects.toThrow(/append-only/);
    await sql`alter table case_actions disable trigger case_actions_no_update`.execute(db);
    await sql`update case_actions set opinion = 'forged' where case_id = ${c.id} and seq = 2`.execute(
      db,
    );
    await sql`alter table case_actions enable trigger case_actions_no_update`.execute(db);
    expect(
      (await w.as.operator.request({ method: 'GET', url: `/api/cases/${c.id}/audit` })).json(),
    ).toEqual({ ok: false, actions: 2, brokenAt: 2 });
  });
});
