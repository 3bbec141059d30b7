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

/** Creates a centre (city/district/street, tied to a division) or a department (two levels). */
export async function createOrganisation(
  ctx: AppContext,
  actor: Actor,
  input: CreateOrganisationInput,
): Promise<OrganisationRow> {
  requireAnyRole(actor, ['admin']);
  const db = ctx.db.kysely;
  const centreLevels = ['city', 'district', 'street'];
  if (input.kind === 'centre' && !centreLevels.includes(input.level)) {
    throw invalidInput('level', {
      zh: '指挥中心级别须为 city/district/street',
      en: 'a centre level is city, district or street',
    });
  }
  if (input.kind === 'department' && !['first', 'second'].includes(input.level)) {
    throw invalidInput('level', {
      zh: '专业部门级别须为 first/second',
      en: 'a department level is first or second',
    });
  }
  let parentId: number | null = null;
  if (input.parentCode) {
    const parent = await organisationRepository.findByCode(db, input.parentCode);
    if (!parent)
      throw invalidInput('parentCode', { zh: '上级机构不存在', en: 'no such parent organisation' });
    if (input.kind === 'department' && (parent.kind !== 'department' || parent.level !== 'first')) {
      throw invalidInput('parentCode', {
        zh: '二级部门的上级须为一级部门',
        en: 'the parent of a second-level department must be a first-level department',
      });
    }
    parentId = parent.id;
  }
  if (input.level === 'second' && parentId === null) {
    throw invalidInput('parentCode', {
      zh: '二级部门须指定上级部门',
      en: 'a second-level department needs a parent',
    });
  }
  if (input.level === 'first' && parentId !== null) {
    throw invalidInput('parentCode', {
      zh: '一级部门不能有上级部门',
      en: 'a first-level department has no parent',
    });
  }
  if (input.divisionCode) {
    const division = await divisionRepository.findByCode(db, input.divisionCode);
    if (!division)
      throw invalidInput('divisionCode', { zh: '行政区划不存在', en: 'no such division' });
  } else if (input.kind === 'centre') {
    throw invalidInput('divisionCode', {
      zh: '指挥中心须指定管辖区划',
      en: 'a centre needs the division it serves',
    });
  }
  if (await organisationRepository.findByCode(db, input.code)) {
    throw new AppError({
      code: 'ALREADY_EXISTS',
      text: {
        zh: `机构编码已存在：${input.code}`,
        en: `Organisation code already exists: ${input.code}`,
      },
      details: [{ field: 'code', reason: 'already exists' }],
    });
  }
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

export async function updateOrganisation(
  ctx: AppContext,
  actor: Actor,
  id: number,
  patch: { name?: string; phone?: string | null; active?: boolean },
): Promise<OrganisationRow> {
  requireAnyRole(actor, ['admin']);
  const now = ctx.clock.now();
  return inTransaction(ctx, async (trx) => {
    const before = await organisationRepository.findById(trx, id);
    if (!before) throw notFound(ORGANISATION, String(id));
    await organisationRepository.update(trx, id, { ...patch, at: now });
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
