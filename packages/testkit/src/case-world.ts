import { importClasses, importGrids } from '@xiuhua/core';
import { catalogueRepository } from '@xiuhua/db';
import type { Actor } from '@xiuhua/domain';
import { buildDepartment, buildDistrict, latticeGrids, type TestDistrict } from './factories';
import type { TestApp, Session } from './test-app';

/** The built-in administrator, for set-up that goes straight to core commands. */
export const SYSTEM_TEST_ACTOR: Actor = {
  userId: 0,
  username: 'system',
  displayName: 'system',
  roles: ['admin'],
  scope: { kind: 'all' },
  organisationId: null,
  via: 'system',
};

export type CaseWorld = {
  district: TestDistrict;
  /** A point inside the district's first grid. */
  point: { lng: number; lat: number };
  classId: number;
  departments: { id: number; code: string }[];
  as: Record<
    | 'supervisor'
    | 'operator'
    | 'shift_leader'
    | 'dispatcher'
    | 'commander'
    | 'department'
    | 'otherDepartment',
    Session
  >;
};

let next = 0;

/**
 * A fresh district (2 × 2 grids in one community, ~1 km²), one class with a 4-working-hour
 * normal limit, two departments and a logged-in user per role.
 */
export async function buildCaseWorld(t: TestApp): Promise<CaseWorld> {
  const db = t.ctx.db.kysely;
  next += 1;
  const square = { west: 121.4 + next * 0.02, south: 31.2, side: 0.01 };
  const district = await buildDistrict(db, { streets: 1, communities: 1, outline: square });
  const community = district.streets[0]?.communities[0];
  if (!community) throw new Error('no community');
  await importGrids(t.ctx, SYSTEM_TEST_ACTOR, { content: latticeGrids(square, community.code, 2) });
  const code = String(90000 + next)
    .slice(-5)
    .replace(/^./, '9');
  await importClasses(t.ctx, SYSTEM_TEST_ACTOR, {
    content: `kind,big_code,big_name,code,name\nmatter,${code.slice(0, 2)},测试大类,${code},测试暴露垃圾${next}\n`,
    standard: 'local',
  });
  const [cls] = await catalogueRepository.findByCode(db, { standard: 'local', code });
  if (!cls) throw new Error('class not created');
  await catalogueRepository.upsertRule(
    db,
    {
      classId: cls.id,
      conditionCode: 'default',
      urgency: 'normal',
      filingCondition: '暴露垃圾',
      closingCondition: '清理完毕',
      limitValue: 4,
      limitUnit: 'working_hour',
    },
    new Date(),
  );
  const water = await buildDepartment(db, { name: '测试处置部门' });
  const other = await buildDepartment(db, { name: '其他部门' });
  const region = { kind: 'region' as const, divisionCode: district.code };
  return {
    district,
    point: { lng: square.west + 0.002, lat: square.south + 0.008 },
    classId: cls.id,
    departments: [water, other],
    as: {
      supervisor: await t.loginAs({ roles: ['supervisor'], scope: region }),
      operator: await t.loginAs({ roles: ['operator'], scope: region }),
      shift_leader: await t.loginAs({ roles: ['shift_leader'], scope: region }),
      dispatcher: await t.loginAs({ roles: ['dispatcher'], scope: region }),
      commander: await t.loginAs({ roles: ['commander'], scope: region }),
      department: await t.loginAs({
        roles: ['department_handler'],
        scope: { kind: 'department', organisationId: water.id },
      }),
      otherDepartment: await t.loginAs({
        roles: ['department_handler'],
        scope: { kind: 'department', organisationId: other.id },
      }),
    },
  };
}

/** Takes a workflow action over HTTP with the case's current version; throws with the answer unless 200. */
export async function act<T extends { id: number; version: number }>(
  who: Session,
  c: T,
  action: string,
  body: Record<string, unknown> = {},
): Promise<T> {
  const res = await who.request({
    method: 'POST',
    url: `/api/cases/${c.id}/actions/${action}`,
    payload: { version: c.version, ...body },
  });
  if (res.statusCode !== 200) throw new Error(`${action} → ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

/** Opens a supervisor report in the world and takes it through accept, file and dispatch (to the first department). */
export async function openDispatched<T extends { id: number; version: number }>(
  w: CaseWorld,
  description = '测试案件',
): Promise<T> {
  let c = (
    await w.as.supervisor.request({
      method: 'POST',
      url: '/api/cases',
      payload: { source: 'supervisor', description, ...w.point },
    })
  ).json<T>();
  c = await act(w.as.operator, c, 'accept');
  c = await act(w.as.shift_leader, c, 'file', { classId: w.classId, urgency: 'normal' });
  return act(w.as.dispatcher, c, 'dispatch', { departmentIds: [w.departments[0]?.id] });
}
