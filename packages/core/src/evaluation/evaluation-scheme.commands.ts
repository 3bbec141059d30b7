import { evaluationFactRepository } from '@xiuhua/db';
import {
  AppError,
  requireAnyRole,
  validateScheme,
  type Actor,
  type EvaluationScheme,
} from '@xiuhua/domain';
import { inTransaction, type AppContext } from '../context';
import { audit } from '../shared/audit';

/**
 * Replaces the evaluation scheme (weights, rates, count-score tables, grades, rules). Every
 * problem is reported at once (400 with one detail per field) and nothing is stored then.
 */
export async function saveEvaluationScheme(
  ctx: AppContext,
  actor: Actor,
  scheme: EvaluationScheme,
): Promise<void> {
  requireAnyRole(actor, ['admin']);
  const problems = validateScheme(scheme);
  if (problems.length > 0)
    throw new AppError({
      code: 'VALIDATION_FAILED',
      text: {
        zh: `评价方案有 ${problems.length} 处问题：${problems[0]?.field} ${problems[0]?.reason.zh}`,
        en: `The scheme has ${problems.length} problem(s): ${problems[0]?.field} ${problems[0]?.reason.en}`,
      },
      details: problems.map((p) => ({
        field: p.field,
        reason: p.reason.en,
        reason_zh: p.reason.zh,
      })),
    });
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    await evaluationFactRepository.saveScheme(
      trx,
      scheme,
      now,
      actor.via === 'system' ? null : actor.userId,
    );
    await audit(trx, {
      actor,
      at: now,
      action: 'put',
      entity: 'evaluation_scheme',
      entityId: '1',
      detail: { scheme },
    });
  });
}
