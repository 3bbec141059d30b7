import {
  buildDepartment,
  buildDistrict,
  buildUser,
  createTestApp,
  type TestApp,
} from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('role and scope checks on organisations and users', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it("keeps a department user out of another department's data", async () => {
    const db = t.ctx.db.kysely;
    const water = await buildDepartment(db, { name: '水务局' });
    const greening = await buildDepartment(db, { name: '绿化市容局' });
    const handler = await t.loginAs({
      roles: ['department_handler'],
      scope: { kind: 'department', organisationId: water.id },
    });
    await buildUser(db, {
      roles: ['department_handler'],
      scope: { kind: 'department', organisationId: greening.id },
    });
    const colleague = await buildUser(db, {
      roles: ['department_handler'],
      scope: { kind: 'department', organisationId: water.id },
    });

    expect(
      (await handler.request({ method: 'GET', url: `/api/organisations/${water.id}` })).statusCode,
    ).toBe(200);
    const other = await handler.request({
      method: 'GET',
      url: `/api/organisations/${greening.id}`,
    });
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });

    const list = await handler.request({ method: 'GET', url: '/api/organisations' });
    const ids = list.json<{ items: { id: number }[] }>().items.map((o) => o.id);
    expect(ids).toContain(water.id);
    expect(ids).not.toContain(greening.id);

    const users = await handler.request({ method: 'GET', url: '/api/users' });
    const usernames = users.json<{
      items: { username: string; scopeOrganisationId: number | null }[];
    }>().items;
    expect(usernames.map((u) => u.username)).toContain(colleague.username);
    expect(usernames.every((u) => u.scopeOrganisationId === water.id)).toBe(true);
  });

  it('lets a department user see its second-level units', async () => {
    const db = t.ctx.db.kysely;
    const parent = await buildDepartment(db, { name: '区建管委' });
    const child = await buildDepartment(db, { name: '道路养护所', parentId: parent.id });
    const handler = await t.loginAs({
      roles: ['department_handler'],
      scope: { kind: 'department', organisationId: parent.id },
    });
    expect(
      (await handler.request({ method: 'GET', url: `/api/organisations/${child.id}` })).statusCode,
    ).toBe(200);
  });

  it('shows a street-level user only the users of its street', async () => {
    const db = t.ctx.db.kysely;
    const district = await buildDistrict(db, { streets: 2 });
    const [streetA, streetB] = district.streets;
    if (!streetA || !streetB) throw new Error('district needs two streets');
    const inA = await buildUser(db, {
      roles: ['supervisor'],
      scope: { kind: 'region', divisionCode: streetA.code },
    });
    const inB = await buildUser(db, {
      roles: ['supervisor'],
      scope: { kind: 'region', divisionCode: streetB.code },
    });
    const streetOperator = await t.loginAs({
      roles: ['operator'],
      scope: { kind: 'region', divisionCode: streetA.code },
    });

    const list = await streetOperator.request({ method: 'GET', url: '/api/users?pageSize=500' });
    const names = list.json<{ items: { username: string }[] }>().items.map((u) => u.username);
    expect(names).toContain(inA.username);
    expect(names).not.toContain(inB.username);
    expect(
      (await streetOperator.request({ method: 'GET', url: `/api/users/${inB.id}` })).statusCode,
    ).toBe(403);
    expect(
      (await streetOperator.request({ method: 'GET', url: `/api/users/${inA.id}` })).statusCode,
    ).toBe(200);
  });

  it('lets only admins create users and organisations, and audits it', async () => {
    const db = t.ctx.db.kysely;
    const district = await buildDistrict(db);
    const operator = await t.loginAs({ roles: ['operator'] });
    const admin = await t.loginAs({ roles: ['admin'] });
    const body = {
      username: `new-${Date.now()}`,
      displayName: '新监督员',
      password: 'Sup3rvisor-pw',
      roles: ['supervisor'],
      scope: { kind: 'region', divisionCode: district.code },
    };
    expect(
      (await operator.request({ method: 'POST', url: '/api/users', payload: body })).statusCode,
    ).toBe(403);
    const created = await admin.request({ method: 'POST', url: '/api/users', payload: body });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      username: body.username,
      roles: ['supervisor'],
      scopeDivisionCode: district.code,
    });
    const duplicate = await admin.request({ method: 'POST', url: '/api/users', payload: body });
    expect(duplicate.statusCode).toBe(409);
    const audit = await db
      .selectFrom('admin_audit')
      .selectAll()
      .where('entity', '=', 'user')
      .where('action', '=', 'create')
      .execute();
    expect(
      audit.some((row) => (row.detail as { username?: string }).username === body.username),
    ).toBe(true);
  });

  it('refuses bad user input with the field named and writes nothing', async () => {
    const admin = await t.loginAs({ roles: ['admin'] });
    const cases: [Record<string, unknown>, string][] = [
      [
        {
          username: 'a b',
          displayName: 'x',
          password: 'Passw0rd-x',
          roles: ['operator'],
          scope: { kind: 'all' },
        },
        'username',
      ],
      [
        {
          username: 'weakpw',
          displayName: 'x',
          password: 'short',
          roles: ['operator'],
          scope: { kind: 'all' },
        },
        'password',
      ],
      [
        {
          username: 'badrole',
          displayName: 'x',
          password: 'Passw0rd-x',
          roles: ['mayor'],
          scope: { kind: 'all' },
        },
        'roles.0',
      ],
      [
        {
          username: 'noregion',
          displayName: 'x',
          password: 'Passw0rd-x',
          roles: ['operator'],
          scope: { kind: 'region', divisionCode: '999999' },
        },
        'scope.divisionCode',
      ],
      [
        {
          username: 'handler',
          displayName: 'x',
          password: 'Passw0rd-x',
          roles: ['department_handler'],
          scope: { kind: 'all' },
        },
        'scope',
      ],
    ];
    for (const [payload, field] of cases) {
      const res = await admin.request({ method: 'POST', url: '/api/users', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const details = res.json<{ error: { details: { field: string }[] } }>().error.details;
      expect(details.map((d) => d.field)).toContain(field);
    }
    const names = await t.ctx.db.kysely
      .selectFrom('users')
      .select('username')
      .where('username', 'in', ['weakpw', 'badrole', 'noregion', 'handler'])
      .execute();
    expect(names).toEqual([]);
  });

  it('ends the sessions of a disabled user', async () => {
    const admin = await t.loginAs({ roles: ['admin'] });
    const victim = await t.loginAs({ roles: ['supervisor'] });
    expect((await victim.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/users/${victim.userId}`,
      payload: { active: false },
    });
    expect(res.statusCode).toBe(200);
    expect((await victim.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });
});
