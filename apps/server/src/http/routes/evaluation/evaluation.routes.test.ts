import {
  act,
  buildCaseWorld,
  readXlsx,
  createTestApp,
  uploadPhoto,
  type CaseWorld,
  type Session,
  type TestApp,
} from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type CaseOut = { id: number; version: number; caseNumber: string };
type Row = {
  id: string;
  name: string;
  rank: number | null;
  unranked: { code: string } | null;
  score: number | null;
  grade: { grade: string } | null;
  counts: Record<string, number>;
  terms: { key: string; points: number }[];
};
type Result = { rows: Row[]; period: { from: string; to: string } };

/**
 * A scripted November on the fake clock (working hours 08:00–12:00 and 14:00–18:00; the class's
 * disposal limit is 4 working hours, so a case dispatched Monday 09:00 is due Monday 15:00):
 *
 * District A, one street, departments d1 (water) and d2 (other):
 * - c1 d1: fed back 10:00, checked, closed — on time.
 * - c2 d1: fed back Tuesday 10:00 — late; closed as overdue.
 * - c3 d1: fed back 10:00, check fails (rework; the new disposal is due 16:00), fed back 11:00,
 *   closed on time.
 * - c4 d1: never fed back — open past its deadline.
 * - c5, c6 d2: fed back 10:00, closed on time.
 * District B, one street: c7 closed on time; c8 dispatched 30 Nov 17:00, due 1 Dec 11:00 —
 * filed in November but not due in it.
 *
 * Departments (立案数分值×10% + 结案率×30 + 按期处置率×30 + (1 − 返工率)×30), with the minimum
 * sample lowered to 2 by a scheme change:
 * - d1: 4 filed → 100 → 10; closed 3 of 4 due → 22.5; disposals due 5 (c3 twice), on time 3
 *   → 18; rework 1 of 4 disposed → 0.75 × 30 = 22.5. Total 73 → C.
 * - d2: 10 + 30 + 30 + 30 = 100 → A.
 * Streets ((1 − 监督举报率)×10 + 立案数分值×20% + 结案率×30 + 按期结案率×40):
 * - A: no public reports → 10; 6 filed → band 5–6 = 60 → 12; closed 5 of 6 → 25; on time 4 of 6
 *   → 26.67. Total 73.67 → C.
 * - B: 10; 2 filed → band 1–2 = 90 → 18; closed 1 of 1 → 30; on time → 40. Total 98 → A.
 */
describe('evaluation of a scripted month', () => {
  let t: TestApp;
  let a: CaseWorld;
  let b: CaseWorld;
  let admin: Session;
  const at = (day: number, hhmm: string) =>
    t.ctx.clock.set(`2026-11-${String(day).padStart(2, '0')}T${hhmm}:00+08:00`);

  async function dispatched(w: CaseWorld, department: number, description: string) {
    let c = (
      await w.as.supervisor.request({
        method: 'POST',
        url: '/api/cases',
        payload: { source: 'supervisor', description, ...w.point },
      })
    ).json<CaseOut>();
    c = await act(w.as.operator, c, 'accept');
    c = await act(w.as.shift_leader, c, 'file', { classId: w.classId, urgency: 'normal' });
    return act(w.as.dispatcher, c, 'dispatch', { departmentIds: [department] });
  }

  async function feedBack(w: CaseWorld, c: CaseOut, who: Session) {
    expect((await uploadPhoto(who, c.id, 'after')).statusCode).toBe(201);
    void w;
    return act(who, c, 'feed_back', { opinion: '已处理' });
  }

  async function checkAndClose(w: CaseWorld, c: CaseOut) {
    c = await act(w.as.operator, c, 'send_check');
    c = await act(w.as.supervisor, c, 'check_pass');
    return act(w.as.shift_leader, c, 'close');
  }

  beforeAll(async () => {
    t = await createTestApp();
    t.ctx.settings.sessionIdleMinutes = 60 * 24 * 365;
    at(2, '08:00');
    a = await buildCaseWorld(t);
    b = await buildCaseWorld(t);
    admin = await t.loginAs({ roles: ['admin'] });
    const d1 = a.departments[0]?.id ?? 0;
    const d2 = a.departments[1]?.id ?? 0;
    const d2Handler = a.as.otherDepartment;

    at(2, '09:00');
    const c1 = await dispatched(a, d1, 'c1');
    const c2 = await dispatched(a, d1, 'c2');
    let c3 = await dispatched(a, d1, 'c3');
    await dispatched(a, d1, 'c4');
    const c5 = await dispatched(a, d2, 'c5');
    const c6 = await dispatched(a, d2, 'c6');
    const c7 = await dispatched(b, b.departments[0]?.id ?? 0, 'c7');

    at(2, '10:00');
    await checkAndClose(a, await feedBack(a, c1, a.as.department));
    c3 = await feedBack(a, c3, a.as.department);
    c3 = await act(a.as.operator, c3, 'send_check');
    c3 = await act(a.as.supervisor, c3, 'check_fail', { opinion: '未清理干净' });
    await checkAndClose(a, await feedBack(a, c5, d2Handler));
    await checkAndClose(a, await feedBack(a, c6, d2Handler));
    await checkAndClose(b, await feedBack(b, c7, b.as.department));
    at(2, '11:00');
    await checkAndClose(a, await feedBack(a, c3, a.as.department));
    at(3, '10:00');
    await checkAndClose(a, await feedBack(a, c2, a.as.department));
    at(30, '17:00');
    await dispatched(b, b.departments[0]?.id ?? 0, 'c8');
    t.ctx.clock.set('2026-12-02T09:00:00+08:00');

    // The city lowers the minimum sample so these few cases are ranked.
    const scheme = (await admin.request({ method: 'GET', url: '/api/evaluation/scheme' })).json<{
      formulas: Record<string, { minimumSample: { minimum: number } | null }>;
    }>();
    for (const formula of Object.values(scheme.formulas))
      if (formula.minimumSample) formula.minimumSample.minimum = 1;
    const put = await admin.request({
      method: 'PUT',
      url: '/api/evaluation/scheme',
      payload: scheme,
    });
    expect(put.statusCode, put.body).toBe(204);
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  const evaluation = async (query: string) => {
    const res = await a.as.commander.request({ method: 'GET', url: `/api/evaluation?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Result>();
  };
  const asAdmin = async (query: string) => {
    const res = await admin.request({ method: 'GET', url: `/api/evaluation?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Result>();
  };

  it('scores and grades the two departments as computed by hand', async () => {
    const result = await asAdmin('objectType=department_first&period=2026-11');
    const row = (id: number | undefined) => result.rows.find((r) => r.id === String(id));
    const d1 = row(a.departments[0]?.id);
    const d2 = row(a.departments[1]?.id);
    expect(d1?.counts).toMatchObject({
      filed: 4,
      dispose_due: 5,
      disposed: 4,
      disposed_on_time: 3,
      overdue_open: 1,
      rework: 1,
      close_due: 4,
      closed: 3,
      closed_on_time: 2,
    });
    expect([d1?.score, d1?.grade?.grade]).toEqual([73, 'C']);
    expect([d2?.score, d2?.grade?.grade]).toEqual([100, 'A']);
    expect(d2?.rank).toBe(1);
    expect(d1?.rank).toBeGreaterThan(1);
    // B's second department had nothing to do: listed last, unranked.
    expect(row(b.departments[1]?.id)).toMatchObject({
      rank: null,
      unranked: { code: 'BELOW_MINIMUM_SAMPLE' },
    });
    expect(result.rows.at(-1)?.rank).toBeNull();
  });

  it('scores and grades the two streets as computed by hand', async () => {
    const result = await asAdmin('objectType=street&period=2026-11');
    const street = (w: CaseWorld) => result.rows.find((r) => r.id === w.district.streets[0]?.code);
    expect(street(a)?.counts).toMatchObject({
      filed: 6,
      close_due: 6,
      closed: 5,
      closed_on_time: 4,
      supervision_reports: 0,
    });
    expect([street(a)?.score, street(a)?.grade?.grade]).toEqual([73.67, 'C']);
    expect(street(b)?.counts).toMatchObject({ filed: 2, close_due: 1, closed: 1 });
    expect([street(b)?.score, street(b)?.grade?.grade]).toEqual([98, 'A']);
    expect(street(b)?.rank).toBe(1);
  });

  it('lists exactly as many facts behind a number as the number says', async () => {
    const departments = await asAdmin('objectType=department_first&period=2026-11');
    const d1 = departments.rows.find((r) => r.id === String(a.departments[0]?.id));
    if (!d1) throw new Error('no d1');
    for (const indicator of [
      'dispose_due',
      'disposed',
      'disposed_on_time',
      'overdue_open',
      'rework',
      'reworked_cases',
      'close_due',
      'closed_on_time',
      'filed',
    ]) {
      const drill = await admin.request({
        method: 'GET',
        url: `/api/evaluation/drill?objectType=department_first&period=2026-11&id=${d1.id}&indicator=${indicator}`,
      });
      expect(drill.statusCode, drill.body).toBe(200);
      const body = drill.json<{ total: number; items: { caseNumber: string }[] }>();
      expect(body.total, indicator).toBe(d1.counts[indicator]);
      expect(body.items, indicator).toHaveLength(d1.counts[indicator] ?? -1);
    }
    const open = await admin.request({
      method: 'GET',
      url: `/api/evaluation/drill?objectType=department_first&period=2026-11&id=${d1.id}&indicator=overdue_open`,
    });
    expect(open.json<{ items: { caseNumber: string }[] }>().items).toHaveLength(1);
  });

  it('writes the report workbook with one sheet per object type and the API’s numbers', async () => {
    const res = await admin.request({
      method: 'GET',
      url: '/api/evaluation/report.xlsx?period=2026-11',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain('evaluation-2026-11.xlsx');
    const sheets = readXlsx(new Uint8Array(res.rawPayload));
    expect(sheets.map((s) => s.name)).toEqual([
      '区 2026-11',
      '街道 2026-11',
      '社区 2026-11',
      '网格 2026-11',
      '一级专业部门 2026-11',
      '二级专业部门 2026-11',
      '监督员 2026-11',
      '受理员 2026-11',
      '值班长 2026-11',
      '派遣员 2026-11',
    ]);
    for (const [index, objectType] of [
      [1, 'street'],
      [4, 'department_first'],
    ] as const) {
      const api = await asAdmin(`objectType=${objectType}&period=2026-11`);
      const sheet = sheets[index];
      if (!sheet) throw new Error(`no sheet ${index}`);
      expect(sheet.rows[0]?.slice(0, 5)).toEqual([
        '排名 rank',
        '对象 object',
        '编码 id',
        '得分 score',
        '等级 grade',
      ]);
      expect(sheet.rows.slice(1).map((r) => [r[0], r[2], r[3], r[4]])).toEqual(
        api.rows.map((r) => [r.rank, r.id, r.score, r.grade?.grade ?? null]),
      );
      // Each term's points as in the API (2 decimals).
      const first = api.rows[0];
      const points = sheet.rows[1]?.filter((_, i) => i >= 6 && (i - 6) % 2 === 1);
      expect(points).toEqual(first?.terms.map((t) => Math.round(t.points * 100) / 100));
    }
  });

  it('gives the same numbers after the facts are rebuilt from the log', async () => {
    const before = await asAdmin('objectType=street&period=2026-11');
    const rebuilt = await admin.request({ method: 'POST', url: '/api/evaluation/rebuild' });
    expect(rebuilt.statusCode, rebuilt.body).toBe(200);
    expect(await asAdmin('objectType=street&period=2026-11')).toEqual(before);
  });

  it('keeps a region commander to their region and refuses bad queries with the field', async () => {
    const mine = await evaluation('objectType=street&period=2026-11');
    expect(mine.rows.map((r) => r.id)).toEqual([a.district.streets[0]?.code]);
    const bad = async (query: string) =>
      (await admin.request({ method: 'GET', url: `/api/evaluation?${query}` })).json<{
        error: { details: { field: string }[] };
      }>().error.details[0]?.field;
    expect(await bad('objectType=planet&period=2026-11')).toBe('objectType');
    expect(await bad('objectType=street&period=2026-13')).toBe('period');
    expect(await bad('objectType=street&period=custom&from=2026-11-05')).toBe('to');
    const department = await a.as.department.request({
      method: 'GET',
      url: '/api/evaluation?objectType=street&period=2026-11',
    });
    expect(department.statusCode).toBe(403);
  });

  it('refuses a scheme whose weights do not add up, and keeps the old one', async () => {
    const scheme = (await admin.request({ method: 'GET', url: '/api/evaluation/scheme' })).json<{
      formulas: Record<string, { terms: { weight: number }[] }>;
    }>();
    const first = scheme.formulas.department_first?.terms[0];
    if (first) first.weight += 5;
    const put = await admin.request({
      method: 'PUT',
      url: '/api/evaluation/scheme',
      payload: scheme,
    });
    expect(put.statusCode).toBe(400);
    expect(put.json<{ error: { details: { field: string }[] } }>().error.details[0]?.field).toMatch(
      /department_first/,
    );
    const again = await asAdmin('objectType=department_first&period=2026-11');
    expect(again.rows.find((r) => r.id === String(a.departments[1]?.id))?.score).toBe(100);
    const operator = await a.as.operator.request({
      method: 'PUT',
      url: '/api/evaluation/scheme',
      payload: scheme,
    });
    expect(operator.statusCode).toBe(403);
  });
});
