import {
  buildDepartment,
  buildUser,
  createTestApp,
  type Session,
  type TestApp,
} from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type UserOut = {
  id: number;
  username: string;
  displayName: string;
  roles: string[];
  organisationId: number | null;
  scopeKind: string;
  scopeOrganisationId: number | null;
  phone: string | null;
  active: boolean;
};

describe('user administration', () => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.loginAs({ roles: ['admin'] });
  });
  afterAll(async () => {
    await t.close();
  });

  const users = async (query: string) => {
    const res = await admin.request({ method: 'GET', url: `/api/users${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: UserOut[]; total: number }>();
  };

  it('searches by part of the username or name, role, organisation and active flag', async () => {
    const db = t.ctx.db.kysely;
    const dept = await buildDepartment(db);
    const a = await buildUser(db, { roles: ['dispatcher'], username: 'search_wang' });
    await buildUser(db, { roles: ['dispatcher'], username: 'searchxzhao' });
    const b = await buildUser(db, {
      roles: ['department_handler'],
      scope: { kind: 'department', organisationId: dept.id },
      username: 'search_li',
    });
    const found = await users('?q=SEARCH_');
    expect(found.items.map((u) => u.username).sort()).toEqual([b.username, a.username].sort());
    expect(JSON.stringify(found)).not.toMatch(/password|scrypt/i);
    // % and _ are literal characters in the search, not wildcards (searchxzhao is not found).
    expect((await users('?q=%25')).total).toBe(0);
    expect((await users('?q=测试用户 search_li')).items.map((u) => u.id)).toEqual([b.id]);
    expect((await users('?q=search_&role=dispatcher')).items.map((u) => u.id)).toEqual([a.id]);
    expect((await users(`?organisationId=${dept.id}`)).items.map((u) => u.id)).toEqual([b.id]);
    expect((await users('?q=search_&active=false')).total).toBe(0);
    const bad = await admin.request({ method: 'GET', url: '/api/users?role=wizard' });
    expect(bad.statusCode).toBe(400);
  });

  it('changes name, organisation, scope, phone and roles, audited', async () => {
    const db = t.ctx.db.kysely;
    const dept = await buildDepartment(db);
    const user = await buildUser(db, { roles: ['operator'] });
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      payload: {
        displayName: '王五',
        roles: ['department_handler', 'leader'],
        organisationCode: dept.code,
        scope: { kind: 'department', organisationCode: dept.code },
        phone: '021-1234',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<UserOut>()).toMatchObject({
      displayName: '王五',
      roles: ['department_handler', 'leader'],
      organisationId: dept.id,
      scopeKind: 'department',
      scopeOrganisationId: dept.id,
      phone: '021-1234',
    });
    const cleared = await admin.request({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      payload: { organisationCode: null },
    });
    expect(cleared.json<UserOut>().organisationId).toBeNull();

    const audit = await admin.request({
      method: 'GET',
      url: `/api/admin/audit?entity=user&entityId=${user.id}`,
    });
    const details = audit
      .json<{ items: { detail: Record<string, unknown> }[] }>()
      .items.map((r) => r.detail);
    expect(details).toHaveLength(2);
    expect(details[0]).toEqual({ organisationCode: null, passwordReset: false });
    expect(details[1]).toMatchObject({
      displayName: '王五',
      roles: ['department_handler', 'leader'],
      organisationCode: dept.code,
      scope: { kind: 'department', organisationCode: dept.code },
      phone: '021-1234',
    });
  });

  it('refuses a department handler without a department scope, an unknown organisation and self lock-out', async () => {
    const db = t.ctx.db.kysely;
    const user = await buildUser(db, { roles: ['operator'] });
    const handler = await admin.request({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      payload: { roles: ['department_handler'] },
    });
    expect(handler.statusCode).toBe(400);
    expect(handler.json()).toMatchObject({ error: { details: [{ field: 'scope' }] } });
    const org = await admin.request({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      payload: { organisationCode: 'no-such-org' },
    });
    expect(org.statusCode).toBe(400);
    for (const payload of [{ active: false }, { roles: ['operator'] }]) {
      const self = await admin.request({
        method: 'PATCH',
        url: `/api/users/${admin.userId}`,
        payload,
      });
      expect(self.statusCode).toBe(400);
    }
    expect((await admin.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
  });

  it('answers a duplicate username with 409 in the asked language', async () => {
    const body = {
      username: 'dup_user',
      displayName: '重复',
      password: 'Secret-2026x',
      roles: ['operator'],
      scope: { kind: 'all' },
    };
    expect(
      (await admin.request({ method: 'POST', url: '/api/users', payload: body })).statusCode,
    ).toBe(201);
    const again = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: body,
      headers: { 'accept-language': 'en' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      error: { code: 'ALREADY_EXISTS', message: 'Username already exists: dup_user' },
    });
  });
});
