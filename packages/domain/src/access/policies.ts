import { AppError } from '../errors/app-error';
import type { Actor } from './actor';
import type { Role } from './roles';

/** True when the actor holds at least one of the roles. */
export function hasAnyRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.roles.some((role) => roles.includes(role));
}

export function forbidden(reason: { zh: string; en: string }): AppError {
  return new AppError({ code: 'FORBIDDEN', text: reason, details: [{ reason: reason.en }] });
}

/** Throws FORBIDDEN unless the actor holds one of the roles. */
export function requireAnyRole(actor: Actor, roles: readonly Role[]): void {
  if (!hasAnyRole(actor, roles)) {
    throw forbidden({
      zh: `需要以下角色之一：${roles.join('、')}`,
      en: `Requires one of the roles: ${roles.join(', ')}`,
    });
  }
}

/**
 * Division codes are hierarchical prefixes (district 6 → street 9 → community 12 →
 * grid 15), so a region scope covers exactly the codes that start with its code.
 */
export function regionCovers(scopeCode: string, code: string): boolean {
  return code.startsWith(scopeCode);
}

/**
 * May the actor see data located in `divisionCode` (any level, including a grid code)?
 * Department-scoped users see the whole map: they are handed cases anywhere, but see
 * other departments' data only as the department policies allow.
 */
export function canSeeRegion(actor: Actor, divisionCode: string): boolean {
  switch (actor.scope.kind) {
    case 'all':
    case 'department':
      return true;
    case 'region':
      return (
        regionCovers(actor.scope.divisionCode, divisionCode) ||
        regionCovers(divisionCode, actor.scope.divisionCode)
      );
  }
}

/** Throws OUTSIDE_SCOPE unless the actor's region scope covers the code. */
export function requireRegion(actor: Actor, divisionCode: string): void {
  if (actor.scope.kind === 'region' && !regionCovers(actor.scope.divisionCode, divisionCode)) {
    throw new AppError({
      code: 'OUTSIDE_SCOPE',
      text: {
        zh: `无权访问辖区 ${divisionCode}（您的辖区为 ${actor.scope.divisionCode}）`,
        en: `No access to area ${divisionCode} (your scope is ${actor.scope.divisionCode})`,
      },
      details: [{ field: 'divisionCode', reason: 'outside your scope', code: divisionCode }],
    });
  }
}

/**
 * May the actor see a department's own data (its users, its work)? `lineage` is the
 * department's id followed by its ancestors' ids.
 */
export function canSeeDepartment(actor: Actor, lineage: readonly number[]): boolean {
  switch (actor.scope.kind) {
    case 'all':
      return true;
    case 'region':
      // Centres oversee departments working in their region; leaders and admins read all.
      return hasAnyRole(actor, [
        'admin',
        'leader',
        'commander',
        'dispatcher',
        'shift_leader',
        'operator',
      ]);
    case 'department':
      return lineage.includes(actor.scope.organisationId);
  }
}

/** The region prefix to filter list queries by, or undefined for no region filter. */
export function regionFilter(actor: Actor): string | undefined {
  return actor.scope.kind === 'region' ? actor.scope.divisionCode : undefined;
}
