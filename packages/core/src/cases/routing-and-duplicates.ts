import {
  caseRepository,
  catalogueRepository,
  organisationRepository,
  routingRepository,
  type CaseRow,
} from '@xiuhua/db';
import {
  distanceM,
  invalidInput,
  notFound,
  requireAnyRole,
  TERMINAL_STATES,
  type Actor,
} from '@xiuhua/domain';
import { inTransaction, type AppContext } from '../context';
import { audit } from '../shared/audit';
import { requireCaseVisible } from './perform-case-action.command';
import { gridIndex } from '../grids/grid-locator.cache';

export type DispatchSuggestion = {
  departmentId: number;
  departmentName: string;
  /** routing rule (class × region), or the class's default department */
  basis: 'rule' | 'class_default';
  ruleId: number | null;
  regionCode: string | null;
};

/**
 * The department a case should go to: the routing rule for its class (or any class) whose
 * region is the longest prefix of its grid, a class-specific rule winning over an any-class
 * rule of the same region; else the class's default department; else none.
 */
export async function suggestDispatch(
  ctx: AppContext,
  actor: Actor,
  caseId: number,
): Promise<DispatchSuggestion | null> {
  const db = ctx.db.kysely;
  const row = await caseRepository.findById(db, caseId);
  if (!row) throw notFound({ zh: '案件', en: 'Case' }, String(caseId));
  requireCaseVisible(actor, row);
  if (!row.grid_code) return null;
  const rules = await routingRepository.candidates(db, row.class_id, row.grid_code);
  rules.sort(
    (a, b) =>
      b.region_code.length - a.region_code.length ||
      Number(b.class_id !== null) - Number(a.class_id !== null),
  );
  const best = rules[0];
  let departmentId = best?.department_id;
  if (departmentId === undefined && row.class_id !== null)
    departmentId =
      (await catalogueRepository.findById(db, row.class_id))?.default_department_id ?? undefined;
  if (departmentId === undefined) return null;
  const department = await organisationRepository.findById(db, departmentId);
  if (!department) return null;
  return {
    departmentId,
    departmentName: department.name,
    basis: best ? 'rule' : 'class_default',
    ruleId: best?.id ?? null,
    regionCode: best?.region_code ?? null,
  };
}

/** Adds a routing rule (admin): class (or any) × region → department. */
export async function addRoutingRule(
  ctx: AppContext,
  actor: Actor,
  input: {
    classId: number | null;
    regionCode: string;
    departmentCode: string;
    note?: string | null;
  },
): Promise<number> {
  requireAnyRole(actor, ['admin']);
  const db = ctx.db.kysely;
  const department = await organisationRepository.findByCode(db, input.departmentCode);
  if (!department || department.kind !== 'department')
    throw invalidInput('departmentCode', { zh: '专业部门不存在', en: 'no such department' });
  if (input.classId !== null && !(await catalogueRepository.findById(db, input.classId)))
    throw invalidInput('classId', { zh: '类别不存在', en: 'no such class' });
  const now = ctx.clock.now();
  return inTransaction(ctx, async (trx) => {
    const id = await routingRepository.insert(trx, {
      classId: input.classId,
      regionCode: input.regionCode,
      departmentId: department.id,
      note: input.note ?? null,
    });
    await audit(trx, {
      actor,
      at: now,
      action: 'create',
      entity: 'routing_rule',
      entityId: id,
      detail: { ...input },
    });
    return id;
  });
}

export async function deleteRoutingRule(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  requireAnyRole(actor, ['admin']);
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    if ((await routingRepository.delete(trx, id)) === 0)
      throw notFound({ zh: '派遣规则', en: 'Routing rule' }, String(id));
    await audit(trx, { actor, at: now, action: 'delete', entity: 'routing_rule', entityId: id });
  });
}

export async function listRoutingRules(ctx: AppContext, actor: Actor) {
  const prefix = actor.scope.kind === 'region' ? actor.scope.divisionCode : undefined;
  return routingRepository.list(ctx.db.kysely, prefix ? { regionPrefix: prefix } : {});
}

export const DUPLICATE_RADIUS_M = 50;
export const DUPLICATE_WINDOW_HOURS = 72;

/** Open cases of the same class within a radius and time window: likely the same problem. */
export async function findDuplicates(
  ctx: AppContext,
  actor: Actor,
  caseId: number,
  options: { radiusM?: number; windowHours?: number } = {},
): Promise<(CaseRow & { distanceM: number })[]> {
  const row = await caseRepository.findById(ctx.db.kysely, caseId);
  if (!row) throw notFound({ zh: '案件', en: 'Case' }, String(caseId));
  requireCaseVisible(actor, row);
  return duplicatesOf(ctx, row, options);
}

/** Open cases near a case the caller has read (and may see), as `findDuplicates`. */
export async function duplicatesOf(
  ctx: AppContext,
  row: CaseRow,
  options: { radiusM?: number; windowHours?: number } = {},
): Promise<(CaseRow & { distanceM: number })[]> {
  const db = ctx.db.kysely;
  if (row.lng === null || row.lat === null) return [];
  const radius = options.radiusM ?? DUPLICATE_RADIUS_M;
  const dLat = radius / 111_320;
  const dLng = radius / (111_320 * Math.cos((row.lat * Math.PI) / 180));
  const since = new Date(
    row.created_at.getTime() - (options.windowHours ?? DUPLICATE_WINDOW_HOURS) * 3_600_000,
  );
  const bbox: [number, number, number, number] = [
    row.lng - dLng,
    row.lat - dLat,
    row.lng + dLng,
    row.lat + dLat,
  ];
  // The grids the circle can touch: the cases are then found by their grid's index instead
  // of by a longitude stripe across the whole district.
  const { locator } = await gridIndex(ctx);
  const near = await caseRepository.openNear(db, {
    bbox,
    gridCodes: locator.search(bbox).map((g) => g.code),
    since,
    classId: row.class_id,
    excludeId: row.id,
    terminal: TERMINAL_STATES,
  });
  return near
    .map((c) => ({
      ...c,
      distanceM: Math.round(distanceM([row.lng ?? 0, row.lat ?? 0], [c.lng ?? 0, c.lat ?? 0])),
    }))
    .filter((c) => c.distanceM <= radius && c.parent_case_id === null)
    .sort((a, b) => a.distanceM - b.distanceM);
}
