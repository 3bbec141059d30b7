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

type CaseOut = { id: number; version: number };
type Section = {
  objectType: string;
  names: boolean;
  rows: { name: string | null; rank: number | null; score: number | null; grade: unknown }[];
};
type Publication = {
  period: { label: string; kind: string };
  region: { code: string } | null;
  sections: Section[];
  publishedBy?: { id: number } | null;
};
type AuditPage = { items: { action: string; entityId: string; detail: Record<string, unknown> }[] };

/**
 * 定期发布评价结果: a November with two closed cases in one district, published in December by
 * an administrator and read back by anyone without logging in.
 */
describe('publishing evaluation results', () => {
  let t: TestApp;
  let w: CaseWorld;
  let admin: Session;
  let cityCommander: Session;

  beforeAll(async () => {
    t = await createTestApp();
    t.ctx.settings.sessionIdleMinutes = 60 * 24 * 365;
    t.ctx.clock.set('2026-11-02T08:00:00+08:00');
    w = await buildCaseWorld(t);
    admin = await t.loginAs({ roles: ['admin'] });
    cityCommander = await t.loginAs({ roles: ['commander'] });
    t.ctx.clock.set('2026-11-02T09:00:00+08:00');
    for (const description of ['p1', 'p2']) {
      let c = await openDispatched<CaseOut>(w, description);
      expect((await uploadPhoto(w.as.department, c.id, 'after')).statusCode).toBe(201);
      c = await act(w.as.department, c, 'feed_back', { opinion: '已处理' });
      c = await act(w.as.operator, c, 'send_check');
      c = await act(w.as.supervisor, c, 'check_pass');
      await act(w.as.shift_leader, c, 'close');
    }
    t.ctx.clock.set('2026-12-02T09:00:00+08:00');
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  const publish = (who: Session, payload: Record<string, unknown>) =>
    who.request({ method: 'POST', url: '/api/evaluation/publications', payload });
  const anonymous = (url: string) => t.app.inject({ method: 'GET', url });
  const audit = async () =>
    (
      await admin.request({
        method: 'GET',
        url: '/api/admin/audit?entity=evaluation_publication',
      })
    ).json<AuditPage>().items;

  it('publishes streets and first-level departments by default, readable without login', async () => {
    const res = await publish(admin, { period: '2026-11' });
    expect(res.statusCode, res.body).toBe(201);
    const published = res.json<Publication>();
    expect(published.sections.map((s) => s.objectType)).toEqual(['street', 'department_first']);
    expect(published.publishedBy?.id).toBe(admin.userId);

    const list = await anonymous('/api/public/evaluations');
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json<{ items: { period: { label: string; kind: string } }[] }>().items;
    expect(items.map((i) => i.period)).toMatchObject([{ label: '2026-11', kind: 'month' }]);
    expect(items).toMatchObject([
      {
        objectTypes: [
          { objectType: 'street', label: { zh: '街道', en: 'Street' } },
          {
            objectType: 'department_first',
            label: { zh: '一级专业部门', en: 'First-level department' },
          },
        ],
      },
    ]);
    expect(items[0]).not.toHaveProperty('publishedBy');
    const one = await anonymous('/api/public/evaluations/2026-11');
    expect(one.statusCode, one.body).toBe(200);
    const body = one.json<Publication & Record<string, unknown>>();
    expect(body.publishedBy).toBeUndefined();
    const street = body.sections.find((s) => s.objectType === 'street');
    const row = street?.rows.find((r) => r.name === w.district.streets[0]?.name);
    // Only name, rank, score and grade: no ids, counts or terms.
    expect(Object.keys(row ?? {}).sort()).toEqual(['grade', 'name', 'rank', 'score']);
    expect(row?.score).toEqual(expect.any(Number));

    // The same numbers as the evaluation itself.
    const live = (
      await admin.request({
        method: 'GET',
        url: '/api/evaluation?objectType=street&period=2026-11',
      })
    ).json<{ rows: { name: string; score: number | null; rank: number | null }[] }>();
    expect(street?.rows.map((r) => [r.name, r.rank, r.score])).toEqual(
      live.rows.map((r) => [r.name, r.rank, r.score]),
    );
    expect((await audit())[0]).toMatchObject({ action: 'publish', entityId: '2026-11' });
  });

  it('lists positions without person names unless names are chosen', async () => {
    const res = await publish(cityCommander, {
      period: '2026-11',
      objectTypes: ['street', 'supervisor'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const one = await anonymous('/api/public/evaluations/2026-11');
    const supervisors = one.json<Publication>().sections.find((s) => s.objectType === 'supervisor');
    expect(supervisors?.names).toBe(false);
    expect(supervisors?.rows.length).toBeGreaterThan(0);
    expect(supervisors?.rows.every((r) => r.name === null)).toBe(true);
    expect(one.body).not.toContain('测试用户');
    expect(one.body).not.toContain(w.as.supervisor.username);

    const named = await publish(cityCommander, {
      period: '2026-11',
      objectTypes: ['supervisor'],
      personNames: true,
    });
    expect(named.statusCode, named.body).toBe(201);
    const again = (await anonymous('/api/public/evaluations/2026-11')).json<Publication>();
    expect(again.sections.map((s) => s.objectType)).toEqual(['supervisor']);
    expect(again.sections[0]?.rows.map((r) => r.name)).toContain(
      `测试用户 ${w.as.supervisor.username}`,
    );
  });

  it('replaces a re-published period and audits it', async () => {
    const res = await publish(admin, { period: '2026-11' });
    expect(res.statusCode, res.body).toBe(201);
    const one = (await anonymous('/api/public/evaluations/2026-11')).json<Publication>();
    expect(one.sections.map((s) => s.objectType)).toEqual(['street', 'department_first']);
    const staff = await w.as.operator.request({
      method: 'GET',
      url: '/api/evaluation/publications',
    });
    expect(staff.statusCode, staff.body).toBe(200);
    expect(staff.json<{ items: Publication[] }>().items).toHaveLength(1);
    const entries = await audit();
    expect(entries.map((e) => e.action).slice(0, 4)).toEqual([
      'republish',
      'republish',
      'republish',
      'publish',
    ]);
    expect(entries[0]?.detail).toMatchObject({ objectTypes: ['street', 'department_first'] });
  });

  it('keeps a region commander from replacing the city’s results, not from publishing their own', async () => {
    const refused = await publish(w.as.commander, { period: '2026-11' });
    expect(refused.statusCode, refused.body).toBe(403);
    const withdraw = await w.as.commander.request({
      method: 'DELETE',
      url: '/api/evaluation/publications/2026-11',
    });
    expect(withdraw.statusCode).toBe(403);
    const own = await publish(w.as.commander, { period: '2026-Q3' });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json<Publication>().region?.code).toBe(w.district.code);
    const list = (await anonymous('/api/public/evaluations')).json<{
      items: { period: { label: string } }[];
    }>();
    expect(list.items.map((i) => i.period.label)).toEqual(['2026-11', '2026-Q3']);
  });

  it('withdraws a period: gone from the public pages, audited', async () => {
    const res = await admin.request({
      method: 'DELETE',
      url: '/api/evaluation/publications/2026-Q3',
    });
    expect(res.statusCode, res.body).toBe(204);
    expect((await anonymous('/api/public/evaluations/2026-Q3')).statusCode).toBe(404);
    const list = (await anonymous('/api/public/evaluations')).json<{
      items: { period: { label: string } }[];
    }>();
    expect(list.items.map((i) => i.period.label)).toEqual(['2026-11']);
    const [entry] = await audit();
    expect(entry).toMatchObject({ action: 'withdraw', entityId: '2026-Q3' });
    expect(entry?.detail.snapshot).toBeDefined();
    const again = await admin.request({
      method: 'DELETE',
      url: '/api/evaluation/publications/2026-Q3',
    });
    expect(again.statusCode).toBe(404);
  });

  it('refuses other roles and anonymous staff reads', async () => {
    for (const who of [w.as.operator, w.as.dispatcher, w.as.department])
      expect((await publish(who, { period: '2026-11' })).statusCode).toBe(403);
    const del = await w.as.operator.request({
      method: 'DELETE',
      url: '/api/evaluation/publications/2026-11',
    });
    expect(del.statusCode).toBe(403);
    expect((await anonymous('/api/evaluation/publications')).statusCode).toBe(401);
    const post = await t.app.inject({
      method: 'POST',
      url: '/api/evaluation/publications',
      payload: { period: '2026-11' },
    });
    expect(post.statusCode).toBe(401);
  });

  it('refuses bad requests with the field', async () => {
    const field = async (payload: Record<string, unknown>) => {
      const res = await publish(admin, payload);
      expect(res.statusCode, res.body).toBe(400);
      return res.json<{ error: { details: { field: string }[] } }>().error.details[0]?.field;
    };
    expect(await field({ period: '2026-12' })).toBe('period');
    expect(await field({ period: '2026-13' })).toBe('period');
    expect(await field({ period: 'custom', from: '2026-11-01' })).toBe('to');
    expect(await field({ period: '2026-11', objectTypes: ['planet'] })).toMatch(/objectTypes/);
    expect(await field({ period: '2026-11', objectTypes: [] })).toMatch(/objectTypes/);
    expect(await field({})).toMatch(/period/);
    expect((await anonymous('/api/public/evaluations/nonsense')).statusCode).toBe(400);
    expect((await anonymous('/api/public/evaluations/2025-01')).statusCode).toBe(404);
  });
});
