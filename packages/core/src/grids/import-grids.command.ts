import { divisionRepository, gridRepository, responsibilityGridRepository } from '@xiuhua/db';
import {
  AppError,
  bboxOf,
  centroidOf,
  checkSequenceOrder,
  gcj02ToWgs84,
  geodesicAreaM2,
  invalidInput,
  parseGridCode,
  requireAnyRole,
  validateAreaGeometry,
  textOf,
  validateTiling,
  type Actor,
  type AreaGeometry,
} from '@xiuhua/domain';
import { inTransaction, type AppContext } from '../context';
import { audit } from '../shared/audit';
import { GRIDS_CACHE } from './grid-locator.cache';

export type GridImportInput = {
  /** A GeoJSON FeatureCollection (text or parsed) of Polygon/MultiPolygon features with properties.code. */
  content: unknown;
  crs?: 'wgs84' | 'gcj02';
  dryRun?: boolean;
  /** Report gaps as warnings instead of refusing the file (staged imports of part of an area). */
  allowGaps?: boolean;
  /** Boundary to check the tiling against; default: the outline of the grids' common parent division. */
  boundary?: AreaGeometry | null;
  fileName?: string | null;
};

export type GridProblem = {
  kind:
    | 'bad_code'
    | 'duplicate_code'
    | 'unknown_community'
    | 'unknown_responsibility_grid'
    | 'not_polygon'
    | 'open_ring'
    | 'too_few_points'
    | 'bad_coordinate'
    | 'self_intersection'
    | 'overlap'
    | 'gap'
    | 'outside_boundary'
    | 'sequence_order'
    | 'no_boundary';
  reason: string;
  reason_zh: string;
  featureIndex?: number;
  code?: string;
  codes?: [string, string];
  position?: [number, number];
  areaM2?: number;
  bbox?: [number, number, number, number];
};

export type GridImportReport = {
  status: 'applied' | 'valid';
  featureCount: number;
  imported: number;
  errors: GridProblem[];
  warnings: GridProblem[];
  boundary: { code: string | null; areaM2: number } | null;
  coveredAreaM2: number | null;
  batchId: number | null;
};

type Feature = { type?: unknown; properties?: Record<string, unknown> | null; geometry?: unknown };
type Accepted = {
  featureIndex: number;
  code: string;
  name: string | null;
  responsibility: string | null;
  geometry: AreaGeometry;
};

function parseFeatures(content: unknown): Feature[] {
  let value = content;
  if (typeof content === 'string') {
    try {
      value = JSON.parse(content);
    } catch {
      throw invalidInput('file', { zh: '不是有效的 JSON', en: 'not valid JSON' });
    }
  }
  const collection = value as { type?: unknown; features?: unknown };
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw invalidInput('file', {
      zh: '须为 GeoJSON FeatureCollection',
      en: 'must be a GeoJSON FeatureCollection',
    });
  }
  if (collection.features.length === 0)
    throw invalidInput('file', { zh: '文件中没有网格', en: 'the file has no features' });
  return collection.features as Feature[];
}

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * Imports unit grids all-or-nothing. Every feature is checked (15-digit code, known community,
 * closed and valid rings), then the tiling of the affected parent area — imported plus existing
 * grids — is checked for overlaps, gaps and parts outside the parent boundary, with areas and
 * positions. Any error refuses the whole file (422, IMPORT_REJECTED) and writes nothing.
 */
export async function importGrids(
  ctx: AppContext,
  actor: Actor,
  input: GridImportInput,
): Promise<GridImportReport> {
  requireAnyRole(actor, ['admin']);
  const db = ctx.db.kysely;
  const features = parseFeatures(input.content);
  const errors: GridProblem[] = [];
  const warnings: GridProblem[] = [];
  const accepted: Accepted[] = [];
  const seen = new Set<string>();

  features.forEach((feature, featureIndex) => {
    const props = feature.properties ?? {};
    const code = textOf(props.code);
    const parsed = parseGridCode(code);
    let ok = true;
    if (!parsed.ok) {
      errors.push({
        kind: 'bad_code',
        featureIndex,
        code,
        reason: parsed.reason.en,
        reason_zh: parsed.reason.zh,
      });
      ok = false;
    } else if (seen.has(code)) {
      errors.push({
        kind: 'duplicate_code',
        featureIndex,
        code,
        reason: 'duplicate code in the file',
        reason_zh: '文件内网格编码重复',
      });
      ok = false;
    }
    seen.add(code);
    for (const problem of validateAreaGeometry(feature.geometry)) {
      errors.push({
        kind: problem.kind,
        featureIndex,
        code,
        reason: problem.reason.en,
        reason_zh: problem.reason.zh,
        ...(problem.position ? { position: problem.position } : {}),
      });
      ok = false;
    }
    if (!ok) return;
    const geometry =
      input.crs === 'gcj02'
        ? gcj02ToWgs84(feature.geometry as AreaGeometry)
        : (feature.geometry as AreaGeometry);
    const name = typeof props.name === 'string' && props.name.trim() ? props.name.trim() : null;
    const responsibility =
      typeof props.responsibility_grid === 'string' && props.responsibility_grid.trim()
        ? props.responsibility_grid.trim()
        : null;
    accepted.push({ featureIndex, code, name, responsibility, geometry });
  });

  const communities = [...new Set(accepted.map((a) => a.code.slice(0, 12)))];
  const knownCommunities = new Set(
    (await divisionRepository.findManyByCode(db, communities))
      .filter((d) => d.level === 'community')
      .map((d) => d.code),
  );
  const responsibilityCodes = [
    ...new Set(accepted.map((a) => a.responsibility).filter((r): r is string => r !== null)),
  ];
  const knownResponsibility = new Set<string>();
  for (const code of responsibilityCodes) {
    if (await responsibilityGridRepository.find(db, code)) knownResponsibility.add(code);
  }
  for (const grid of accepted) {
    const community = grid.code.slice(0, 12);
    if (!knownCommunities.has(community)) {
      errors.push({
        kind: 'unknown_community',
        featureIndex: grid.featureIndex,
        code: grid.code,
        reason: `community ${community} is not a known division; import divisions first`,
        reason_zh: `社区 ${community} 不在行政区划中，请先导入区划`,
      });
    }
    if (grid.responsibility && !knownResponsibility.has(grid.responsibility)) {
      errors.push({
        kind: 'unknown_responsibility_grid',
        featureIndex: grid.featureIndex,
        code: grid.code,
        reason: `responsibility grid ${grid.responsibility} does not exist`,
        reason_zh: `责任网格 ${grid.responsibility} 不存在`,
      });
    }
  }

  const tiling = await checkTiling(ctx, accepted, input, errors, warnings);
  const sequenceWarnings = checkSequenceOrder(
    accepted.map((a) => ({ code: a.code, centroid: centroidOf(a.geometry) })),
  );
  for (const warning of sequenceWarnings) {
    warnings.push({
      kind: 'sequence_order',
      code: warning.code,
      reason: warning.reason.en,
      reason_zh: warning.reason.zh,
    });
  }

  if (errors.length > 0) {
    throw new AppError({
      code: 'IMPORT_REJECTED',
      text: {
        zh: `网格文件未导入：发现 ${errors.length} 个问题（未写入任何数据）`,
        en: `Grid file refused: ${errors.length} problem(s) found (nothing was written)`,
      },
      details: [...errors, ...warnings.map((w) => ({ ...w, warning: true }))],
    });
  }

  const report: GridImportReport = {
    status: input.dryRun ? 'valid' : 'applied',
    featureCount: features.length,
    imported: 0,
    errors,
    warnings,
    boundary: tiling.boundary,
    coveredAreaM2: tiling.coveredAreaM2,
    batchId: null,
  };
  if (input.dryRun) return report;

  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    const batchId = await gridRepository.insertImportBatch(trx, {
      at: now,
      createdBy: actor.via === 'system' ? null : actor.userId,
      fileName: input.fileName ?? null,
      sourceCrs: input.crs ?? 'wgs84',
      status: 'applied',
      featureCount: features.length,
      report: { warnings, boundary: tiling.boundary, coveredAreaM2: tiling.coveredAreaM2 },
    });
    await gridRepository.upsertMany(
      trx,
      accepted.map((a) => ({
        code: a.code,
        districtCode: a.code.slice(0, 6),
        streetCode: a.code.slice(0, 9),
        communityCode: a.code.slice(0, 12),
        name: a.name,
        geometry: a.geometry,
        areaM2: geodesicAreaM2(a.geometry),
        bbox: bboxOf(a.geometry),
        centroid: centroidOf(a.geometry),
        responsibilityGridCode: a.responsibility,
        importBatchId: batchId,
      })),
      now,
    );
    await audit(trx, {
      actor,
      at: now,
      action: 'import',
      entity: 'unit_grid',
      entityId: String(batchId),
      detail: { fileName: input.fileName ?? null, count: accepted.length },
    });
    report.batchId = batchId;
  });
  report.imported = accepted.length;
  ctx.caches.invalidate(GRIDS_CACHE);
  return report;
}

/**
 * Slivers below 0.1 % of the median grid area (at least 1 m²) are digitising noise, not
 * overlaps or gaps: e.g. GCJ-02 → WGS84 conversion moves outlines by millimetres.
 */
function toleranceFor(accepted: readonly Accepted[]): number {
  const areas = accepted.map((a) => geodesicAreaM2(a.geometry)).sort((x, y) => x - y);
  const median = areas[Math.floor(areas.length / 2)] ?? 0;
  return Math.max(1, median * 0.001);
}

/** The longest division code that prefixes every code (community 12, street 9, district 6). */
function commonParent(codes: readonly string[]): string | null {
  for (const length of [12, 9, 6]) {
    const prefix = codes[0]?.slice(0, length);
    if (prefix && codes.every((c) => c.startsWith(prefix))) return prefix;
  }
  return null;
}

async function checkTiling(
  ctx: AppContext,
  accepted: Accepted[],
  input: GridImportInput,
  errors: GridProblem[],
  warnings: GridProblem[],
): Promise<{ boundary: GridImportReport['boundary']; coveredAreaM2: number | null }> {
  if (accepted.length === 0) return { boundary: null, coveredAreaM2: null };
  const db = ctx.db.kysely;
  let parentCode = commonParent(accepted.map((a) => a.code));
  let boundary: AreaGeometry | null = input.boundary ?? null;
  // Walk up from the common parent to the nearest division with a known outline.
  while (!boundary && parentCode) {
    const division = await divisionRepository.findByCode(db, parentCode);
    if (division?.outline) boundary = division.outline as AreaGeometry;
    else parentCode = parentCode.length > 6 ? parentCode.slice(0, parentCode.length - 3) : null;
  }
  const scopePrefix = input.boundary ? null : parentCode;
  const importedCodes = new Set(accepted.map((a) => a.code));
  const existing = scopePrefix
    ? (await gridRepository.withGeometryByPrefix(db, scopePrefix)).filter(
        (row) => !importedCodes.has(row.code),
      )
    : [];
  const cells = [
    ...accepted.map((a) => ({ id: a.code, geometry: a.geometry })),
    ...existing.map((row) => ({ id: row.code, geometry: row.geometry as AreaGeometry })),
  ];
  const result = validateTiling({
    cells,
    toleranceM2: toleranceFor(accepted),
    ...(boundary ? { boundary } : {}),
  });
  for (const overlap of result.overlaps) {
    errors.push({
      kind: 'overlap',
      codes: [overlap.a, overlap.b],
      areaM2: round(overlap.areaM2),
      bbox: overlap.bbox,
      reason: `grids ${overlap.a} and ${overlap.b} overlap by ${round(overlap.areaM2)} m²`,
      reason_zh: `网格 ${overlap.a} 与 ${overlap.b} 重叠 ${round(overlap.areaM2)} 平方米`,
    });
  }
  if (!boundary) {
    warnings.push({
      kind: 'no_boundary',
      reason: 'no parent boundary is known: gaps were not checked',
      reason_zh: '未知上级边界，未检查缝隙',
    });
    return { boundary: null, coveredAreaM2: result.coveredAreaM2 };
  }
  for (const gap of result.gaps) {
    const problem: GridProblem = {
      kind: 'gap',
      areaM2: round(gap.areaM2),
      bbox: gap.bbox,
      position: gap.centroid,
      reason: `gap of ${round(gap.areaM2)} m² not covered by any grid around (${gap.centroid[0].toFixed(6)}, ${gap.centroid[1].toFixed(6)})`,
      reason_zh: `存在 ${round(gap.areaM2)} 平方米未被网格覆盖的缝隙，位置约 (${gap.centroid[0].toFixed(6)}, ${gap.centroid[1].toFixed(6)})`,
    };
    (input.allowGaps ? warnings : errors).push(problem);
  }
  for (const outside of result.outside) {
    errors.push({
      kind: 'outside_boundary',
      code: outside.id,
      areaM2: round(outside.areaM2),
      reason: `grid ${outside.id} extends ${round(outside.areaM2)} m² outside the parent boundary`,
      reason_zh: `网格 ${outside.id} 有 ${round(outside.areaM2)} 平方米超出上级边界`,
    });
  }
  return {
    boundary: { code: scopePrefix, areaM2: round(result.boundaryAreaM2) },
    coveredAreaM2: round(result.coveredAreaM2),
  };
}
