import type { Selectable } from 'kysely';
import type { UsersTable } from '../schema/database';
import type { Executor } from './executor';

export type UserRow = Selectable<UsersTable> & { roles: string[] };

export type NewUser = {
  username: string;
  displayName: string;
  passwordHash: string | null;
  organisationId: number | null;
  scopeKind: 'all' | 'region' | 'department';
  scopeDivisionCode: string | null;
  scopeOrganisationId: number | null;
  phone: string | null;
  roles: readonly string[];
};

async function withRoles(db: Executor, rows: Selectable<UsersTable>[]): Promise<UserRow[]> {
  if (rows.length === 0) return [];
  const roles = await db
    .selectFrom('user_roles')
    .select(['user_id', 'role'])
    .where(
      'user_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('role')
    .execute();
  return rows.map((row) => ({
    ...row,
    roles: roles.filter((r) => r.user_id === row.id).map((r) => r.role),
  }));
}

export const userRepository = {
  async findByUsername(db: Executor, username: string): Promise<UserRow | undefined> {
    const row = await db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return row ? (await withRoles(db, [row]))[0] : undefined;
  },

  async findById(db: Executor, id: number): Promise<UserRow | undefined> {
    const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? (await withRoles(db, [row]))[0] : undefined;
  },

  async list(
    db: Executor,
    filter: {
      organisationIds?: readonly number[];
      regionPrefix?: string;
      /** Part of the username or display name (case-insensitive). */
      q?: string;
      role?: string;
      /** Member of this organisation, or scoped to it. */
      organisationId?: number;
      active?: boolean;
      limit: number;
      offset: number;
    },
  ): Promise<{ rows: UserRow[]; total: number }> {
    let query = db.selectFrom('users');
    if (filter.q) {
      const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) =>
        eb.or([eb('username', 'ilike', pattern), eb('display_name', 'ilike', pattern)]),
      );
    }
    if (filter.role) {
      const role = filter.role;
      query = query.where((eb) =>
        eb('id', 'in', eb.selectFrom('user_roles').select('user_id').where('role', '=', role)),
      );
    }
    if (filter.organisationId !== undefined) {
      const org = filter.organisationId;
      query = query.where((eb) =>
        eb.or([eb('organisation_id', '=', org), eb('scope_organisation_id', '=', org)]),
      );
    }
    if (filter.active !== undefined) query = query.where('active', '=', filter.active);
    if (filter.organisationIds) {
      if (filter.organisationIds.length === 0) return { rows: [], total: 0 };
      query = query.where('organisation_id', 'in', filter.organisationIds);
    }
    if (filter.regionPrefix) {
      const prefix = filter.regionPrefix;
      query = query.where((eb) =>
        eb.or([
          eb('scope_division_code', 'like', `${prefix}%`),
          eb(
            'organisation_id',
            'in',
            eb
              .selectFrom('organisations')
              .select('id')
              .where('division_code', 'like', `${prefix}%`),
          ),
        ]),
      );
    }
    const total = await query
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await query
      .selectAll()
      .orderBy('id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
    return { rows: await withRoles(db, rows), total: total.n };
  },

  async insert(db: Executor, user: NewUser): Promise<number> {
    const { id } = await db
      .insertInto('users')
      .values({
        username: user.username,
        display_name: user.displayName,
        password_hash: user.passwordHash,
        organisation_id: user.organisationId,
        scope_kind: user.scopeKind,
        scope_division_code: user.scopeDivisionCode,
        scope_organisation_id: user.scopeOrganisationId,
        phone: user.phone,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (user.roles.length > 0) {
      await db
        .insertInto('user_roles')
        .values(user.roles.map((role) => ({ user_id: id, role })))
        .execute();
    }
    return id;
  },

  async setPassword(db: Executor, userId: number, passwordHash: string, at: Date): Promise<void> {
    await db
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: at })
      .where('id', '=', userId)
      .execute();
  },

  /** Name, phone, organisation and data scope (any subset). */
  async updateProfile(
    db: Executor,
    userId: number,
    patch: {
      displayName?: string;
      phone?: string | null;
      organisationId?: number | null;
      scope?: {
        scopeKind: 'all' | 'region' | 'department';
        scopeDivisionCode: string | null;
        scopeOrganisationId: number | null;
      };
    },
    at: Date,
  ): Promise<void> {
    await db
      .updateTable('users')
      .set({
        ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
        ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
        ...(patch.organisationId !== undefined ? { organisation_id: patch.organisationId } : {}),
        ...(patch.scope
          ? {
              scope_kind: patch.scope.scopeKind,
              scope_division_code: patch.scope.scopeDivisionCode,
              scope_organisation_id: patch.scope.scopeOrganisationId,
            }
          : {}),
        updated_at: at,
      })
      .where('id', '=', userId)
      .execute();
  },

  async setActive(db: Executor, userId: number, active: boolean, at: Date): Promise<void> {
    await db
      .updateTable('users')
      .set({ active, updated_at: at })
      .where('id', '=', userId)
      .execute();
  },

  async replaceRoles(db: Executor, userId: number, roles: readonly string[]): Promise<void> {
    await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
    if (roles.length > 0) {
      await db
        .insertInto('user_roles')
        .values(roles.map((role) => ({ user_id: userId, role })))
        .execute();
    }
  },

  async touchLogin(db: Executor, userId: number, at: Date): Promise<void> {
    await db.updateTable('users').set({ last_login_at: at }).where('id', '=', userId).execute();
  },

  async count(db: Executor): Promise<number> {
    const row = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return row.n;
  },
};
