import type { Selectable } from 'kysely';
import type { OrganisationsTable } from '../schema/database';
import { assignedToAny } from './department-filter';
import type { Executor } from './executor';

export type OrganisationRow = Selectable<OrganisationsTable>;

export type NewOrganisation = {
  code: string;
  name: string;
  kind: 'centre' | 'department';
  level: OrganisationRow['level'];
  parentId: number | null;
  divisionCode: string | null;
  phone: string | null;
};

export const organisationRepository = {
  async insert(db: Executor, org: NewOrganisation): Promise<number> {
    const { id } = await db
      .insertInto('organisations')
      .values({
        code: org.code,
        name: org.name,
        kind: org.kind,
        level: org.level,
        parent_id: org.parentId,
        division_code: org.divisionCode,
        phone: org.phone,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  async findById(db: Executor, id: number): Promise<OrganisationRow | undefined> {
    return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async findByCode(db: Executor, code: string): Promise<OrganisationRow | undefined> {
    return db.selectFrom('organisations').selectAll().where('code', '=', code).executeTakeFirst();
  },

  async list(
    db: Executor,
    filter: { kind?: 'centre' | 'department'; ids?: readonly number[] } = {},
  ): Promise<OrganisationRow[]> {
    let query = db.selectFrom('organisations').selectAll();
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    if (filter.ids) {
      if (filter.ids.length === 0) return [];
      query = query.where('id', 'in', filter.ids);
    }
    return query.orderBy('kind').orderBy('code').execute();
  },

  /** The organisation's id followed by its ancestors' (at most a few levels). */
  async lineage(db: Executor, id: number): Promise<number[]> {
    const chain: number[] = [];
    let current: number | null = id;
    while (current !== null && chain.length < 10 && !chain.includes(current)) {
      chain.push(current);
      const row: { parent_id: number | null } | undefined = await db
        .selectFrom('organisations')
        .select('parent_id')
        .where('id', '=', current)
        .executeTakeFirst();
      current = row?.parent_id ?? null;
    }
    return chain;
  },

  /** Ids of the organisation and its direct children (departments have two levels). */
  async withChildren(db: Executor, id: number): Promise<number[]> {
    const rows = await db
      .selectFrom('organisations')
      .select('id')
      .where('parent_id', '=', id)
      .execute();
    return [id, ...rows.map((row) => row.id)];
  },

  /**
   * How many rows refer to the organisation: sub-units, users (members or scoped), routing rules,
   * classes (default department, per-rule department), cases and slips assigned to it.
   */
  async referenceCount(db: Executor, id: number): Promise<number> {
    const row = await db
      .selectNoFrom((eb) => [
        eb
          .selectFrom('organisations')
          .select((e) => e.fn.countAll<number>().as('n'))
          .where('parent_id', '=', id)
          .as('children'),
        eb
          .selectFrom('users')
          .select((e) => e.fn.countAll<number>().as('n'))
          .where((e) => e.or([e('organisation_id', '=', id), e('scope_organisation_id', '=', id)]))
          .as('users'),
        eb
          .selectFrom('routing_rules')
          .select((e) => e.fn.countAll<number>().as('n'))
          .where('department_id', '=', id)
          .as('routing'),
        eb
          .selectFrom('case_classes')
          .select((e) => e.fn.countAll<number>().as('n'))
          .where('default_department_id', '=', id)
          .as('classes'),
        eb
          .selectFrom('class_rules')
          .select((e) => e.fn.countAll<number>().as('n'))
          .where('department_id', '=', id)
          .as('rules'),
        eb
          .selectFrom('cases')
          .select((e) => e.fn.countAll<number>().as('n'))
          .where(assignedToAny([id]))
          .as('cases'),
        eb
          .selectFrom('supervision_slips')
          .select((e) => e.fn.countAll<number>().as('n'))
          .where(assignedToAny([id]))
          .as('slips'),
      ])
      .executeTakeFirstOrThrow();
    return Object.values(row).reduce<number>((sum, n) => sum + Number(n ?? 0), 0);
  },

  async update(
    db: Executor,
    id: number,
    patch: {
      code?: string;
      name?: string;
      kind?: 'centre' | 'department';
      level?: OrganisationRow['level'];
      parentId?: number | null;
      divisionCode?: string | null;
      phone?: string | null;
      active?: boolean;
      at: Date;
    },
  ): Promise<void> {
    await db
      .updateTable('organisations')
      .set({
        ...(patch.code !== undefined ? { code: patch.code } : {}),
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
        ...(patch.level !== undefined ? { level: patch.level } : {}),
        ...(patch.parentId !== undefined ? { parent_id: patch.parentId } : {}),
        ...(patch.divisionCode !== undefined ? { division_code: patch.divisionCode } : {}),
        ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        updated_at: patch.at,
      })
      .where('id', '=', id)
      .execute();
  },
};
