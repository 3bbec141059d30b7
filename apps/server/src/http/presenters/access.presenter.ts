import type { ApiTokenRow, OrganisationRow, UserRow } from '@xiuhua/core';

export const presentUser = (row: UserRow) => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  roles: row.roles,
  organisationId: row.organisation_id,
  scopeKind: row.scope_kind,
  scopeDivisionCode: row.scope_division_code,
  scopeOrganisationId: row.scope_organisation_id,
  phone: row.phone,
  active: row.active,
  lastLoginAt: row.last_login_at?.toISOString() ?? null,
  createdAt: row.created_at.toISOString(),
});

export const presentOrganisation = (row: OrganisationRow) => ({
  id: row.id,
  code: row.code,
  name: row.name,
  kind: row.kind,
  level: row.level,
  parentId: row.parent_id,
  divisionCode: row.division_code,
  phone: row.phone,
  active: row.active,
});

export const presentApiToken = (row: ApiTokenRow) => ({
  id: row.id,
  name: row.name,
  prefix: row.token_prefix,
  userId: row.user_id,
  createdAt: row.created_at.toISOString(),
  expiresAt: row.expires_at?.toISOString() ?? null,
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
  revokedAt: row.revoked_at?.toISOString() ?? null,
});
