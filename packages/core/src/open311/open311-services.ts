import {
  catalogueRepository,
  publicCaseRepository,
  type CaseClassRow,
  type ClassRuleRow,
} from '@xiuhua/db';
import { AppError, invalidInput, notFound, type ServiceAttribute } from '@xiuhua/domain';
import type { AppContext } from '../context';

export type Open311Service = {
  code: string;
  name: string;
  description: string;
  keywords: string[];
  group: string;
};

export type Open311Definition = {
  service: Open311Service;
  classRow: CaseClassRow;
  attributes: ServiceAttribute[];
  /** The condition used when the definition offers only one. */
  defaultCondition: string;
};

const KIND_LETTER: Record<CaseClassRow['kind'], string> = {
  component: 'C',
  matter: 'M',
  event: 'E',
};
const KIND_NAME: Record<CaseClassRow['kind'], string> = {
  component: '部件',
  matter: '事件',
  event: '事件',
};
const OFFERED_STANDARDS: readonly CaseClassRow['standard'][] = ['GB/T 47678.5-2026', 'local'];

/**
 * Service codes: the class code with a letter for its kind (C component, M matter/event; E for
 * local event classes), because component and event classes share numeric codes. Local classes
 * carry an L in front.
 */
export function serviceCodeOf(row: Pick<CaseClassRow, 'standard' | 'kind' | 'code'>): string {
  return `${row.standard === 'local' ? 'L' : ''}${KIND_LETTER[row.kind]}${row.code}`;
}

function toService(row: CaseClassRow): Open311Service {
  const kind = KIND_NAME[row.kind];
  return {
    code: serviceCodeOf(row),
    name: row.name,
    description: `${kind} · ${row.big_name} · ${row.name}（${row.standard} ${row.code}）`,
    keywords: [row.name, row.big_name, kind],
    group: `${kind} · ${row.big_name}`,
  };
}

async function offeredClasses(ctx: AppContext): Promise<CaseClassRow[]> {
  const rows = await catalogueRepository.list(ctx.db.kysely, { activeOnly: true });
  return rows.filter((r) => OFFERED_STANDARDS.includes(r.standard));
}

/** Every active class of the current standard (and local classes), grouped by big class. */
export async function listOpen311Services(ctx: AppContext): Promise<Open311Service[]> {
  return (await offeredClasses(ctx)).map(toService);
}

/** On-site situations a reporter may tick (an extra question on every service). */
const SITUATIONS = [
  { key: 'blocking', name: '影响通行 / blocks the way' },
  { key: 'hazard', name: '存在安全隐患 / a safety hazard' },
  { key: 'recurring', name: '反复出现 / keeps coming back' },
  { key: 'night', name: '夜间出现 / happens at night' },
];

function attributesFor(row: CaseClassRow, rules: readonly ClassRuleRow[]): ServiceAttribute[] {
  const conditions = new Map<string, string>();
  for (const rule of rules)
    if (!conditions.has(rule.condition_code))
      conditions.set(rule.condition_code, rule.filing_condition);
  const attributes: ServiceAttribute[] = [];
  const choices = [...conditions.entries()].map(([key, name]) => ({ key, name }));
  if (choices.length > 1) {
    attributes.push({
      variable: true,
      code: 'condition',
      datatype: 'singlevaluelist',
      required: true,
      datatypeDescription: null,
      order: 1,
      description: '问题情形（立案条件） / Which situation (filing condition)',
      values: choices,
    });
  } else {
    attributes.push({
      variable: false,
      code: 'condition',
      datatype: 'string',
      required: false,
      datatypeDescription: null,
      order: 1,
      description: `立案条件 / Filing condition: ${choices[0]?.name ?? row.name}`,
      values: [],
    });
  }
  if (row.kind === 'component') {
    attributes.push({
      variable: true,
      code: 'component_id',
      datatype: 'string',
      required: false,
      datatypeDescription: '16 或 17 位部件编号 / 16- or 17-digit component ID',
      order: 2,
      description: '部件编号（铭牌上的编号，可不填） / Component ID from its plate, if visible',
      values: [],
    });
  }
  attributes.push({
    variable: true,
    code: 'situation',
    datatype: 'multivaluelist',
    required: false,
    datatypeDescription: null,
    order: attributes.length + 1,
    description: '现场情况（可多选） / On-site situation (any that apply)',
    values: SITUATIONS,
  });
  return attributes;
}

export function parseServiceCode(
  code: string,
): { standard: CaseClassRow['standard']; kind: CaseClassRow['kind']; code: string } | null {
  const match = /^(L?)([CME])(\d{4,5})$/.exec(code);
  if (!match) return null;
  const kind = (Object.entries(KIND_LETTER).find(([, l]) => l === match[2])?.[0] ??
    'matter') as CaseClassRow['kind'];
  return {
    standard: match[1] ? 'local' : 'GB/T 47678.5-2026',
    kind,
    code: match[3] as string,
  };
}

/** The definition of one service; unknown or inactive codes are 404. */
export async function open311Definition(
  ctx: AppContext,
  serviceCode: string,
): Promise<Open311Definition> {
  const parsed = parseServiceCode(serviceCode);
  const db = ctx.db.kysely;
  const rows = parsed ? await catalogueRepository.findByCode(db, parsed) : [];
  const row = rows.find((r) => r.active);
  if (!row)
    throw new AppError({
      code: 'NOT_FOUND',
      text: { zh: `未找到服务：${serviceCode}`, en: `No such service: ${serviceCode}` },
      details: [{ field: 'service_code', reason: `unknown service code ${serviceCode}` }],
    });
  const rules = await catalogueRepository.rules(db, [row.id]);
  const attributes = attributesFor(row, rules);
  return {
    service: toService(row),
    classRow: row,
    attributes,
    defaultCondition: rules.some((r) => r.condition_code === 'default')
      ? 'default'
      : (rules[0]?.condition_code ?? 'default'),
  };
}

/**
 * The district a request is about. With grids of one district, jurisdiction_id is optional (and
 * must name that district when given); with several, it is required.
 */
export async function resolveJurisdiction(
  ctx: AppContext,
  jurisdictionId: string | undefined,
): Promise<string | undefined> {
  const districts = await publicCaseRepository.districtsWithGrids(ctx.db.kysely);
  if (jurisdictionId === undefined) {
    if (districts.length > 1)
      throw invalidInput('jurisdiction_id', {
        zh: `本服务有多个辖区，须指定 jurisdiction_id（${districts.join('、')}）`,
        en: `this server hosts several jurisdictions; send jurisdiction_id (${districts.join(', ')})`,
      });
    return undefined;
  }
  if (!districts.includes(jurisdictionId))
    throw notFound({ zh: '辖区', en: 'jurisdiction_id' }, jurisdictionId);
  return jurisdictionId;
}

/** The time of the last change, for discovery's changeset. */
export async function open311Changeset(ctx: AppContext): Promise<Date> {
  return (await publicCaseRepository.lastChange(ctx.db.kysely)) ?? ctx.clock.now();
}
