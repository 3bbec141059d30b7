import { evaluationMonthSumRepository } from '@xiuhua/db';
import { inTransaction, type AppContext } from '../context';

/**
 * Folds the indicator-fact deltas written since the last fold into the monthly sums, in one
 * transaction (evaluations read sums and deltas together, so they are exact before and after).
 */
export async function foldEvaluationSums(ctx: AppContext): Promise<{ deltas: number }> {
  const deltas = await inTransaction(ctx, (trx) => evaluationMonthSumRepository.fold(trx));
  return { deltas };
}
