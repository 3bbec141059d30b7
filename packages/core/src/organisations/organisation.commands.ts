import { divisionRepository, organisationRepository, type OrganisationRow } from '@xiuhua/db';
import {
  AppError,
  forbidden,
  invalidInput,
  notFound,
  requireAnyRole,
  type Actor,
} from '@xiuhua/domain';
import { inTransaction, type AppContext } from '../context';
import { audit } from '../shared/audit';

export type CreateOrganisationInput = {
  code: string;
  name: string;
  kind: 'centre' | 'department';
  level: OrganisationRow['level'];
  parentCode?: string | null;
  divisionCode?: string | null;
  phone?: string | null;
};

const ORGANISATION = { zh: '组织机构', en: 'Organisation' };

/**
 * The rules of an organisation's shape: centres are city/district/street and serve a division;
 * departments are first-level (no parent) or second-level (under a first-level department).
 * Returns the parent's id.
 */
async function checkShape(
  ctx: AppContext,
  shape: {
    kind: 'centre' | 'department';
    level: OrganisationRow['level'];
    parentCode: string | null;
    divisionCode: string | null;
  },
): Promise<number | null> {
  const db = ctx.db.kysely;
  const centreLevels = ['city', 'district', 'street'];
  if (shape.kind === 'centre' && !centreLevels.includes(shape.level)) {
    throw invalidInput('level', {
      zh: '指挥中心级别须为 city/district/street',
      en: 'a centre level is city, district or street',
    });
  }
  if (shape.kind === 'department' && !['first', 'second'].includes(shape.level)) {
    throw invalidInput('level', {
      zh: '专业部门级别须为 first/second',
      en: 'a department level is first or second',
    });
  }
  let parentId: number | null = null;
  if (shape.parentCode) {
    const parent = await organisationRepository.findByCode(db, shape.parentCode);
    if (!parent)
      throw invalidInput('parentCode', { zh: '上级机构不存在', en: 'no such parent organisation' });
    if (shape.kind === 'department' && (parent.kind !== 'department' || parent.level !== 'first')) {
      throw invalidInput('parentCode', {
        zh: '二级部门的上级须为一级部门',
        en: 'the parent of a second-level department must be a first-level department',
      });
    }
    parentId = parent.id;
  }
  if (shape.level === 'second' && parentId === null) {
    throw invalidInput('parentCode', {
      zh: '二级部门须指定上级部门',
      en: 'a second-level department needs a parent',
    });
  }
  if (shape.level === 'first' && parentId !== null) {
    throw invalidInput('parentCode', {
      zh: '一级部门不能有上级部门',
      en: 'a first-level department has no parent',
    });
  }
  if (shape.divisionCode) {
    const division = await divisionRepository.findByCode(db, shape.divisionCode);
    if (!division)
      throw invalidInput('divisionCode', { zh: '行政区划不存在', en: 'no such division' });
  } else if (shape.kind === 'centre') {
    throw invalidInput('divisionCode', {
      zh: '指挥中心须指定管辖区划',
      en: 'a centre needs the division it serves',
    });
  }
  return parentId;
}

const codeTaken = (code: string) =>
  new AppError({
    code: 'ALREADY_EXISTS',
    text: { zh: `机构编码已存在：${code}`, en: `Organisation code already exists: ${code}` },
    details: [{ field: 'code', reason: 'already exists' }],
  });

/** Creates a centre (city/district/street, tied to a division) or a department (two levels). */
export async function createOrganisation(
  ctx: AppContext,
  actor: Actor,
  input: CreateOrganisationInput,
): Promise<OrganisationRow> {
  requireAnyRole(actor, ['admin']);
  const db = ctx.db.kysely;
  const parentId = await checkShape(ctx, {
    kind: input.kind,
    level: input.level,
    parentCode: input.parentCode ?? null,
    divisionCode: input.divisionCode ?? null,
  });
  if (await organisationRepository.findByCode(db, input.code)) throw codeTaken(input.code);
  const now = ctx.clock.now();
  return inTransaction(ctx, async (trx) => {
    const id = await organisationRepository.insert(trx, {
      code: input.code,
      name: input.name,
      kind: input.kind,
      level: input.level,
      parentId,
      divisionCode: input.divisionCode ?? null,
      phone: input.phone ?? null,
    });
    await audit(trx, {
      actor,
      at: now,
      action: 'create',
      entity: 'organisation',
      entityId: id,
      detail: { ...input },
    });
    const row = await organisationRepository.findById(trx, id);
    if (!row) throw notFound(ORGANISATION, String(id));
    return row;
  });
}

/** Organisations the actor may see: department users see only their own branch. */
export async function listOrganisations(
  ctx: AppContext,
  actor: Actor,
  filter: { kind?: 'centre' | 'department' },
) {
  const db = ctx.db.kysely;
  if (actor.scope.kind === 'department') {
    const lineage = await organisationRepository.lineage(db, actor.scope.organisationId);
    const branch = await organisationRepository.withChildren(db, actor.scope.organisationId);
    return organisationRepository.list(db, {
      ...filter,
      ids: [...new Set([...lineage, ...branch])],
    });
  }
  return organisationRepository.list(db, filter);
}

/** One organisation, if the actor may see it. */
export async function getOrganisation(
  ctx: AppContext,
  actor: Actor,
  id: number,
): Promise<OrganisationRow> {
  const db = ctx.db.kysely;
  const row = await organisationRepository.findById(db, id);
  if (!row) throw notFound(ORGANISATION, String(id));
  await requireOrganisationVisible(ctx, actor, row.id);
  return row;
}

/** Department-scoped actors may only see their own department, its parent and children. */
export async function requireOrganisationVisible(
  ctx: AppContext,
  actor: Actor,
  organisationId: number,
): Promise<void> {
  if (actor.scope.kind !== 'department') return;
  const db = ctx.db.kysely;
  const own = actor.scope.organisationId;
  const lineage = await organisationRepository.lineage(db, organisationId);
  const ownLineage = await organisationRepository.lineage(db, own);
  if (!lineage.includes(own) && !ownLineage.includes(organisationId)) {
    throw forbidden({ zh: '无权查看其他部门的数据', en: "No access to another department's data" });
  }
}

export type UpdateOrganisationInput = {
  code?: string;
  name?: string;
  kind?: 'centre' | 'department';
  level?: OrganisationRow['level'];
  parentCode?: string | null;
  divisionCode?: string | null;
  phone?: string | null;
  active?: boolean;
};

/**
 * Changes an organisation: name, phone, active flag, code, and its place in the tree (level,
 * parent, division) under the same rules as creation. Its kind may change only while nothing
 * refers to it (no sub-units, users, routing rules, classes or cases); a department with
 * sub-units stays first-level.
 */
export async function updateOrganisation(
  ctx: AppContext,
  actor: Actor,
  id: number,
  patch: UpdateOrganisationInput,
): Promise<OrganisationRow> {
  requireAnyRole(actor, ['admin']);
  const db = ctx.db.kysely;
  const before = await organisationRepository.findById(db, id);
  if (!before) throw notFound(ORGANISATION, String(id));
  const kind = patch.kind ?? before.kind;
  const level = patch.level ?? (kind === before.kind ? before.level : undefined);
  if (level === undefined)
    throw invalidInput('level', {
      zh: '更改机构类型时须同时指定级别',
      en: 'give the level when changing the kind',
    });
  const shapeChanged =
    patch.kind !== undefined ||
    patch.level !== undefined ||
    patch.parentCode !== undefined ||
    patch.divisionCode !== undefined;
  let parentId = before.parent_id;
  if (shapeChanged) {
    const parent =
      patch.parentCode !== undefined
        ? patch.parentCode
        : before.parent_id === null
          ? null
          : ((await organisationRepository.findById(db, before.parent_id))?.code ?? null);
    parentId = await checkShape(ctx, {
      kind,
      level,
      parentCode: parent,
      divisionCode: patch.divisionCode !== undefined ? patch.divisionCode : before.division_code,
    });
    if (parentId !== null && (await organisationRepository.lineage(db, parentId)).includes(id))
      throw invalidInput('parentCode', {
        zh: '上级机构不能是自身或其下级',
        en: 'the parent cannot be the organisation itself or one of its sub-units',
      });
    const children = await organisationRepository.withChildren(db, id);
    if (level === 'second' && children.length > 1)
      throw invalidInput('level', {
        zh: '有下级部门的部门只能是一级部门',
        en: 'a department with sub-units must stay first-level',
      });
    if (kind !== before.kind && (await organisationRepository.referenceCount(db, id)) > 0)
      throw invalidInput('kind', {
        zh: '机构已被下级机构、用户、派遣规则、类别或案件引用，不能更改类型',
        en: 'the organisation is in use (sub-units, users, routing rules, classes or cases); its kind cannot change',
      });
  }
  if (patch.code !== undefined && patch.code !== before.code) {
    if (await organisationRepository.findByCode(db, patch.code)) throw codeTaken(patch.code);
  }
  const now = ctx.clock.now();
  return inTransaction(ctx, async (trx) => {
    await organisationRepository.update(trx, id, {
      ...(patch.code !== undefined ? { code: patch.code } : {}),
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      ...(shapeChanged
        ? {
            kind,
            level,
            parentId,
            divisionCode:
              patch.divisionCode !== undefined ? patch.divisionCode : before.division_code,
          }
        : {}),
      at: now,
    });
    await audit(trx, {
      actor,
      at: now,
      action: 'update',
      entity: 'organisation',
      entityId: id,
      detail: { patch },
    });
    const row = await organisationRepository.findById(trx, id);
    if (!row) throw notFound(ORGANISATION, String(id));
    return row;
  });
}
