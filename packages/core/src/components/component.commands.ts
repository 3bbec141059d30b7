import { catalogueRepository, componentRepository, type ComponentRow } from '@xiuhua/db';
import {
  chinaDateKey,
  invalidInput,
  notFound,
  parseComponentCsv,
  parseComponentGeoJson,
  requireAnyRole,
  requireRegion,
  type Actor,
  type ComponentInput,
} from '@xiuhua/domain';
import { inTransaction, type AppContext } from '../context';
import { audit } from '../shared/audit';
import { toLimitOffset, type Page } from '../shared/pagination';
import { gridIndex } from '../grids/grid-locator.cache';
import { rejection, type ImportSummary, type RejectedRow } from '../imports/import-report';

export type ComponentImportInput = {
  format: 'csv' | 'geojson';
  content: string;
  dryRun?: boolean;
  fileName?: string | null;
};

const COMPONENT = { zh: '部件', en: 'Component' };

/**
 * Imports components (部件) from CSV or GeoJSON. Each row's ID, class, status, position and
 * unit codes are validated; the unit grid, community, street and district come from the
 * position. Valid rows are written in one transaction; refused rows are reported with reasons.
 */
export async function importComponents(
  ctx: AppContext,
  actor: Actor,
  input: ComponentImportInput,
): Promise<ImportSummary> {
  requireAnyRole(actor, ['admin']);
  let parsed: ReturnType<typeof parseComponentCsv>;
  if (input.format === 'csv') parsed = parseComponentCsv(input.content);
  else {
    let value: unknown;
    try {
      value = JSON.parse(input.content);
    } catch {
      throw invalidInput('file', { zh: '不是有效的 JSON', en: 'not valid JSON' });
    }
    parsed = parseComponentGeoJson(value);
  }
  const rejected: RejectedRow[] = parsed.rejected.map((r) =>
    rejection(
      {
        ...('line' in r && r.line !== undefined ? { line: r.line } : {}),
        ...('featureIndex' in r && r.featureIndex !== undefined
          ? { featureIndex: r.featureIndex }
          : {}),
        ...(r.id ? { id: r.id } : {}),
        field: r.field,
      },
      r.reason,
    ),
  );
  const db = ctx.db.kysely;
  const classIds = {
    'GB/T 47678.5-2026': await catalogueRepository.componentClassIds(db, 'GB/T 47678.5-2026'),
    'CJ/T 214-2007': await catalogueRepository.componentClassIds(db, 'CJ/T 214-2007'),
  };
  const { locator } = await gridIndex(ctx);
  const rows = parsed.rows.flatMap((row: ComponentInput) => {
    const where = {
      ...(row.line !== undefined ? { line: row.line } : {}),
      ...(row.featureIndex !== undefined ? { featureIndex: row.featureIndex } : {}),
      id: row.id,
    };
    const classId = classIds[row.standard].get(row.classCode);
    if (classId === undefined) {
      rejected.push(
        rejection(
          { ...where, field: 'class_code' },
          {
            zh: `类别 ${row.classCode}（${row.standard}）不在类别目录中`,
            en: `class ${row.classCode} (${row.standard}) is not in the catalogue`,
          },
        ),
      );
      return [];
    }
    const grid = locator.locate(row.lng, row.lat);
    if (!grid) {
      rejected.push(
        rejection(
          { ...where, field: 'lng,lat' },
          { zh: '位置不在任何单元网格内', en: 'position is not inside any unit grid' },
        ),
      );
      return [];
    }
    if (grid.districtCode !== row.id.slice(0, 6)) {
      rejected.push(
        rejection(
          { ...where, field: 'id' },
          {
            zh: `部件编码的区县码与所在网格（${grid.districtCode}）不符`,
            en: `the ID's county code does not match the grid's district ${grid.districtCode}`,
          },
        ),
      );
      return [];
    }
    return [
      {
        id: row.id,
        classId,
        name: row.name,
        status: row.status,
        competentUnitCode: row.competentUnitCode ?? null,
        competentUnitName: row.competentUnitName ?? null,
        ownerUnit: row.ownerUnit ?? null,
        maintenanceUnit: row.maintenanceUnit ?? null,
        lng: row.lng,
        lat: row.lat,
        gridCode: grid.code,
        streetCode: grid.streetCode,
        communityCode: grid.communityCode,
        districtCode: grid.districtCode,
        surveyDate: row.surveyDate ?? null,
        changeDate: row.changeDate ?? null,
        dataSource: row.dataSource ?? null,
        note: row.note ?? null,
      },
    ];
  });
  const total = parsed.rows.length + parsed.rejected.length;
  if (!input.dryRun && rows.length > 0) {
    const now = ctx.clock.now();
    await inTransaction(ctx, async (trx) => {
      await componentRepository.upsertMany(trx, rows, now);
      await audit(trx, {
        actor,
        at: now,
        action: 'import',
        entity: 'component',
        entityId: null,
        detail: {
          fileName: input.fileName ?? null,
          imported: rows.length,
          rejected: rejected.length,
        },
      });
    });
  }
  return {
    total,
    imported: input.dryRun ? 0 : rows.length,
    rejected,
    dryRun: input.dryRun ?? false,
  };
}

export type ComponentQuery = {
  bbox?: [number, number, number, number];
  classCode?: string;
  gridCode?: string;
  status?: ComponentRow['status'];
};

/** Components by bbox, class code (either standard), grid and status, within the actor's region. */
export async function listComponents(
  ctx: AppContext,
  actor: Actor,
  query: ComponentQuery,
  page: Page,
) {
  const db = ctx.db.kysely;
  if (query.gridCode) requireRegion(actor, query.gridCode);
  let classIds: number[] | undefined;
  if (query.classCode) {
    const standard =
      query.classCode.length === 5
        ? 'GB/T 47678.5-2026'
        : query.classCode.length === 4
          ? 'CJ/T 214-2007'
          : undefined;
    if (!standard)
      throw invalidInput('classCode', {
        zh: '类别代码须为 4 位或 5 位',
        en: 'must be a 4- or 5-digit class code',
      });
    classIds = (
      await catalogueRepository.findByCode(db, {
        standard,
        kind: 'component',
        code: query.classCode,
      })
    ).map((c) => c.id);
  }
  const { rows, total } = await componentRepository.list(db, {
    ...(query.bbox ? { bbox: query.bbox } : {}),
    ...(classIds ? { classIds } : {}),
    ...(query.gridCode ? { gridCode: query.gridCode } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(actor.scope.kind === 'region' ? { regionPrefix: actor.scope.divisionCode } : {}),
    ...toLimitOffset(page),
  });
  return { items: rows, total, ...page };
}

export async function getComponent(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<ComponentRow> {
  const row = await componentRepository.findById(ctx.db.kysely, id);
  if (!row) throw notFound(COMPONENT, id);
  if (row.grid_code) requireRegion(actor, row.grid_code);
  return row;
}

/** Records a status change (e.g. 完好 → 破损) with its change date. */
export async function updateComponentStatus(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { status: ComponentRow['status']; changeDate?: string },
): Promise<ComponentRow> {
  requireAnyRole(actor, ['admin']);
  const now = ctx.clock.now();
  const changeDate = input.changeDate ?? chinaDateKey(now);
  return inTransaction(ctx, async (trx) => {
    const before = await componentRepository.findById(trx, id);
    if (!before) throw notFound(COMPONENT, id);
    await componentRepository.updateStatus(trx, id, input.status, changeDate, now);
    await audit(trx, {
      actor,
      at: now,
      action: 'update_status',
      entity: 'component',
      entityId: id,
      detail: { from: before.status, to: input.status, changeDate },
    });
    const row = await componentRepository.findById(trx, id);
    if (!row) throw notFound(COMPONENT, id);
    return row;
  });
}
