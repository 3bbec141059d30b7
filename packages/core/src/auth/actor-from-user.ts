import type { UserRow } from '@xiuhua/db';
import { isRole, type Actor, type Scope } from '@xiuhua/domain';

export function scopeOf(user: UserRow): Scope {
  if (user.scope_kind === 'region' && user.scope_division_code) {
    return { kind: 'region', divisionCode: user.scope_division_code };
  }
  if (user.scope_kind === 'department' && user.scope_organisation_id !== null) {
    return { kind: 'department', organisationId: user.scope_organisation_id };
  }
  return { kind: 'all' };
}

export function actorFromUser(user: UserRow, via: Actor['via']): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    roles: user.roles.filter(isRole),
    scope: scopeOf(user),
    organisationId: user.organisation_id,
    via,
  };
}
