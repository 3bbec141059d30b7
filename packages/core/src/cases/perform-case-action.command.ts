import {
  catalogueRepository,
  caseRepository,
  casePhotoRepository,
  organisationRepository,
  outboxRepository,
  type CaseRow,
  type Executor,
} from '@xiuhua/db';
import {
  AppError,
  applyTransition,
  invalidInput,
  notFound,
  requireRegion,
  type ActionInput,
  type Actor,
} from '@xiuhua/domain';
import { inTransaction, type AppContext } from '../context';
import { applyClockEffect, disposalWasOverdue, timerCalendar } from './case-timers';
import { appendCaseAction } from './case-log';
import { assessKeySupervision } from '../key-supervision/key-supervision';
import { toCasePatch, toWorkflowCase } from './case-mapper';
import { refreshCaseFacts } from '../evaluation/case-facts';

const CASE = { zh: '案件', en: 'Case' };

/** The actor may see the case: its region covers the grid, or its department is assigned. */
export function requireCaseVisible(actor: Actor, row: CaseRow): void {
  if (actor.scope.kind === 'department') {
    if (!row.department_ids.includes(actor.scope.organisationId))
      throw notFound(CASE, String(row.id));
    return;
  }
  if (row.grid_code) requireRegion(actor, row.grid_code);
}

/** Locks the case a duplicate is merged into, after checking it can take it. */
async function lockParent(
  trx: Executor,
  actor: Actor,
  child: CaseRow,
  parentId: number | undefined,
): Promise<CaseRow> {
  if (parentId === undefined)
    throw invalidInput('parentCaseId', {
      zh: '须指定合并到的案件',
      en: 'name the case to merge into',
    });
  if (parentId === child.id)
    throw invalidInput('parentCaseId', {
      zh: '不能合并到自身',
      en: 'a case cannot be merged into itself',
    });
  const parent = await caseRepository.lock(trx, parentId);
  if (!parent) throw invalidInput('parentCaseId', { zh: '目标案件不存在', en: 'no such case' });
  requireCaseVisible(actor, parent);
  if (parent.state === 'CLOSED' || parent.state === 'VOID' || parent.parent_case_id !== null) {
    throw invalidInput('parentCaseId', {
      zh: '目标案件已结束或本身是重复案件',
      en: 'the target case is finished or is itself a duplicate',
    });
  }
  return parent;
}

/**
 * Takes one workflow action on a case: locks the row, checks the expected version (stale →
 * 409 STALE_VERSION), visibility, then the transition table (state, role, guard, form), and
 * writes the case, the hash-chained log row, the timers and the outbox event in one transaction.
 * Of two conflicting actions exactly one wins; the other gets a clear 409.
 */
export async function performCaseAction(
  ctx: AppContext,
  actor: Actor,
  request: { caseId: number; action: string; version: number; input: ActionInput },
  options: {
    /** More writes that belong to the same change (e.g. the return visit that reopens a case). */
    within?: (trx: Executor, updated: CaseRow) => Promise<void>;
  } = {},
): Promise<CaseRow> {
  const now = ctx.clock.now();
  const calendar = await timerCalendar(ctx);
  const input: ActionInput = { ...request.input };
  let classKeySupervision = false;
  if (request.action === 'file' && input.classId !== undefined) {
    const cls = await catalogueRepository.findById(ctx.db.kysely, input.classId);
    classKeySupervision = cls?.key_supervision ?? false;
    if (!cls?.active)
      throw invalidInput('classId', { zh: '类别不存在或已停用', en: 'unknown or inactive class' });
  }
  if (request.action === 'dispatch') {
    for (const id of input.departmentIds ?? []) {
      const org = await organisationRepository.findById(ctx.db.kysely, id);
      if (!org || org.kind !== 'department' || !org.active)
        throw invalidInput('departmentIds', {
          zh: `部门 ${id} 不存在`,
          en: `department ${id} does not exist`,
        });
    }
  }
  return inTransaction(ctx, async (trx) => {
    const row = await caseRepository.lock(trx, request.caseId);
    if (!row) throw notFound(CASE, String(request.caseId));
    requireCaseVisible(actor, row);
    if (row.version !== request.version) {
      throw new AppError({
        code: 'STALE_VERSION',
        text: {
          zh: `案件已被他人更新（当前版本 ${row.version}），请刷新后重试`,
          en: `The case changed meanwhile (now version ${row.version}); reload and retry`,
        },
        details: [
          { field: 'version', reason: 'stale', expected: request.version, current: row.version },
        ],
      });
    }
    if (request.action === 'close' && !input.special)
      input.overdue = await disposalWasOverdue(trx, calendar, row.id, now);
    if (request.action === 'feed_back' || request.action === 'self_dispose') {
      // Photos count only when uploaded since the case entered its current state.
      const photos = await casePhotoRepository.countSince(trx, row.id, row.updated_at);
      input.beforePhotoCount = photos.before;
      input.afterPhotoCount = photos.after;
    }
    const postponeMinutes =
      row.pending_request?.kind === 'postpone' ? Number(row.pending_request.minutes) : 0;
    const outcome = applyTransition({
      case: toWorkflowCase(row),
      action: request.action,
      input,
      actor,
      now,
    });
    const patch = toCasePatch(outcome.case, now);
    const parent =
      request.action === 'merge'
        ? await lockParent(trx, actor, row, input.parentCaseId)
        : undefined;
    if (parent) patch.parent_case_id = parent.id;
    if (request.action === 'file') {
      Object.assign(patch, {
        class_id: input.classId,
        condition_code: input.conditionCode ?? null,
        urgency: input.urgency,
      });
    }
    const assessment =
      request.action === 'file'
        ? await assessKeySupervision(trx, {
            row: { ...row, class_id: input.classId ?? null },
            classKeySupervision,
            now,
          })
        : undefined;
    if (assessment) {
      Object.assign(patch, {
        key_supervision: assessment.keySupervision,
        limit_factor: assessment.factor,
        key_reasons: assessment.reasons,
      });
    }
    const updated = await caseRepository.updatedIfVersion(trx, row.id, row.version, patch);
    if (!updated) {
      throw new AppError({
        code: 'STALE_VERSION',
        text: {
          zh: '案件已被他人更新，请刷新后重试',
          en: 'The case changed meanwhile; reload and retry',
        },
        details: [{ field: 'version', reason: 'stale' }],
      });
    }
    const detail: Record<string, unknown> = {};
    for (const key of [
      'departmentIds',
      'classId',
      'conditionCode',
      'urgency',
      'postponeMinutes',
      'reason',
      'rejectTo',
      'overdue',
      'special',
      'parentCaseId',
    ] as const) {
      if (input[key] !== undefined) detail[key] = input[key];
    }
    await appendCaseAction(trx, {
      caseId: row.id,
      action: outcome.audit.action,
      fromState: outcome.from,
      toState: outcome.to,
      actor,
      opinion: outcome.audit.opinion,
      detail,
      at: now,
      event: {
        type: outcome.event.type,
        payload: {
          caseId: row.id,
          caseNumber: row.case_number,
          from: outcome.from,
          to: outcome.to,
        },
      },
    });
    await applyClockEffect(trx, {
      calendar,
      row: updated,
      clock: outcome.clock,
      to: outcome.to,
      now,
      postponeMinutes,
    });
    if (assessment?.keySupervision) {
      // Key supervision notifies at once (DOMAIN: 重点监管 — immediate notification).
      await outboxRepository.append(trx, {
        caseId: row.id,
        type: 'case.key_supervision',
        payload: {
          caseId: row.id,
          caseNumber: row.case_number,
          reasons: assessment.reasons,
          limitFactor: assessment.factor,
        },
        at: now,
      });
    }
    if (parent) {
      // The parent's history records the duplicate it absorbed (its reporter stays linked).
      await caseRepository.updateIfVersion(trx, parent.id, parent.version, { updated_at: now });
      await appendCaseAction(trx, {
        caseId: parent.id,
        action: 'absorb_duplicate',
        fromState: parent.state,
        toState: parent.state,
        actor,
        opinion: outcome.audit.opinion,
        detail: { childCaseId: row.id, childCaseNumber: row.case_number },
        at: now,
        event: {
          type: 'case.duplicate_merged',
          payload: { caseId: parent.id, childCaseId: row.id },
        },
      });
    }
    if (options.within) await options.within(trx, updated);
    await refreshCaseFacts(trx, row.id, options.within ? undefined : updated);
    if (parent) await refreshCaseFacts(trx, parent.id);
    return updated;
  });
}
