import { divisionRepository, type DivisionRow, type DivisionUpsert } from '@xiuhua/db';
import {
  bboxOf,
  gcj02ToWgs84,
  invalidInput,
  notFound,
  parseCsv,
  parseDivisionCode,
  requireAnyRole,
  textOf,
  validateAreaGeometry,
  type Actor,
  type AreaGeometry,
} from '@xiuhua/domain';
import { inTransaction, type AppContext } from '../context';
import { audit } from '../shared/audit';
import { rejection, type ImportSummary, type RejectedRow } from '../imports/import-report';

export type DivisionImportInput = {
  format: 'csv' | 'geojson';
  content: string;
  crs?: 'wgs84' | 'gcj02';
  dryRun?: boolean;
  fileName?: string | null;
};

type Candidate = DivisionUpsert & { where: { line?: number; featureIndex?: number } };

const LEVEL_BY_KIND = { district: 'district', street: 'street', community: 'community' } as const;

type Parsed = { candidates: Candidate[]; count: number };

function fromCsv(content: string, rejected: RejectedRow[]): Parsed {
  const { header, rows } = parseCsv(content);
  const codeAt = header.indexOf('code');
  const nameAt = header.indexOf('name');
  if (codeAt < 0 || nameAt < 0) {
    throw invalidInput('content', {
      zh: 'CSV 须包含 code 和 name 列',
      en: 'the CSV needs code and name columns',
    });
  }
  const candidates = rows.flatMap((row) => {
    const code = row.values[codeAt]?.trim() ?? '';
    const name = row.values[nameAt]?.trim() ?? '';
    return candidate({ line: row.line }, code, name, null, rejected);
  });
  return { candidates, count: rows.length };
}

type FeatureLike = { properties?: Record<string, unknown> | null; geometry?: unknown };

function fromGeoJson(content: string, crs: 'wgs84' | 'gcj02', rejected: RejectedRow[]): Parsed {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    throw invalidInput('content', { zh: '不是有效的 JSON', en: 'not valid JSON' });
  }
  const features = (parsed as { type?: unknown; features?: unknown }).features;
  if ((parsed as { type?: unknown }).type !== 'FeatureCollection' || !Array.isArray(features)) {
    throw invalidInput('content', {
      zh: '须为 GeoJSON FeatureCollection',
      en: 'must be a GeoJSON FeatureCollection',
    });
  }
  const candidates = (features as FeatureLike[]).flatMap((feature, featureIndex) => {
    const props = feature.properties ?? {};
    const code = textOf(props.code ?? props.adcode);
    const name = textOf(props.name);
    let outline: AreaGeometry | null = null;
    if (feature.geometry) {
      const problems = validateAreaGeometry(feature.geometry);
      if (problems.length > 0) {
        rejected.push(
          ...problems.map((p) =>
            rejection({ featureIndex, id: code, field: 'geometry' }, p.reason),
          ),
        );
        return [];
      }
      outline = feature.geometry as AreaGeometry;
      if (crs === 'gcj02') outline = gcj02ToWgs84(outline);
    }
    return candidate({ featureIndex }, code, name, outline, rejected);
  });
  return { candidates, count: features.length };
}

function candidate(
  where: { line?: number; featureIndex?: number },
  code: string,
  name: string,
  outline: AreaGeometry | null,
  rejected: RejectedRow[],
): Candidate[] {
  const parsed = parseDivisionCode(code);
  if (!parsed.ok) {
    rejected.push(rejection({ ...where, id: code, field: 'code' }, parsed.reason));
    return [];
  }
  if (!name || name.length > 100) {
    rejected.push(
      rejection(
        { ...where, id: code, field: 'name' },
        { zh: '名称为空或超过 100 字', en: 'name is empty or longer than 100 characters' },
      ),
    );
    return [];
  }
  return [
    {
      where,
      code,
      name,
      level: LEVEL_BY_KIND[parsed.level],
      parentCode: parsed.parentCode,
      outline,
      bbox: outline ? bboxOf(outline) : null,
    },
  ];
}

/**
 * Imports districts, streets and communities (统计用区划代码) from CSV (code,name,…) or GeoJSON
 * (properties code|adcode and name, optional outline). The level and parent follow from the code;
 * a row whose parent is neither known nor in the file is refused. Valid rows are imported, refused
 * rows reported with their line and reason.
 */
export async function importDivisions(
  ctx: AppContext,
  actor: Actor,
  input: DivisionImportInput,
): Promise<ImportSummary> {
  requireAnyRole(actor, ['admin']);
  const rejected: RejectedRow[] = [];
  const { candidates, count } =
    input.format === 'csv'
      ? fromCsv(input.content, rejected)
      : fromGeoJson(input.content, input.crs ?? 'wgs84', rejected);
  const db = ctx.db.kysely;
  const seen = new Set<string>();
  const unique = candidates.filter((c) => {
    if (seen.has(c.code)) {
      rejected.push(
        rejection(
          { ...c.where, id: c.code, field: 'code' },
          { zh: '文件内编码重复', en: 'duplicate code in the file' },
        ),
      );
      return false;
    }
    seen.add(c.code);
    return true;
  });
  const parents = [
    ...new Set(
      unique.map((c) => c.parentCode).filter((p): p is string => p !== null && !seen.has(p)),
    ),
  ];
  const known = new Set((await divisionRepository.findManyByCode(db, parents)).map((d) => d.code));
  const accepted = unique.filter((c) => {
    if (c.parentCode === null || seen.has(c.parentCode) || known.has(c.parentCode)) return true;
    rejected.push(
      rejection(
        { ...c.where, id: c.code, field: 'code' },
        { zh: `上级区划 ${c.parentCode} 不存在`, en: `parent division ${c.parentCode} is unknown` },
      ),
    );
    return false;
  });
  // Parents are written before children; a refused parent takes its children with it.
  const acceptedCodes = new Set(accepted.map((c) => c.code));
  const writable = accepted.filter((c) => {
    if (c.parentCode === null || !seen.has(c.parentCode) || acceptedCodes.has(c.parentCode))
      return true;
    rejected.push(
      rejection(
        { ...c.where, id: c.code, field: 'code' },
        {
          zh: `上级区划 ${c.parentCode} 被拒绝`,
          en: `parent division ${c.parentCode} was refused`,
        },
      ),
    );
    return false;
  });
  writable.sort((a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code));
  if (!input.dryRun && writable.length > 0) {
    const now = ctx.clock.now();
    await inTransaction(ctx, async (trx) => {
      await divisionRepository.upsertMany(trx, writable, now);
      await audit(trx, {
        actor,
        at: now,
        action: 'import',
        entity: 'division',
        entityId: null,
        detail: {
          fileName: input.fileName ?? null,
          imported: writable.length,
          rejected: rejected.length,
        },
      });
    });
  }
  return {
    total: count,
    imported: input.dryRun ? 0 : writable.length,
    rejected,
    dryRun: input.dryRun ?? false,
  };
}

/** Divisions under a parent (or of a level), filtered to the actor's region. */
export async function listDivisions(
  ctx: AppContext,
  actor: Actor,
  filter: { parentCode?: string; level?: DivisionRow['level']; withOutline?: boolean },
) {
  const scope = actor.scope.kind === 'region' ? actor.scope.divisionCode : undefined;
  const rows = await divisionRepository.list(ctx.db.kysely, {
    ...filter,
    ...(scope ? { prefix: scope.slice(0, 6) } : {}),
  });
  // A street user sees its district and its own street, not the sibling streets.
  return scope
    ? rows.filter((row) => row.code.startsWith(scope) || scope.startsWith(row.code))
    : rows;
}

export async function getDivision(
  ctx: AppContext,
  actor: Actor,
  code: string,
): Promise<DivisionRow> {
  const row = await divisionRepository.findByCode(ctx.db.kysely, code);
  if (!row) throw notFound({ zh: '行政区划', en: 'Division' }, code);
  if (
    actor.scope.kind === 'region' &&
    !(
      row.code.startsWith(actor.scope.divisionCode) || actor.scope.divisionCode.startsWith(row.code)
    )
  ) {
    throw notFound({ zh: '行政区划', en: 'Division' }, code);
  }
  return row;
}
