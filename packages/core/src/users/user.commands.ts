import {
  divisionRepository,
  organisationRepository,
  sessionRepository,
  userRepository,
  type UserRow,
} from '@xiuhua/db';
import {
  AppError,
  forbidden,
  invalidInput,
  isRole,
  notFound,
  requireAnyRole,
  type Actor,
  type Role,
} from '@xiuhua/domain';
import { inTransaction, type AppContext } from '../context';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password';
import { audit } from '../shared/audit';
import { toLimitOffset, type Page, type Paged } from '../shared/pagination';
import { requireOrganisationVisible } from '../organisations/organisation.commands';

export type UserScopeInput =
  | { kind: 'all' }
  | { kind: 'region'; divisionCode: string }
  | { kind: 'department'; organisationCode: string };

export type CreateUserInput = {
  username: string;
  displayName: string;
  password: string;
  roles: string[];
  organisationCode?: string | null;
  scope: UserScopeInput;
  phone?: string | null;
};

const USER = { zh: '用户', en: 'User' };

async function resolveScope(ctx: AppContext, scope: UserScopeInput) {
  const db = ctx.db.kysely;
  switch (scope.kind) {
    case 'all':
      return { scopeKind: 'all' as const, scopeDivisionCode: null, scopeOrganisationId: null };
    case 'region': {
      const division = await divisionRepository.findByCode(db, scope.divisionCode);
      if (!division)
        throw invalidInput('scope.divisionCode', { zh: '行政区划不存在', en: 'no such division' });
      return {
        scopeKind: 'region' as const,
        scopeDivisionCode: division.code,
        scopeOrganisationId: null,
      };
    }
    case 'department': {
      const org = await organisationRepository.findByCode(db, scope.organisationCode);
      if (!org || org.kind !== 'department') {
        throw invalidInput('scope.organisationCode', {
          zh: '专业部门不存在',
          en: 'no such department',
        });
      }
      return {
        scopeKind: 'department' as const,
        scopeDivisionCode: null,
        scopeOrganisationId: org.id,
      };
    }
  }
}

function checkRoles(roles: readonly string[]): Role[] {
  if (roles.length === 0)
    throw invalidInput('roles', { zh: '至少需要一个角色', en: 'at least one role is required' });
  const bad = roles.find((role) => !isRole(role));
  if (bad !== undefined)
    throw invalidInput('roles', { zh: `未知角色 ${bad}`, en: `unknown role ${bad}` });
  return [...new Set(roles)] as Role[];
}

/** Creates a user with roles and a data scope; only admins may, and the action is audited. */
export async function createUser(
  ctx: AppContext,
  actor: Actor,
  input: CreateUserInput,
): Promise<UserRow> {
  requireAnyRole(actor, ['admin']);
  const db = ctx.db.kysely;
  const roles = checkRoles(input.roles);
  const problem = passwordProblem(input.password);
  if (problem) throw invalidInput('password', problem);
  const scope = await resolveScope(ctx, input.scope);
  let organisationId: number | null = null;
  if (input.organisationCode) {
    const org = await organisationRepository.findByCode(db, input.organisationCode);
    if (!org)
      throw invalidInput('organisationCode', { zh: '组织机构不存在', en: 'no such organisation' });
    organisationId = org.id;
  }
  if (roles.includes('department_handler') && scope.scopeKind !== 'department') {
    throw invalidInput('scope', {
      zh: '专业部门处置人员的数据范围须为其部门',
      en: 'a department handler must be scoped to a department',
    });
  }
  if (await userRepository.findByUsername(db, input.username)) {
    throw new AppError({
      code: 'ALREADY_EXISTS',
      text: {
        zh: `用户名已存在：${input.username}`,
        en: `Username already exists: ${input.username}`,
      },
      details: [{ field: 'username', reason: 'already exists' }],
    });
  }
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now();
  return inTransaction(ctx, async (trx) => {
    const id = await userRepository.insert(trx, {
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      organisationId: organisationId ?? scope.scopeOrganisationId,
      ...scope,
      phone: input.phone ?? null,
      roles,
    });
    await audit(trx, {
      actor,
      at: now,
      action: 'create',
      entity: 'user',
      entityId: id,
      detail: { username: input.username, roles, scope: input.scope },
    });
    const row = await userRepository.findById(trx, id);
    if (!row) throw notFound(USER, String(id));
    return row;
  });
}

/** Users the actor may see: admins and leaders all; region scopes their region; departments their branch. */
export async function listUsers(
  ctx: AppContext,
  actor: Actor,
  query: Page & { q?: string; role?: string; organisationId?: number; active?: boolean },
): Promise<Paged<UserRow>> {
  const { page: pageNumber, pageSize, ...filter } = query;
  const page = { page: pageNumber, pageSize };
  requireAnyRole(actor, [
    'admin',
    'leader',
    'commander',
    'dispatcher',
    'shift_leader',
    'operator',
    'department_handler',
  ]);
  const db = ctx.db.kysely;
  const { limit, offset } = toLimitOffset(page);
  let organisationIds: number[] | undefined;
  let regionPrefix: string | undefined;
  if (actor.scope.kind === 'department') {
    organisationIds = await organisationRepository.withChildren(db, actor.scope.organisationId);
  } else if (actor.scope.kind === 'region') {
    regionPrefix = actor.scope.divisionCode;
  }
  const { rows, total } = await userRepository.list(db, {
    ...(organisationIds ? { organisationIds } : {}),
    ...(regionPrefix ? { regionPrefix } : {}),
    ...(filter.q?.trim() ? { q: filter.q.trim() } : {}),
    ...(filter.role ? { role: filter.role } : {}),
    ...(filter.organisationId !== undefined ? { organisationId: filter.organisationId } : {}),
    ...(filter.active !== undefined ? { active: filter.active } : {}),
    limit,
    offset,
  });
  return { items: rows, total, ...page };
}

/** One user, if visible to the actor (everyone may read themselves). */
export async function getUser(ctx: AppContext, actor: Actor, id: number): Promise<UserRow> {
  const db = ctx.db.kysely;
  const user = await userRepository.findById(db, id);
  if (!user) throw notFound(USER, String(id));
  if (user.id === actor.userId) return user;
  if (actor.scope.kind === 'department') {
    if (user.organisation_id === null)
      throw forbidden({ zh: '无权查看该用户', en: 'No access to this user' });
    await requireOrganisationVisible(ctx, actor, user.organisation_id);
  } else if (actor.scope.kind === 'region') {
    const prefix = actor.scope.divisionCode;
    const org =
      user.organisation_id === null
        ? undefined
        : await organisationRepository.findById(db, user.organisation_id);
    const inRegion =
      (user.scope_division_code ?? '').startsWith(prefix) ||
      (org?.division_code ?? '').startsWith(prefix);
    if (!inRegion)
      throw forbidden({ zh: '无权查看辖区外的用户', en: 'No access to users outside your area' });
  }
  return user;
}

export type UpdateUserInput = {
  displayName?: string;
  roles?: string[];
  organisationCode?: string | null;
  scope?: UserScopeInput;
  phone?: string | null;
  active?: boolean;
  password?: string;
};

/**
 * Admin changes: name, roles, organisation, data scope, phone, active flag, password reset.
 * Disabling a user or resetting the password ends their sessions (roles and scope are read on
 * every request, so other changes apply at once). Admins cannot lock themselves out.
 */
export async function updateUser(
  ctx: AppContext,
  actor: Actor,
  id: number,
  patch: UpdateUserInput,
): Promise<UserRow> {
  requireAnyRole(actor, ['admin']);
  const db = ctx.db.kysely;
  const roles = patch.roles ? checkRoles(patch.roles) : undefined;
  if (patch.password !== undefined) {
    const problem = passwordProblem(patch.password);
    if (problem) throw invalidInput('password', problem);
  }
  const scope = patch.scope ? await resolveScope(ctx, patch.scope) : undefined;
  let organisationId: number | null | undefined;
  if (patch.organisationCode === null) organisationId = null;
  else if (patch.organisationCode !== undefined) {
    const org = await organisationRepository.findByCode(db, patch.organisationCode);
    if (!org)
      throw invalidInput('organisationCode', { zh: '组织机构不存在', en: 'no such organisation' });
    organisationId = org.id;
  }
  const passwordHash =
    patch.password !== undefined ? await hashPassword(patch.password) : undefined;
  const now = ctx.clock.now();
  return inTransaction(ctx, async (trx) => {
    const user = await userRepository.findById(trx, id);
    if (!user) throw notFound(USER, String(id));
    const finalRoles = roles ?? user.roles;
    const finalScopeKind = scope?.scopeKind ?? user.scope_kind;
    if (finalRoles.includes('department_handler') && finalScopeKind !== 'department') {
      throw invalidInput('scope', {
        zh: '专业部门处置人员的数据范围须为其部门',
        en: 'a department handler must be scoped to a department',
      });
    }
    if (id === actor.userId && (patch.active === false || (roles && !roles.includes('admin')))) {
      throw invalidInput(patch.active === false ? 'active' : 'roles', {
        zh: '不能停用自己或取消自己的管理员角色',
        en: 'you cannot disable yourself or remove your own admin role',
      });
    }
    const profile = {
      ...(patch.displayName !== undefined ? { displayName: patch.displayName } : {}),
      ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
      ...(organisationId !== undefined ? { organisationId } : {}),
      ...(scope ? { scope } : {}),
    };
    if (Object.keys(profile).length > 0) await userRepository.updateProfile(trx, id, profile, now);
    if (roles) await userRepository.replaceRoles(trx, id, roles);
    if (patch.active !== undefined) await userRepository.setActive(trx, id, patch.active, now);
    if (passwordHash) await userRepository.setPassword(trx, id, passwordHash, now);
    if (patch.active === false || passwordHash) await sessionRepository.deleteForUser(trx, id);
    await audit(trx, {
      actor,
      at: now,
      action: 'update',
      entity: 'user',
      entityId: id,
      detail: {
        ...(patch.displayName !== undefined ? { displayName: patch.displayName } : {}),
        ...(roles ? { roles } : {}),
        ...(patch.organisationCode !== undefined
          ? { organisationCode: patch.organisationCode }
          : {}),
        ...(patch.scope ? { scope: patch.scope } : {}),
        ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        passwordReset: passwordHash !== undefined,
      },
    });
    const row = await userRepository.findById(trx, id);
    if (!row) throw notFound(USER, String(id));
    return row;
  });
}

/** Any user may change their own password by giving the current one. */
export async function changeOwnPassword(
  ctx: AppContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const db = ctx.db.kysely;
  const user = await userRepository.findById(db, actor.userId);
  if (!user?.password_hash || !(await verifyPassword(input.currentPassword, user.password_hash))) {
    throw invalidInput('currentPassword', {
      zh: '当前密码不正确',
      en: 'the current password is wrong',
    });
  }
  const problem = passwordProblem(input.newPassword);
  if (problem) throw invalidInput('newPassword', problem);
  const hash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    await userRepository.setPassword(trx, actor.userId, hash, now);
    await audit(trx, {
      actor,
      at: now,
      action: 'change_password',
      entity: 'user',
      entityId: actor.userId,
    });
  });
}
