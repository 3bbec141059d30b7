import {
  divisionRepository,
  evaluationPublicationRepository,
  type EvaluationPublicationRow,
} from '@xiuhua/db';
import {
  EVALUATION_OBJECT_KINDS,
  EVALUATION_OBJECT_LABELS,
  forbidden,
  invalidInput,
  notFound,
  parsePeriod,
  regionFilter,
  requireAnyRole,
  type Actor,
  type EvaluationObjectType,
  type EvaluationPeriod,
  type LocalizedText,
  type Role,
} from '@xiuhua/domain';
import { inTransaction, type AppContext } from '../context';
import { audit } from '../shared/audit';
import { evaluate } from './evaluation.queries';

/** Who publishes (and withdraws) evaluation results. */
const PUBLISHERS: readonly Role[] = ['admin', 'commander'];

/** Published unless the publisher chooses otherwise: streets and first-level departments. */
export const DEFAULT_PUBLISHED_TYPES: readonly EvaluationObjectType[] = [
  'street',
  'department_first',
];

/** One object as published: nothing but its name, rank, score and grade. */
export type PublishedRow = {
  /** null for a position holder unless the publisher chose to publish names. */
  name: string | null;
  rank: number | null;
  score: number | null;
  grade: { grade: string; label: LocalizedText } | null;
};

export type PublishedSection = {
  objectType: EvaluationObjectType;
  label: LocalizedText;
  /** Whether person names are shown (positions only; always true for regions and departments). */
  names: boolean;
  rows: PublishedRow[];
};

export type EvaluationPublication = {
  period: EvaluationPeriod;
  /** The publisher's region (null: the whole city): the results cover only this region. */
  region: { code: string; name: string } | null;
  sections: PublishedSection[];
  publishedAt: Date;
  publishedBy: { id: number; name: string } | null;
};

export type PublishInput = {
  period: string;
  from?: string;
  to?: string;
  objectTypes?: readonly EvaluationObjectType[];
  /** Publish position holders' names (default false: positions are listed without names). */
  personNames?: boolean;
};

type Snapshot = {
  region: { code: string; name: string } | null;
  sections: PublishedSection[];
};

function toPublication(row: EvaluationPublicationRow): EvaluationPublication {
  const snapshot = row.snapshot as unknown as Snapshot;
  return {
    period: { kind: row.kind, label: row.period, from: row.period_from, to: row.period_to },
    region: snapshot.region,
    sections: snapshot.sections,
    publishedAt: row.published_at,
    publishedBy:
      row.published_by === null
        ? null
        : { id: row.published_by, name: row.publisher_name ?? String(row.published_by) },
  };
}

/**
 * A region-scoped publisher may replace or withdraw only a publication of their own region (or
 * one within it): a district commander must not overwrite the city's results with a district's.
 */
function requireCovers(actor: Actor, existing: { region_code: string | null } | null): void {
  const own = regionFilter(actor);
  if (!existing || !own) return;
  if (existing.region_code === null || !existing.region_code.startsWith(own))
    throw forbidden({
      zh: '该期评价结果由更大范围的用户发布，不能替换或撤回',
      en: 'this period was published for a wider region; you cannot replace or withdraw it',
    });
}

function requirePublisher(actor: Actor): void {
  requireAnyRole(actor, PUBLISHERS);
  if (actor.scope.kind === 'department')
    throw forbidden({ zh: '部门用户不能发布评价结果', en: 'departments cannot publish results' });
}

/**
 * Publishes a period's evaluation results (定期发布评价结果): each chosen object type is
 * evaluated as by `evaluate` (the publisher's region scope applies) and only names, ranks,
 * scores and grades are kept. Publishing a period again replaces it. Only a period that has
 * ended may be published — on-time numbers settle as deadlines pass.
 */
export async function publishEvaluation(
  ctx: AppContext,
  actor: Actor,
  input: PublishInput,
): Promise<EvaluationPublication> {
  requirePublisher(actor);
  const period = parsePeriod(input);
  const now = ctx.clock.now();
  if (period.to.getTime() > now.getTime())
    throw invalidInput('period', {
      zh: '该期间尚未结束，结束后才能发布',
      en: 'the period has not ended yet; publish it once it has',
    });
  const types = [...new Set(input.objectTypes ?? DEFAULT_PUBLISHED_TYPES)];
  if (types.length === 0)
    throw invalidInput('objectTypes', { zh: '请至少选择一类评价对象', en: 'choose at least one' });
  const personNames = input.personNames ?? false;
  const sections: PublishedSection[] = [];
  for (const objectType of types) {
    const evaluation = await evaluate(ctx, actor, {
      objectType,
      period: input.period,
      ...(input.from !== undefined ? { from: input.from } : {}),
      ...(input.to !== undefined ? { to: input.to } : {}),
    });
    const names = EVALUATION_OBJECT_KINDS[objectType] !== 'position' || personNames;
    sections.push({
      objectType,
      label: EVALUATION_OBJECT_LABELS[objectType],
      names,
      rows: evaluation.rows.map((r) => ({
        name: names ? r.name : null,
        rank: r.rank,
        score: r.result.score,
        grade: r.result.grade ? { grade: r.result.grade.grade, label: r.result.grade.label } : null,
      })),
    });
  }
  const own = regionFilter(actor);
  const division = own ? await divisionRepository.findByCode(ctx.db.kysely, own) : undefined;
  const snapshot: Snapshot = {
    region: own ? { code: own, name: division?.name ?? own } : null,
    sections,
  };
  const publishedBy = actor.via === 'system' ? null : actor.userId;
  await inTransaction(ctx, async (trx) => {
    const existing = await evaluationPublicationRepository.lock(trx, period.label);
    requireCovers(actor, existing);
    await evaluationPublicationRepository.upsert(trx, {
      period: period.label,
      kind: period.kind,
      from: period.from,
      to: period.to,
      regionCode: own ?? null,
      snapshot,
      publishedAt: now,
      publishedBy,
    });
    await audit(trx, {
      actor,
      at: now,
      action: existing ? 'republish' : 'publish',
      entity: 'evaluation_publication',
      entityId: period.label,
      detail: { objectTypes: types, personNames, region: own ?? null },
    });
  });
  return {
    period,
    region: snapshot.region,
    sections,
    publishedAt: now,
    publishedBy: publishedBy === null ? null : { id: publishedBy, name: actor.displayName },
  };
}

/** Withdraws a period's published results (撤回); the withdrawn snapshot stays in the audit log. */
export async function withdrawEvaluationPublication(
  ctx: AppContext,
  actor: Actor,
  period: string,
): Promise<void> {
  requirePublisher(actor);
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    const locked = await evaluationPublicationRepository.lock(trx, period);
    const existing = locked ? await evaluationPublicationRepository.find(trx, period) : null;
    if (!existing) throw notFound({ zh: '已发布的评价结果', en: 'published results' }, period);
    requireCovers(actor, existing);
    await evaluationPublicationRepository.remove(trx, period);
    await audit(trx, {
      actor,
      at: now,
      action: 'withdraw',
      entity: 'evaluation_publication',
      entityId: period,
      detail: { snapshot: existing.snapshot },
    });
  });
}

/** Every published period with its results, newest first (staff and the public alike). */
export async function listEvaluationPublications(
  ctx: AppContext,
): Promise<EvaluationPublication[]> {
  return (await evaluationPublicationRepository.list(ctx.db.kysely)).map(toPublication);
}

/** One published period; 404 unless it is published. */
export async function evaluationPublication(
  ctx: AppContext,
  period: string,
): Promise<EvaluationPublication> {
  const row = await evaluationPublicationRepository.find(ctx.db.kysely, period);
  if (!row) throw notFound({ zh: '已发布的评价结果', en: 'published results' }, period);
  return toPublication(row);
}
