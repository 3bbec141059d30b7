import type { Selectable } from 'kysely';
import type { CaseClassesTable, ClassRulesTable } from '../schema/database';
import type { Executor } from './executor';

export type CaseClassRow = Selectable<CaseClassesTable>;
export type ClassRuleRow = Selectable<ClassRulesTable>;
export type ClassStandardName = CaseClassRow['standard'];

export type ClassUpsert = {
  standard: ClassStandardName;
  kind: CaseClassRow['kind'];
  bigCode: string;
  bigName: string;
  code: string;
  name: string;
  keySupervision?: boolean;
};

export type RuleUpsert = {
  classId: number;
  conditionCode: string;
  urgency: 'normal' | 'urgent';
  filingCondition: string;
  closingCondition: string;
  limitValue: number;
  limitUnit: ClassRuleRow['limit_unit'];
  departmentId?: number | null;
};

export type ClassListFilter = {
  standard?: ClassStandardName;
  kind?: CaseClassRow['kind'];
  bigCode?: string;
  q?: string;
  keySupervision?: boolean;
  activeOnly?: boolean;
};

export const catalogueRepository = {
  /**
   * Inserts classes; existing (standard, kind, code) rows get the new names but keep their
   * local settings (key supervision, department, active). Returns ids by `kind:code`.
   */
  async upsertClasses(
    db: Executor,
    rows: readonly ClassUpsert[],
    at: Date,
  ): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    for (let i = 0; i < rows.length; i += 500) {
      const inserted = await db
        .insertInto('case_classes')
        .values(
          rows.slice(i, i + 500).map((r) => ({
            standard: r.standard,
            kind: r.kind,
            big_code: r.bigCode,
            big_name: r.bigName,
            code: r.code,
            name: r.name,
            key_supervision: r.keySupervision ?? false,
            updated_at: at,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['standard', 'kind', 'code']).doUpdateSet((eb) => ({
            big_name: eb.ref('excluded.big_name'),
            name: eb.ref('excluded.name'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .returning(['id', 'kind', 'code'])
        .execute();
      inserted.forEach((row) => ids.set(`${row.kind}:${row.code}`, row.id));
    }
    return ids;
  },

  async list(db: Executor, filter: ClassListFilter): Promise<CaseClassRow[]> {
    let query = db.selectFrom('case_classes').selectAll();
    if (filter.standard) query = query.where('standard', '=', filter.standard);
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    if (filter.bigCode) query = query.where('big_code', '=', filter.bigCode);
    if (filter.keySupervision !== undefined)
      query = query.where('key_supervision', '=', filter.keySupervision);
    if (filter.activeOnly) query = query.where('active', '=', true);
    if (filter.q) {
      const like = `%${filter.q}%`;
      query = query.where((eb) =>
        eb.or([
          eb('name', 'like', like),
          eb('code', 'like', `${filter.q}%`),
          eb('big_name', 'like', like),
        ]),
      );
    }
    return query.orderBy('standard').orderBy('kind').orderBy('code').execute();
  },

  async findById(db: Executor, id: number): Promise<CaseClassRow | undefined> {
    return db.selectFrom('case_classes').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async findByCode(
    db: Executor,
    key: { standard: ClassStandardName; kind?: CaseClassRow['kind']; code: string },
  ) {
    let query = db
      .selectFrom('case_classes')
      .selectAll()
      .where('standard', '=', key.standard)
      .where('code', '=', key.code);
    if (key.kind) query = query.where('kind', '=', key.kind);
    return query.execute();
  },

  /** Component classes by code for one standard (component IDs carry the class code). */
  async componentClassIds(db: Executor, standard: ClassStandardName): Promise<Map<string, number>> {
    const rows = await db
      .selectFrom('case_classes')
      .select(['id', 'code'])
      .where('standard', '=', standard)
      .where('kind', '=', 'component')
      .execute();
    return new Map(rows.map((r) => [r.code, r.id]));
  },

  async update(
    db: Executor,
    id: number,
    patch: {
      name?: string;
      keySupervision?: boolean;
      defaultDepartmentId?: number | null;
      active?: boolean;
    },
    at: Date,
  ): Promise<void> {
    await db
      .updateTable('case_classes')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.keySupervision !== undefined ? { key_supervision: patch.keySupervision } : {}),
        ...(patch.defaultDepartmentId !== undefined
          ? { default_department_id: patch.defaultDepartmentId }
          : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        updated_at: at,
      })
      .where('id', '=', id)
      .execute();
  },

  /** Sets the default department of every class of a standard, kind and big class. */
  async setDefaultDepartmentByBigClass(
    db: Executor,
    key: { standard: ClassStandardName; kind: CaseClassRow['kind']; bigCode: string },
    departmentId: number | null,
    at: Date,
  ): Promise<number> {
    const result = await db
      .updateTable('case_classes')
      .set({ default_department_id: departmentId, updated_at: at })
      .where('standard', '=', key.standard)
      .where('kind', '=', key.kind)
      .where('big_code', '=', key.bigCode)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  async count(db: Executor): Promise<number> {
    return (
      await db
        .selectFrom('case_classes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  },

  /** Inserts rules that do not exist yet; existing (class, condition, urgency) rows are kept. */
  async insertMissingRules(db: Executor, rules: readonly RuleUpsert[], at: Date): Promise<void> {
    for (let i = 0; i < rules.length; i += 500) {
      await db
        .insertInto('class_rules')
        .values(
          rules.slice(i, i + 500).map((r) => ({
            class_id: r.classId,
            condition_code: r.conditionCode,
            urgency: r.urgency,
            filing_condition: r.filingCondition,
            closing_condition: r.closingCondition,
            limit_value: r.limitValue,
            limit_unit: r.limitUnit,
            department_id: r.departmentId ?? null,
            updated_at: at,
          })),
        )
        .onConflict((oc) => oc.columns(['class_id', 'condition_code', 'urgency']).doNothing())
        .execute();
    }
  },

  async upsertRule(db: Executor, rule: RuleUpsert, at: Date): Promise<void> {
    await db
      .insertInto('class_rules')
      .values({
        class_id: rule.classId,
        condition_code: rule.conditionCode,
        urgency: rule.urgency,
        filing_condition: rule.filingCondition,
        closing_condition: rule.closingCondition,
        limit_value: rule.limitValue,
        limit_unit: rule.limitUnit,
        department_id: rule.departmentId ?? null,
        updated_at: at,
      })
      .onConflict((oc) =>
        oc.columns(['class_id', 'condition_code', 'urgency']).doUpdateSet((eb) => ({
          filing_condition: eb.ref('excluded.filing_condition'),
          closing_condition: eb.ref('excluded.closing_condition'),
          limit_value: eb.ref('excluded.limit_value'),
          limit_unit: eb.ref('excluded.limit_unit'),
          department_id: eb.ref('excluded.department_id'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  },

  async deleteRule(
    db: Executor,
    key: { classId: number; conditionCode: string; urgency: 'normal' | 'urgent' },
  ): Promise<number> {
    const result = await db
      .deleteFrom('class_rules')
      .where('class_id', '=', key.classId)
      .where('condition_code', '=', key.conditionCode)
      .where('urgency', '=', key.urgency)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  async rules(db: Executor, classIds: readonly number[]): Promise<ClassRuleRow[]> {
    if (classIds.length === 0) return [];
    return db
      .selectFrom('class_rules')
      .selectAll()
      .where('class_id', 'in', classIds)
      .orderBy('class_id')
      .orderBy('condition_code')
      .orderBy('urgency')
      .execute();
  },

  async insertMappings(
    db: Executor,
    pairs: readonly { legacyId: number; currentId: number; note: string | null }[],
  ): Promise<void> {
    for (let i = 0; i < pairs.length; i += 500) {
      await db
        .insertInto('case_class_mappings')
        .values(
          pairs.slice(i, i + 500).map((p) => ({
            legacy_class_id: p.legacyId,
            current_class_id: p.currentId,
            note: p.note,
          })),
        )
        .onConflict((oc) => oc.columns(['legacy_class_id', 'current_class_id']).doNothing())
        .execute();
    }
  },

  async mappings(db: Executor) {
    return db
      .selectFrom('case_class_mappings as m')
      .innerJoin('case_classes as l', 'l.id', 'm.legacy_class_id')
      .innerJoin('case_classes as c', 'c.id', 'm.current_class_id')
      .select([
        'm.note',
        'l.id as legacy_id',
        'l.code as legacy_code',
        'l.kind as legacy_kind',
        'l.name as legacy_name',
        'c.id as current_id',
        'c.code as current_code',
        'c.kind as current_kind',
        'c.name as current_name',
      ])
      .orderBy('l.code')
      .execute();
  },
};
