import {
  stepLimitRepository,
  supervisionRepository,
  type StepLimitRow,
  type SupervisionRuleRow,
} from '@xiuhua/db';
import { invalidInput, requireAnyRole, type Actor, type TimedStep } from '@xiuhua/domain';
import { inTransaction, type AppContext } from '../context';
import { audit } from '../shared/audit';

const CENTRE_STEPS: readonly TimedStep[] = [
  'report',
  'accept',
  'verify',
  'file',
  'dispatch',
  'approve_return',
  'approve_hold',
  'hold',
  'check',
  'close',
  'review_self_disposal',
];
const ALL_STEPS: readonly string[] = [...CENTRE_STEPS, 'dispose'];

export async function listSlaSettings(ctx: AppContext) {
  const db = ctx.db.kysely;
  return {
    stepLimits: await stepLimitRepository.all(db),
    supervisionRules: await supervisionRepository.rules(db),
  };
}

/** Sets the limit of one of the centre's own steps (the disposal limit comes from the class rules). */
export async function setStepLimit(
  ctx: AppContext,
  actor: Actor,
  row: StepLimitRow,
): Promise<void> {
  requireAnyRole(actor, ['admin']);
  if (!CENTRE_STEPS.includes(row.step as TimedStep)) {
    throw invalidInput('step', {
      zh: `未知环节 ${row.step}（处置时限在类别规则中设置）`,
      en: `unknown step ${row.step} (disposal limits belong to the class rules)`,
    });
  }
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    await stepLimitRepository.upsert(trx, row);
    await audit(trx, {
      actor,
      at: now,
      action: 'set_step_limit',
      entity: 'step_limit',
      entityId: `${row.step}:${row.urgency}`,
      detail: { ...row },
    });
  });
}

/** Turns an automatic slip kind on or off, chooses its steps and (for warnings) the overtime share. */
export async function setSupervisionRule(
  ctx: AppContext,
  actor: Actor,
  rule: SupervisionRuleRow,
): Promise<void> {
  requireAnyRole(actor, ['admin', 'commander']);
  const unknown = rule.steps.find((s) => !ALL_STEPS.includes(s));
  if (unknown)
    throw invalidInput('steps', { zh: `未知环节 ${unknown}`, en: `unknown step ${unknown}` });
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    await supervisionRepository.updateRule(trx, rule);
    await audit(trx, {
      actor,
      at: now,
      action: 'set_supervision_rule',
      entity: 'supervision_rule',
      entityId: rule.kind,
      detail: { ...rule },
    });
  });
}
