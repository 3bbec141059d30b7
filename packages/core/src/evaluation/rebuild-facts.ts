import { evaluationFactRepository } from '@xiuhua/db';
import { inTransaction, type AppContext } from '../context';
import { refreshCaseFacts } from './case-facts';

/**
 * Recomputes every case's indicator facts from its action log, in batches of cases, each batch
 * one transaction. The facts are a pure function of the log, so this changes nothing unless the
 * derivation itself changed (after an upgrade) — which is how a past period stays reproducible.
 */
export async function rebuildEvaluationFacts(
  ctx: AppContext,
  options: { batchSize?: number } = {},
): Promise<{ cases: number }> {
  const batchSize = options.batchSize ?? 500;
  let after = 0;
  let cases = 0;
  for (;;) {
    const ids = await evaluationFactRepository.caseIdsAfter(ctx.db.kysely, after, batchSize);
    if (ids.length === 0) return { cases };
    await inTransaction(ctx, async (trx) => {
      for (const id of ids) await refreshCaseFacts(trx, id);
    });
    cases += ids.length;
    after = ids[ids.length - 1] ?? after;
  }
}
