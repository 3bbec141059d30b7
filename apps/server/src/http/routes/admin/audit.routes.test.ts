import { createTestApp, type Session, type TestApp } from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type AuditOut = {
  items: {
    id: number;
    at: string;
    actor: { id: number; username: string; displayName: string } | null;
    action: string;
    entity: string;
    entityId: string | null;
    detail: Record<string, unknown>;
  }[];
  total: number;
  page: number;
  pageSize: number;
};

describe('GET /api/admin/audit', () => {
  let t: TestApp;
  let admin: Session;
  let other: Session;
  let deptId = 0;
  let webhookId = 0;
  const T0 = new Date('2026-11-23T09:00:00+08:00').getTime();
  const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

  beforeAll(async () => {
    t = await createTestApp();
    t.ctx.clock.set(at(0));
    admin = await t.loginAs({ roles: ['admin'] });
    other = await t.loginAs({ roles: ['admin'] });
    const dept = await admin.request({
      method: 'POST',
      url: '/api/organisations',
      payload: { code: 'audit-dept', name: '审计测试部门', kind: 'department', level: 'first' },
    });
    expect(dept.statusCode, dept.body).toBe(201);
    deptId = dept.json<{ id: number }>().id;
    t.ctx.clock.set(at(10));
    const renamed = await admin.request({
      method: 'PATCH',
      url: `/api/organisations/${deptId}`,
      payload: { name: '审计测试部门（改）' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    t.ctx.clock.set(at(20));
    const hook = await other.request({
      method: 'POST',
      url: '/api/webhooks',
      payload: { name: 'audit hook', url: 'https://example.test/hook' },
    });
    expect(hook.statusCode, hook.body).toBe(201);
    webhookId = hook.json<{ id: number }>().id;
  });
  afterAll(async () => {
    await t.close();
  });

  const list = async (query = '', who: Session = admin) => {
    const res = await who.request({ method: 'GET', url: `/api/admin/audit${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<AuditOut>();
  };

  it('lists admin changes newest first with the actor and the detail', async () => {
    const page = await list();
    expect(page.total).toBe(3);
    expect(page.items.map((r) => [r.entity, r.action])).toEqual([
      ['webhook', 'create'],
      ['organisation', 'update'],
      ['organisation', 'create'],
    ]);
    expect(page.items.map((r) => r.at)).toEqual([at(20), at(10), at(0)]);
    const [hook, , created] = page.items;
    expect(hook?.actor).toMatchObject({ id: other.userId, username: other.username });
    expect(hook?.actor?.displayName).toContain(other.username);
    expect(hook?.entityId).toBe(String(webhookId));
    expect(created?.detail).toMatchObject({ code: 'audit-dept', name: '审计测试部门' });
    expect(JSON.stringify(page)).not.toContain('secret');
  });

  it('filters by entity, entity id, actor, action and time, and pages', async () => {
    expect((await list('?entity=organisation')).total).toBe(2);
    expect((await list(`?entity=organisation&entityId=${deptId}&action=update`)).items).toEqual([
      expect.objectContaining({
        action: 'update',
        detail: { patch: { name: '审计测试部门（改）' } },
      }),
    ]);
    const byOther = await list(`?actor=${other.userId}`);
    expect(byOther.items.map((r) => r.entity)).toEqual(['webhook']);
    expect((await list(`?from=${at(5)}`)).items.map((r) => r.action)).toEqual(['create', 'update']);
    expect((await list(`?to=${at(15)}`)).total).toBe(2);
    expect((await list(`?from=${at(5)}&to=${at(15)}`)).items.map((r) => r.at)).toEqual([at(10)]);
    expect((await list(`?from=${at(10)}&to=${at(20)}`)).total).toBe(1);
    expect((await list(`?from=${at(21)}`)).total).toBe(0);
    const second = await list('?page=2&pageSize=2');
    expect(second).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(second.items.map((r) => r.action)).toEqual(['create']);
    expect(second.items[0]?.entity).toBe('organisation');
  });

  it('is for admins only', async () => {
    const commander = await t.loginAs({ roles: ['commander'] });
    const res = await commander.request({ method: 'GET', url: '/api/admin/audit' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/audit' })).statusCode).toBe(401);
  });

  it('refuses bad query values with 400', async () => {
    for (const query of ['?from=yesterday', '?actor=abc', '?pageSize=0', '?entity=Robert%27)']) {
      const res = await admin.request({ method: 'GET', url: `/api/admin/audit${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    }
    const backwards = await admin.request({
      method: 'GET',
      url: `/api/admin/audit?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z`,
    });
    expect(backwards.statusCode).toBe(400);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, { get?: { parameters?: { name: string }[] } }>;
    }>();
    const names = doc.paths['/api/admin/audit']?.get?.parameters?.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining(['entity', 'entityId', 'actor', 'from', 'to', 'page', 'pageSize']),
    );
  });
});
