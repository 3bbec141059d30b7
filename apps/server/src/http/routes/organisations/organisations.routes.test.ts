import {
  buildDepartment,
  buildDistrict,
  buildUser,
  createTestApp,
  type Session,
  type TestApp,
} from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type OrgOut = {
  id: number;
  code: string;
  name: string;
  kind: string;
  level: string;
  parentId: number | null;
  divisionCode: string | null;
  active: boolean;
};

describe('organisation administration', () => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.loginAs({ roles: ['admin'] });
  });
  afterAll(async () => {
    await t.close();
  });

  const create = async (payload: Record<string, unknown>) => {
    const res = await admin.request({ method: 'POST', url: '/api/organisations', payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<OrgOut>();
  };
  const patch = (id: number, payload: Record<string, unknown>) =>
    admin.request({
      method: 'PATCH',
      url: `/api/organisations/${id}`,
      payload,
      headers: { 'accept-language': 'en' },
    });

  it('moves a department in the tree and renames its code, under the tree rules', async () => {
    const first = await create({
      code: 'org-a',
      name: '一级A',
      kind: 'department',
      level: 'first',
    });
    const other = await create({
      code: 'org-b',
      name: '一级B',
      kind: 'department',
      level: 'first',
    });
    const unit = await create({
      code: 'org-a1',
      name: '二级',
      kind: 'department',
      level: 'second',
      parentCode: 'org-a',
    });

    const moved = await patch(unit.id, { parentCode: 'org-b', code: 'org-b1', name: '二级（改）' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json<OrgOut>()).toMatchObject({
      parentId: other.id,
      code: 'org-b1',
      name: '二级（改）',
      level: 'second',
    });

    const promoted = await patch(unit.id, { level: 'first', parentCode: null });
    expect(promoted.json<OrgOut>()).toMatchObject({ level: 'first', parentId: null });

    const noParent = await patch(unit.id, { level: 'second' });
    expect(noParent.statusCode).toBe(400);
    expect(noParent.json()).toMatchObject({ error: { details: [{ field: 'parentCode' }] } });
    // A department with sub-units stays first-level.
    await create({
      code: 'org-a2',
      name: '二级2',
      kind: 'department',
      level: 'second',
      parentCode: 'org-a',
    });
    const demote = await patch(first.id, { level: 'second', parentCode: 'org-b' });
    expect(demote.statusCode).toBe(400);
    expect(demote.json()).toMatchObject({ error: { details: [{ field: 'level' }] } });
    const taken = await patch(unit.id, { code: 'org-a' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ error: { code: 'ALREADY_EXISTS' } });
  });

  it('changes the kind only while nothing refers to the organisation', async () => {
    const district = await buildDistrict(t.ctx.db.kysely, { streets: 1 });
    const fresh = await create({
      code: 'org-k',
      name: '建错的部门',
      kind: 'department',
      level: 'first',
    });
    const noLevel = await patch(fresh.id, { kind: 'centre', divisionCode: district.code });
    expect(noLevel.statusCode).toBe(400);
    const noDivision = await patch(fresh.id, { kind: 'centre', level: 'district' });
    expect(noDivision.json()).toMatchObject({ error: { details: [{ field: 'divisionCode' }] } });
    const centre = await patch(fresh.id, {
      kind: 'centre',
      level: 'district',
      divisionCode: district.code,
    });
    expect(centre.statusCode, centre.body).toBe(200);
    expect(centre.json<OrgOut>()).toMatchObject({
      kind: 'centre',
      level: 'district',
      divisionCode: district.code,
    });

    const used = await buildDepartment(t.ctx.db.kysely);
    await buildUser(t.ctx.db.kysely, {
      roles: ['department_handler'],
      scope: { kind: 'department', organisationId: used.id },
    });
    const refused = await patch(used.id, {
      kind: 'centre',
      level: 'district',
      divisionCode: district.code,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: { details: [{ field: 'kind' }] } });
  });

  it('keeps a centre out of its own subtree', async () => {
    const district = await buildDistrict(t.ctx.db.kysely, { streets: 1 });
    const street = district.streets[0]?.code;
    const top = await create({
      code: 'c-top',
      name: '区中心',
      kind: 'centre',
      level: 'district',
      divisionCode: district.code,
    });
    await create({
      code: 'c-sub',
      name: '街道中心',
      kind: 'centre',
      level: 'street',
      divisionCode: street,
      parentCode: 'c-top',
    });
    const loop = await patch(top.id, { parentCode: 'c-sub' });
    expect(loop.statusCode).toBe(400);
    const self = await patch(top.id, { parentCode: 'c-top' });
    expect(self.statusCode).toBe(400);
  });

  it('lets only admins change organisations', async () => {
    const dept = await buildDepartment(t.ctx.db.kysely);
    const commander = await t.loginAs({ roles: ['commander'] });
    const res = await commander.request({
      method: 'PATCH',
      url: `/api/organisations/${dept.id}`,
      payload: { name: 'x' },
    });
    expect(res.statusCode).toBe(403);
    expect((await commander.request({ method: 'GET', url: '/api/organisations' })).statusCode).toBe(
      200,
    );
  });
});
