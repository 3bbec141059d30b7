import {
  divisionRepository,
  evaluationFactRepository,
  organisationRepository,
  userRepository,
  type FactGrouping,
  type FactWindow,
  type OrganisationRow,
} from '@xiuhua/db';
import {
  DEFAULT_SCHEME,
  EVALUATION_OBJECT_KINDS,
  EVALUATION_OBJECT_TYPES,
  forbidden,
  invalidInput,
  isIndicatorName,
  parsePeriod,
  regionFilter,
  requireAnyRole,
  scoreAndRank,
  type Actor,
  type Counts,
  type EvaluationObjectType,
  type EvaluationPeriod,
  type EvaluationScheme,
  type Ranked,
  type Role,
  type ScoreResult,
} from '@xiuhua/domain';
import { inTransaction, type AppContext } from '../context';
import { addValues, countsFromValues } from './fact-counts';
import { indicatorPlan, indicatorSource } from './indicator-sources';

/** Who reads evaluations; departments read only their own (and their units'). */
const READERS: readonly Role[] = [
  'commander',
  'leader',
  'admin',
  'shift_leader',
  'dispatcher',
  'operator',
  'department_handler',
];

export type EvaluationQuery = {
  objectType: EvaluationObjectType;
  period: string;
  from?: string;
  to?: string;
  /** Only objects within this division (a street's communities, …). */
  region?: string;
};

export type EvaluationRow = Ranked<{ id: string; result: ScoreResult }> & {
  name: string;
  counts: Counts;
};

export type Evaluation = {
  objectType: EvaluationObjectType;
  period: EvaluationPeriod;
  asOf: Date;
  rows: EvaluationRow[];
};

type ObjectList = { id: string; name: string; members: string[] }[];

const GROUPING: Record<EvaluationObjectType, FactGrouping> = {
  district: 'district',
  street: 'street',
  community: 'community',
  grid: 'grid',
  department_first: 'department',
  department_second: 'department',
  supervisor: 'actor',
  operator: 'actor',
  shift_leader: 'actor',
  dispatcher: 'actor',
};

/** The scheme in force: the city's stored one, or the built-in default. */
export async function evaluationScheme(ctx: AppContext): Promise<EvaluationScheme> {
  const stored = await evaluationFactRepository.scheme(ctx.db.kysely);
  return stored ? (stored as unknown as EvaluationScheme) : DEFAULT_SCHEME;
}

function regionPrefix(actor: Actor, region: string | undefined): string | undefined {
  const own = regionFilter(actor);
  if (region && own && !region.startsWith(own) && !own.startsWith(region))
    throw forbidden({ zh: '无权查看该区域的评价', en: 'outside your region' });
  if (!region) return own;
  if (!own) return region;
  return region.length >= own.length ? region : own;
}

/** The departments a department user may see: their own organisation and its units. */
async function visibleDepartments(ctx: AppContext, actor: Actor): Promise<Set<number> | null> {
  if (actor.scope.kind !== 'department') return null;
  return new Set(
    await organisationRepository.withChildren(ctx.db.kysely, actor.scope.organisationId),
  );
}

/** The objects of a type, each with the fact keys it sums (a first-level department and its units). */
async function objectsOf(
  ctx: AppContext,
  actor: Actor,
  objectType: EvaluationObjectType,
  prefix: string | undefined,
  keys: readonly string[],
): Promise<ObjectList> {
  const db = ctx.db.kysely;
  const kind = EVALUATION_OBJECT_KINDS[objectType];
  if (kind === 'region') {
    if (objectType === 'grid')
      return [...new Set(keys)]
        .filter((k) => !prefix || k.startsWith(prefix))
        .sort()
        .map((code) => ({ id: code, name: code, members: [code] }));
    const level = objectType as 'district' | 'street' | 'community';
    const rows = await divisionRepository.list(db, { level, ...(prefix ? { prefix } : {}) });
    return rows.map((d) => ({ id: d.code, name: d.name, members: [d.code] }));
  }
  if (kind === 'department') {
    const visible = await visibleDepartments(ctx, actor);
    const all = (await organisationRepository.list(db, { kind: 'department' })).filter(
      (o) => o.active,
    );
    const childrenOf = (o: OrganisationRow) =>
      all.filter((c) => c.parent_id === o.id).map((c) => String(c.id));
    const level = objectType === 'department_first' ? 'first' : 'second';
    return all
      .filter((o) => o.level === level && (!visible || visible.has(o.id)))
      .map((o) => ({
        id: String(o.id),
        name: o.name,
        members: level === 'first' ? [String(o.id), ...childrenOf(o)] : [String(o.id)],
      }));
  }
  const { rows } = await userRepository.list(db, {
    role: objectType,
    ...(prefix ? { regionPrefix: prefix } : {}),
    limit: 10_000,
    offset: 0,
  });
  return rows.map((u) => ({ id: String(u.id), name: u.display_name, members: [String(u.id)] }));
}

function windowOf(ctx: AppContext, query: EvaluationQuery) {
  const period = parsePeriod(query);
  const window: FactWindow = { from: period.from, to: period.to, asOf: ctx.clock.now() };
  return { period, window };
}

function authorize(actor: Actor, objectType: EvaluationObjectType) {
  requireAnyRole(actor, READERS);
  if (actor.scope.kind === 'department' && EVALUATION_OBJECT_KINDS[objectType] !== 'department')
    throw forbidden({
      zh: '部门只能查看部门评价',
      en: 'departments see department evaluations only',
    });
}

/**
 * Scores and ranks every object of a type for a period with the scheme in force. Numbers come
 * from the indicator facts (kept current with each case change), summed in the database.
 */
export async function evaluate(
  ctx: AppContext,
  actor: Actor,
  query: EvaluationQuery,
): Promise<Evaluation> {
  authorize(actor, query.objectType);
  const { period, window } = windowOf(ctx, query);
  const grouping = GROUPING[query.objectType];
  const prefix = regionPrefix(actor, query.region);
  const kind = EVALUATION_OBJECT_KINDS[query.objectType];
  const forDepartment = kind === 'department';
  const plan = indicatorPlan(forDepartment);
  const rows = await inTransaction(ctx, async (trx) => {
    await evaluationFactRepository.allowLargeAggregates(trx);
    return evaluationFactRepository.measures(
      trx,
      grouping,
      window,
      {
        ...(kind === 'position' ? { position: query.objectType } : {}),
        ...(prefix ? { regionPrefix: prefix } : {}),
      },
      plan.specs,
    );
  });
  const byKey = new Map(rows.map((r) => [r.key, r.values]));
  const objects = await objectsOf(ctx, actor, query.objectType, prefix, [...byKey.keys()]);
  const evaluated = objects.map((o) => ({
    ...o,
    counts: countsFromValues(addValues(o.members.map((m) => byKey.get(m))), plan),
  }));
  const scheme = await evaluationScheme(ctx);
  const ranked = scoreAndRank({
    objectType: query.objectType,
    scheme,
    objects: evaluated.map((o) => ({ id: o.id, counts: o.counts })),
  });
  const info = new Map(evaluated.map((o) => [o.id, o]));
  return {
    objectType: query.objectType,
    period,
    asOf: window.asOf,
    rows: ranked.map((r) => ({
      ...r,
      name: info.get(r.id)?.name ?? r.id,
      counts: info.get(r.id)?.counts ?? countsFromValues(undefined, plan),
    })),
  };
}

export type DrillQuery = EvaluationQuery & {
  id: string;
  indicator: string;
  page: number;
  pageSize: number;
};

/**
 * The facts behind one number of an evaluation: one row per counted fact (so the list is as long
 * as the number), each naming its case.
 */
export async function drillDown(ctx: AppContext, actor: Actor, query: DrillQuery) {
  authorize(actor, query.objectType);
  if (!isIndicatorName(query.indicator))
    throw invalidInput('indicator', { zh: '未知的指标', en: 'unknown indicator' });
  const { period, window } = windowOf(ctx, query);
  const kind = EVALUATION_OBJECT_KINDS[query.objectType];
  const prefix = regionPrefix(actor, query.region);
  const objects = await objectsOf(ctx, actor, query.objectType, prefix, [query.id]);
  const object = objects.find((o) => o.id === query.id);
  if (!object)
    throw invalidInput('id', { zh: '不在可查看的评价对象中', en: 'not an object you may see' });
  const source = indicatorSource(query.indicator, kind === 'department');
  const measure = source.measure;
  const filter = {
    ...(kind === 'position' ? { position: query.objectType } : {}),
    ...(prefix ? { regionPrefix: prefix } : {}),
    ...(measure === 'onTime' ? { onTime: true } : {}),
    ...(measure === 'finished' ? { finished: true } : {}),
    ...(measure === 'open' ? { finished: false } : {}),
    ...(measure === 'held' ? { held: true } : {}),
    ...(measure === 'heldFinished' ? { held: true, finished: true } : {}),
    ...(measure === 'heldOnTime' ? { held: true, onTime: true } : {}),
    ...(measure === 'cases' ? { distinct: true } : {}),
  };
  const result = await evaluationFactRepository.facts(
    ctx.db.kysely,
    GROUPING[query.objectType],
    object.members,
    source.kind,
    window,
    filter,
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  const numbers = await evaluationFactRepository.caseNumbers(
    ctx.db.kysely,
    result.rows.map((r) => r.caseId),
  );
  return {
    period,
    indicator: query.indicator,
    total: result.total,
    items: result.rows.map((r) => ({ ...r, caseNumber: numbers.get(r.caseId) ?? '' })),
  };
}

/**
 * The monthly (or any period's) evaluation report: every object type the user may read, each
 * evaluated as by `evaluate` — one sheet each in the Excel report.
 */
export async function evaluationReport(
  ctx: AppContext,
  actor: Actor,
  query: Omit<EvaluationQuery, 'objectType'>,
): Promise<Evaluation[]> {
  const types = EVALUATION_OBJECT_TYPES.filter(
    (t) => actor.scope.kind !== 'department' || EVALUATION_OBJECT_KINDS[t] === 'department',
  );
  const reports: Evaluation[] = [];
  for (const objectType of types)
    reports.push(await evaluate(ctx, actor, { ...query, objectType }));
  return reports;
}
