import {
  caseRepository,
  organisationRepository,
  outboxRepository,
  supervisionRepository,
  type SlipRow,
} from '@xiuhua/db';
import {
  AppError,
  forbidden,
  invalidInput,
  notFound,
  requireAnyRole,
  type Actor,
} from '@xiuhua/domain';
import { inTransaction, type AppContext } from '../context';
import { requireCaseVisible } from '../cases/perform-case-action.command';
import { toLimitOffset, type Page, type Paged } from '../shared/pagination';

const SLIP = { zh: '督办单', en: 'Slip' };

/** A commander issues a slip by hand on a dispatched case. */
export async function issueSlip(
  ctx: AppContext,
  actor: Actor,
  input: { caseId: number; kind: 'reminder' | 'supervision' | 'warning'; reason: string },
): Promise<SlipRow> {
  requireAnyRole(actor, ['commander']);
  const now = ctx.clock.now();
  return inTransaction(ctx, async (trx) => {
    const row = await caseRepository.findById(trx, input.caseId);
    if (!row) throw notFound({ zh: '案件', en: 'Case' }, String(input.caseId));
    requireCaseVisible(actor, row);
    if (row.department_ids.length === 0)
      throw invalidInput('caseId', {
        zh: '案件尚未派遣到部门',
        en: 'the case has not been dispatched',
      });
    const id = await supervisionRepository.insert(trx, {
      case_id: row.id,
      kind: input.kind,
      origin: 'manual',
      timer_id: null,
      department_ids: row.department_ids,
      reason: input.reason,
      issued_by: actor.via === 'system' ? null : actor.userId,
      issued_at: now,
    });
    if (id === undefined) throw new Error('slip not inserted');
    await outboxRepository.append(trx, {
      caseId: row.id,
      type: `case.slip.${input.kind}`,
      payload: { caseId: row.id, slipId: id, kind: input.kind, manual: true },
      at: now,
    });
    const slip = await supervisionRepository.findById(trx, id);
    if (!slip) throw notFound(SLIP, String(id));
    return slip;
  });
}

/** The department the slip was sent to answers it, once. */
export async function replySlip(
  ctx: AppContext,
  actor: Actor,
  input: { slipId: number; reply: string },
): Promise<SlipRow> {
  requireAnyRole(actor, ['department_handler']);
  const now = ctx.clock.now();
  return inTransaction(ctx, async (trx) => {
    const slip = await supervisionRepository.findById(trx, input.slipId);
    if (!slip) throw notFound(SLIP, String(input.slipId));
    if (
      actor.scope.kind !== 'department' ||
      !slip.department_ids.includes(actor.scope.organisationId)
    ) {
      throw forbidden({
        zh: '该督办单不是发给本部门的',
        en: 'this slip was not sent to your department',
      });
    }
    if (
      !(await supervisionRepository.reply(trx, slip.id, {
        text: input.reply,
        userId: actor.userId,
        at: now,
      }))
    ) {
      throw new AppError({
        code: 'CONFLICT',
        text: { zh: '该督办单已回复', en: 'this slip was already answered' },
        details: [{ field: 'reply', reason: 'already answered' }],
      });
    }
    await outboxRepository.append(trx, {
      caseId: slip.case_id,
      type: 'case.slip.replied',
      payload: { caseId: slip.case_id, slipId: slip.id },
      at: now,
    });
    const updated = await supervisionRepository.findById(trx, slip.id);
    if (!updated) throw notFound(SLIP, String(slip.id));
    return updated;
  });
}

export async function caseSlips(ctx: AppContext, actor: Actor, caseId: number): Promise<SlipRow[]> {
  const row = await caseRepository.findById(ctx.db.kysely, caseId);
  if (!row) throw notFound({ zh: '案件', en: 'Case' }, String(caseId));
  requireCaseVisible(actor, row);
  return supervisionRepository.forCase(ctx.db.kysely, caseId);
}

/** Slips per department: department users see their own branch's; centres filter by department. */
export async function listSlips(
  ctx: AppContext,
  actor: Actor,
  filter: { departmentId?: number; unansweredOnly?: boolean },
  page: Page,
): Promise<Paged<SlipRow>> {
  const db = ctx.db.kysely;
  let departmentIds: number[] | undefined = filter.departmentId ? [filter.departmentId] : undefined;
  if (actor.scope.kind === 'department') {
    const own = await organisationRepository.withChildren(db, actor.scope.organisationId);
    departmentIds = departmentIds ? departmentIds.filter((id) => own.includes(id)) : own;
  }
  const { rows, total } = await supervisionRepository.list(db, {
    ...(departmentIds ? { departmentIds } : {}),
    ...(filter.unansweredOnly ? { unansweredOnly: true } : {}),
    ...(actor.scope.kind === 'region' ? { regionPrefix: actor.scope.divisionCode } : {}),
    ...toLimitOffset(page),
  });
  return { items: rows, total, ...page };
}
