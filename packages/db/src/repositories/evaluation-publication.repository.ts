import type { Executor } from './executor';

export type EvaluationPublicationRow = {
  period: string;
  kind: 'month' | 'quarter' | 'year' | 'custom';
  period_from: Date;
  period_to: Date;
  region_code: string | null;
  snapshot: Record<string, unknown>;
  published_at: Date;
  published_by: number | null;
  publisher_name: string | null;
};

export type EvaluationPublicationInput = {
  period: string;
  kind: EvaluationPublicationRow['kind'];
  from: Date;
  to: Date;
  regionCode: string | null;
  snapshot: Record<string, unknown>;
  publishedAt: Date;
  publishedBy: number | null;
};

const COLUMNS = [
  'p.period',
  'p.kind',
  'p.period_from',
  'p.period_to',
  'p.region_code',
  'p.snapshot',
  'p.published_at',
  'p.published_by',
  'u.display_name as publisher_name',
] as const;

/** Published evaluation results (定期发布), one row per period. */
export const evaluationPublicationRepository = {
  /** Every publication, newest period first. */
  async list(db: Executor): Promise<EvaluationPublicationRow[]> {
    return db
      .selectFrom('evaluation_publications as p')
      .leftJoin('users as u', 'u.id', 'p.published_by')
      .select(COLUMNS)
      .orderBy('p.period_from', 'desc')
      .orderBy('p.period_to', 'desc')
      .execute();
  },

  async find(db: Executor, period: string): Promise<EvaluationPublicationRow | null> {
    const row = await db
      .selectFrom('evaluation_publications as p')
      .leftJoin('users as u', 'u.id', 'p.published_by')
      .select(COLUMNS)
      .where('p.period', '=', period)
      .executeTakeFirst();
    return row ?? null;
  },

  /** Locks the period's row (if any) for a replace or withdrawal in the same transaction. */
  async lock(db: Executor, period: string): Promise<{ region_code: string | null } | null> {
    const row = await db
      .selectFrom('evaluation_publications')
      .select('region_code')
      .where('period', '=', period)
      .forUpdate()
      .executeTakeFirst();
    return row ?? null;
  },

  /** Stores the period's publication, replacing an earlier one of the same period. */
  async upsert(db: Executor, input: EvaluationPublicationInput): Promise<void> {
    const values = {
      kind: input.kind,
      period_from: input.from,
      period_to: input.to,
      region_code: input.regionCode,
      snapshot: JSON.stringify(input.snapshot),
      published_at: input.publishedAt,
      published_by: input.publishedBy,
    };
    await db
      .insertInto('evaluation_publications')
      .values({ period: input.period, ...values })
      .onConflict((oc) => oc.column('period').doUpdateSet(values))
      .execute();
  },

  async remove(db: Executor, period: string): Promise<boolean> {
    const result = await db
      .deleteFrom('evaluation_publications')
      .where('period', '=', period)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },
};
