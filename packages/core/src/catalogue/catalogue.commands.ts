import { catalogueRepository, organisationRepository, type CaseClassRow } from '@xiuhua/db';
import {
  AppError,
  defaultRulesFor,
  invalidInput,
  isKeySupervisionByDefault,
  notFound,
  parseClassCsv,
  requireAnyRole,
  suggestLegacyMapping,
  type Actor,
  type ClassRow,
  type ClassStandard,
} from '@xiuhua/domain';
import { inTransaction, type AppContext } from '../context';
import { audit } from '../shared/audit';
import { rejection, type ImportSummary } from '../imports/import-report';

const CLASS = { zh: '部件事件类别', en: 'Class' };

function toRow(row: CaseClassRow): ClassRow {
  return {
    standard: row.standard,
    kind: row.kind,
    bigCode: row.big_code,
    bigName: row.big_name,
    code: row.code,
    name: row.name,
  };
}

/**
 * Imports a class directory (kind,big_code,big_name,code,name) tagged with its standard. New
 * classes get the default filing/closing conditions and time limits and the default key
 * supervision flag; classes already present keep their local settings and rules.
 */
export async function importClasses(
  ctx: AppContext,
  actor: Actor,
  input: { content: string; standard: ClassStandard; dryRun?: boolean; fileName?: string | null },
): Promise<ImportSummary> {
  requireAnyRole(actor, ['admin']);
  const parsed = parseClassCsv(input.content, input.standard);
  const rejected = parsed.rejected.map((r) => rejection({ line: r.line }, r.reason));
  const summary: ImportSummary = {
    total: parsed.rows.length + rejected.length,
    imported: 0,
    rejected,
    dryRun: input.dryRun ?? false,
  };
  if (input.dryRun || parsed.rows.length === 0) return summary;
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    const ids = await catalogueRepository.upsertClasses(
      trx,
      parsed.rows.map((row) => ({ ...row, keySupervision: isKeySupervisionByDefault(row) })),
      now,
    );
    const rules = parsed.rows.flatMap((row) => {
      const classId = ids.get(`${row.kind}:${row.code}`);
      return classId === undefined
        ? []
        : defaultRulesFor(row).map((rule) => ({ classId, ...rule }));
    });
    await catalogueRepository.insertMissingRules(trx, rules, now);
    await rebuildMappings(trx);
    await audit(trx, {
      actor,
      at: now,
      action: 'import',
      entity: 'case_class',
      entityId: input.standard,
      detail: {
        fileName: input.fileName ?? null,
        imported: parsed.rows.length,
        rejected: rejected.length,
      },
    });
  });
  summary.imported = parsed.rows.length;
  return summary;
}

/** Adds the suggested legacy ↔ 2026 pairs that are not mapped yet (existing pairs stay). */
async function rebuildMappings(trx: Parameters<typeof catalogueRepository.list>[0]): Promise<void> {
  const legacy = await catalogueRepository.list(trx, { standard: 'CJ/T 214-2007' });
  const current = await catalogueRepository.list(trx, { standard: 'GB/T 47678.5-2026' });
  if (legacy.length === 0 || current.length === 0) return;
  const legacyId = new Map(legacy.map((r) => [`${r.kind}:${r.code}`, r.id]));
  const currentId = new Map(current.map((r) => [`${r.kind}:${r.code}`, r.id]));
  const pairs = suggestLegacyMapping(legacy.map(toRow), current.map(toRow)).flatMap((pair) => {
    const l = legacyId.get(
      `${pair.kind === 'component' ? 'component' : 'event'}:${pair.legacyCode}`,
    );
    const c = currentId.get(
      `${pair.kind === 'component' ? 'component' : 'matter'}:${pair.currentCode}`,
    );
    return l !== undefined && c !== undefined
      ? [{ legacyId: l, currentId: c, note: pair.confidence }]
      : [];
  });
  await catalogueRepository.insertMappings(trx, pairs);
}

/** Adds a local extension class (e.g. big class 21) with default rules. */
export async function createLocalClass(
  ctx: AppContext,
  actor: Actor,
  input: { kind: ClassRow['kind']; bigCode: string; bigName: string; code: string; name: string },
): Promise<CaseClassRow> {
  requireAnyRole(actor, ['admin']);
  const row: ClassRow = { standard: 'local', ...input };
  const parsed = parseClassCsv(
    `kind,big_code,big_name,code,name\n${[row.kind, row.bigCode, row.bigName, row.code, row.name].map(csvCell).join(',')}`,
    'local',
  );
  const problem = parsed.rejected[0];
  if (problem) throw invalidInput('code', problem.reason);
  const db = ctx.db.kysely;
  if (
    (
      await catalogueRepository.findByCode(db, {
        standard: 'local',
        kind: input.kind,
        code: input.code,
      })
    ).length > 0
  ) {
    throw new AppError({
      code: 'ALREADY_EXISTS',
      text: {
        zh: `本地类别已存在：${input.code}`,
        en: `Local class already exists: ${input.code}`,
      },
      details: [{ field: 'code', reason: 'already exists' }],
    });
  }
  const now = ctx.clock.now();
  return inTransaction(ctx, async (trx) => {
    const ids = await catalogueRepository.upsertClasses(
      trx,
      [{ ...row, keySupervision: isKeySupervisionByDefault(row) }],
      now,
    );
    const id = ids.get(`${row.kind}:${row.code}`);
    if (id === undefined) throw notFound(CLASS, row.code);
    await catalogueRepository.insertMissingRules(
      trx,
      defaultRulesFor(row).map((rule) => ({ classId: id, ...rule })),
      now,
    );
    await audit(trx, {
      actor,
      at: now,
      action: 'create',
      entity: 'case_class',
      entityId: id,
      detail: { ...input },
    });
    const created = await catalogueRepository.findById(trx, id);
    if (!created) throw notFound(CLASS, String(id));
    return created;
  });
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Admin edits of a class: name, key-supervision flag, default department, active. */
export async function updateClass(
  ctx: AppContext,
  actor: Actor,
  id: number,
  patch: {
    name?: string;
    keySupervision?: boolean;
    defaultDepartmentCode?: string | null;
    active?: boolean;
  },
): Promise<CaseClassRow> {
  requireAnyRole(actor, ['admin']);
  const db = ctx.db.kysely;
  let defaultDepartmentId: number | null | undefined;
  if (patch.defaultDepartmentCode !== undefined) {
    if (patch.defaultDepartmentCode === null) defaultDepartmentId = null;
    else {
      const org = await organisationRepository.findByCode(db, patch.defaultDepartmentCode);
      if (!org || org.kind !== 'department')
        throw invalidInput('defaultDepartmentCode', {
          zh: '专业部门不存在',
          en: 'no such department',
        });
      defaultDepartmentId = org.id;
    }
  }
  const now = ctx.clock.now();
  return inTransaction(ctx, async (trx) => {
    if (!(await catalogueRepository.findById(trx, id))) throw notFound(CLASS, String(id));
    await catalogueRepository.update(
      trx,
      id,
      {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.keySupervision !== undefined ? { keySupervision: patch.keySupervision } : {}),
        ...(defaultDepartmentId !== undefined ? { defaultDepartmentId } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
      },
      now,
    );
    await audit(trx, {
      actor,
      at: now,
      action: 'update',
      entity: 'case_class',
      entityId: id,
      detail: { ...patch },
    });
    const row = await catalogueRepository.findById(trx, id);
    if (!row) throw notFound(CLASS, String(id));
    return row;
  });
}

/** Makes a department responsible by default for a whole big class (e.g. all 09 街面秩序类 matters). */
export async function assignDepartmentByBigClass(
  ctx: AppContext,
  actor: Actor,
  input: {
    standard: ClassStandard;
    kind: ClassRow['kind'];
    bigCode: string;
    departmentCode: string | null;
  },
): Promise<number> {
  requireAnyRole(actor, ['admin']);
  let departmentId: number | null = null;
  if (input.departmentCode) {
    const org = await organisationRepository.findByCode(ctx.db.kysely, input.departmentCode);
    if (!org || org.kind !== 'department')
      throw invalidInput('departmentCode', { zh: '专业部门不存在', en: 'no such department' });
    departmentId = org.id;
  }
  const now = ctx.clock.now();
  return inTransaction(ctx, async (trx) => {
    const updated = await catalogueRepository.setDefaultDepartmentByBigClass(
      trx,
      input,
      departmentId,
      now,
    );
    if (updated === 0)
      throw invalidInput('bigCode', {
        zh: '没有符合条件的类别',
        en: 'no classes match this standard, kind and big class',
      });
    await audit(trx, {
      actor,
      at: now,
      action: 'assign_department',
      entity: 'case_class',
      entityId: `${input.standard}:${input.kind}:${input.bigCode}`,
      detail: { ...input, updated },
    });
    return updated;
  });
}

export type RuleInput = {
  filingCondition: string;
  closingCondition: string;
  limitValue: number;
  limitUnit: 'working_hour' | 'working_day' | 'natural_hour' | 'natural_day' | 'minute';
  departmentCode?: string | null;
};

/** Sets the filing condition, time limit and closing condition of a class × condition × urgency. */
export async function putClassRule(
  ctx: AppContext,
  actor: Actor,
  key: { classId: number; conditionCode: string; urgency: 'normal' | 'urgent' },
  rule: RuleInput,
): Promise<void> {
  requireAnyRole(actor, ['admin']);
  const db = ctx.db.kysely;
  let departmentId: number | null = null;
  if (rule.departmentCode) {
    const org = await organisationRepository.findByCode(db, rule.departmentCode);
    if (!org || org.kind !== 'department')
      throw invalidInput('departmentCode', { zh: '专业部门不存在', en: 'no such department' });
    departmentId = org.id;
  }
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    if (!(await catalogueRepository.findById(trx, key.classId)))
      throw notFound(CLASS, String(key.classId));
    await catalogueRepository.upsertRule(
      trx,
      {
        classId: key.classId,
        conditionCode: key.conditionCode,
        urgency: key.urgency,
        filingCondition: rule.filingCondition,
        closingCondition: rule.closingCondition,
        limitValue: rule.limitValue,
        limitUnit: rule.limitUnit,
        departmentId,
      },
      now,
    );
    await audit(trx, {
      actor,
      at: now,
      action: 'put_rule',
      entity: 'case_class',
      entityId: key.classId,
      detail: { ...key, ...rule },
    });
  });
}

export async function deleteClassRule(
  ctx: AppContext,
  actor: Actor,
  key: { classId: number; conditionCode: string; urgency: 'normal' | 'urgent' },
): Promise<void> {
  requireAnyRole(actor, ['admin']);
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    const remaining = (await catalogueRepository.rules(trx, [key.classId])).length;
    if (remaining <= 1) {
      throw invalidInput('conditionCode', {
        zh: '每个类别至少保留一条时限规则',
        en: 'a class keeps at least one rule',
      });
    }
    if ((await catalogueRepository.deleteRule(trx, key)) === 0) {
      throw notFound(
        { zh: '时限规则', en: 'Rule' },
        `${key.classId}/${key.conditionCode}/${key.urgency}`,
      );
    }
    await audit(trx, {
      actor,
      at: now,
      action: 'delete_rule',
      entity: 'case_class',
      entityId: key.classId,
      detail: { ...key },
    });
  });
}
