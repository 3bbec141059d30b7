import type { LocalizedText } from '../errors/app-error';
import { parseCsv } from '../catalogue/csv';
import { textOf } from '../text';
import { parseComponentId, type ComponentStandard } from './component-id';
import { parseComponentStatus, type ComponentStatus } from './component-status';
import { isUnifiedSocialCreditCode } from './credit-code';

export type ComponentInput = {
  line?: number;
  featureIndex?: number;
  id: string;
  name: string;
  classCode: string;
  standard: ComponentStandard;
  status: ComponentStatus;
  lng: number;
  lat: number;
  competentUnitCode?: string;
  competentUnitName?: string;
  ownerUnit?: string;
  maintenanceUnit?: string;
  surveyDate?: string;
  changeDate?: string;
  dataSource?: string;
  note?: string;
};

export type ComponentRejection = {
  line?: number;
  featureIndex?: number;
  id?: string;
  field: string;
  reason: LocalizedText;
};
export type ComponentParseResult = { rows: ComponentInput[]; rejected: ComponentRejection[] };

export const COMPONENT_COLUMNS = [
  'id',
  'name',
  'class_code',
  'status',
  'lng',
  'lat',
  'competent_unit_code',
  'competent_unit_name',
  'owner_unit',
  'maintenance_unit',
  'survey_date',
  'change_date',
  'data_source',
  'note',
] as const;
const REQUIRED = ['id', 'class_code', 'status', 'lng', 'lat'] as const;

function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

type Where = { line?: number; featureIndex?: number };

/** Validates one record given as column → text; returns the row or the first problem. */
function validate(
  where: Where,
  record: Record<string, string>,
): ComponentInput | ComponentRejection {
  const get = (column: string) => (record[column] ?? '').trim();
  const id = get('id');
  const fail = (field: string, zh: string, en: string): ComponentRejection => ({
    ...where,
    ...(id ? { id } : {}),
    field,
    reason: { zh, en },
  });
  for (const column of REQUIRED)
    if (!get(column)) return fail(column, `缺少 ${column}`, `${column} is required`);
  const parsedId = parseComponentId(id);
  if (!parsedId.ok) return { ...where, id, field: 'id', reason: parsedId.reason };
  const classCode = get('class_code');
  if (classCode !== parsedId.classCode)
    return fail(
      'class_code',
      `类别代码 ${classCode} 与编码中的 ${parsedId.classCode} 不符`,
      `class_code ${classCode} differs from ${parsedId.classCode} in the ID`,
    );
  const status = parseComponentStatus(get('status'));
  if (!status)
    return fail(
      'status',
      `状态 ${get('status')} 无效（完好/破损/丢失/废弃/移除）`,
      `status "${get('status')}" is not one of intact, damaged, lost, scrapped, removed`,
    );
  const lng = Number(get('lng'));
  const lat = Number(get('lat'));
  if (!Number.isFinite(lng) || lng < -180 || lng > 180)
    return fail('lng', '经度无效', 'longitude must be a number between -180 and 180');
  if (!Number.isFinite(lat) || lat < -90 || lat > 90)
    return fail('lat', '纬度无效', 'latitude must be a number between -90 and 90');
  const credit = get('competent_unit_code');
  if (credit && !isUnifiedSocialCreditCode(credit))
    return fail(
      'competent_unit_code',
      '主管部门代码不是有效的统一社会信用代码',
      'not a valid 18-character unified social credit code',
    );
  for (const column of ['survey_date', 'change_date']) {
    const value = get(column);
    if (value && !isRealDate(value))
      return fail(
        column,
        `日期 ${value} 无效（YYYY-MM-DD）`,
        `"${value}" is not a real YYYY-MM-DD date`,
      );
  }
  const optional = (column: string) => (get(column) ? get(column) : undefined);
  const row: ComponentInput = {
    ...where,
    id,
    name: get('name') || id,
    classCode,
    standard: parsedId.standard,
    status,
    lng,
    lat,
  };
  const extras: [keyof ComponentInput, string][] = [
    ['competentUnitCode', 'competent_unit_code'],
    ['competentUnitName', 'competent_unit_name'],
    ['ownerUnit', 'owner_unit'],
    ['maintenanceUnit', 'maintenance_unit'],
    ['surveyDate', 'survey_date'],
    ['changeDate', 'change_date'],
    ['dataSource', 'data_source'],
    ['note', 'note'],
  ];
  for (const [key, column] of extras) {
    const value = optional(column);
    if (value !== undefined) (row as Record<string, unknown>)[key] = value;
  }
  return row;
}

function collect(
  records: { where: Where; record: Record<string, string> }[],
): ComponentParseResult {
  const rows: ComponentInput[] = [];
  const rejected: ComponentRejection[] = [];
  const seen = new Map<string, Where>();
  for (const { where, record } of records) {
    const result = validate(where, record);
    if ('reason' in result) {
      rejected.push(result);
      continue;
    }
    const first = seen.get(result.id);
    if (first) {
      const at = first.line !== undefined ? `line ${first.line}` : `feature ${first.featureIndex}`;
      rejected.push({
        ...where,
        id: result.id,
        field: 'id',
        reason: { zh: `编码与 ${at} 重复`, en: `duplicate ID (first at ${at})` },
      });
      continue;
    }
    seen.set(result.id, where);
    rows.push(result);
  }
  return { rows, rejected };
}

/**
 * Parses a component CSV. Columns (any order): id, class_code, status, lng, lat required;
 * name, competent_unit_code, competent_unit_name, owner_unit, maintenance_unit, survey_date,
 * change_date, data_source, note optional. An unknown column refuses the whole file.
 */
export function parseComponentCsv(text: string): ComponentParseResult {
  const { header, rows } = parseCsv(text);
  const unknown = header.filter((h) => !(COMPONENT_COLUMNS as readonly string[]).includes(h));
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (unknown.length > 0 || missing.length > 0) {
    return {
      rows: [],
      rejected: [
        {
          line: 1,
          field: 'header',
          reason: {
            zh: `表头错误：${unknown.length ? `未知列 ${unknown.join('、')}` : ''}${missing.length ? ` 缺少列 ${missing.join('、')}` : ''}`,
            en: `bad header:${unknown.length ? ` unknown columns ${unknown.join(', ')}` : ''}${missing.length ? ` missing columns ${missing.join(', ')}` : ''}`,
          },
        },
      ],
    };
  }
  return collect(
    rows.map((row) => ({
      where: { line: row.line },
      record: Object.fromEntries(header.map((h, i) => [h, row.values[i] ?? ''])),
    })),
  );
}

/** Parses a GeoJSON FeatureCollection of Point features whose properties use the CSV column names. */
export function parseComponentGeoJson(value: unknown): ComponentParseResult {
  const features = (value as { type?: unknown; features?: unknown })?.features;
  if ((value as { type?: unknown })?.type !== 'FeatureCollection' || !Array.isArray(features)) {
    return {
      rows: [],
      rejected: [
        {
          field: 'file',
          reason: {
            zh: '须为 GeoJSON FeatureCollection',
            en: 'must be a GeoJSON FeatureCollection',
          },
        },
      ],
    };
  }
  const records: { where: Where; record: Record<string, string> }[] = [];
  const rejected: ComponentRejection[] = [];
  (
    features as {
      properties?: Record<string, unknown> | null;
      geometry?: { type?: unknown; coordinates?: unknown } | null;
    }[]
  ).forEach((feature, featureIndex) => {
    const coordinates = feature.geometry?.coordinates;
    if (
      feature.geometry?.type !== 'Point' ||
      !Array.isArray(coordinates) ||
      coordinates.length < 2
    ) {
      rejected.push({
        featureIndex,
        field: 'geometry',
        reason: { zh: '几何须为 Point', en: 'geometry must be a Point' },
      });
      return;
    }
    const record: Record<string, string> = {};
    for (const [key, v] of Object.entries(feature.properties ?? {})) record[key] = textOf(v);
    record.lng = String(coordinates[0]);
    record.lat = String(coordinates[1]);
    records.push({ where: { featureIndex }, record });
  });
  const result = collect(records);
  return { rows: result.rows, rejected: [...rejected, ...result.rejected] };
}
