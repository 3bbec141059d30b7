import {
  caseActionRepository,
  caseRepository,
  caseTimerRepository,
  evaluationFactRepository,
  hotlineRepository,
  type CaseRow,
  type Executor,
} from '@xiuhua/db';
import { deriveFacts, type CaseSource, type Fact } from '@xiuhua/domain';

export type FactOptions = {
  /** The case was created in this transaction: nobody has called its reporter back yet. */
  fresh?: boolean;
};

/** A case's indicator facts as they follow from its log, timers and return visits now. */
export async function computeCaseFacts(
  db: Executor,
  caseId: number,
  known?: CaseRow,
  options: FactOptions = {},
): Promise<Fact[]> {
  const row = known ?? (await caseRepository.findById(db, caseId));
  if (!row) return [];
  const [actions, timers, visits] = await Promise.all([
    caseActionRepository.forCase(db, caseId),
    caseTimerRepository.forCase(db, caseId),
    options.fresh ? [] : hotlineRepository.visitsForCase(db, caseId),
  ]);
  return deriveFacts(
    {
      source: row.source as CaseSource,
      reporterUserId: row.reporter_user_id,
      returnVisits: visits.map((v) => ({ at: v.visited_at, score: v.score })),
    },
    actions.map((a) => ({
      seq: a.seq,
      action: a.action,
      fromState: a.from_state,
      toState: a.to_state,
      actorUserId: a.actor_user_id,
      actorRoles: a.actor_roles,
      at: a.at,
      detail: a.detail,
    })),
    timers.map((t) => ({
      id: t.id,
      step: t.step,
      status: t.status,
      startedAt: t.started_at,
      dueAt: t.due_at ?? t.deadline_at,
      finishedAt: t.finished_at,
      overdue: t.overdue,
    })),
  );
}

/**
 * Rewrites one case's facts; called inside the transaction of every change to the case, so the
 * evaluation is always current without rescanning history. `known` is the case's row as this
 * transaction wrote it, when the caller has it.
 */
export async function refreshCaseFacts(
  trx: Executor,
  caseId: number,
  known?: CaseRow,
  options: FactOptions = {},
): Promise<void> {
  const row = known ?? (await caseRepository.findById(trx, caseId));
  if (!row) return;
  const facts = await computeCaseFacts(trx, caseId, row, options);
  await evaluationFactRepository.replaceForCase(
    trx,
    caseId,
    facts.map((f) => ({
      case_id: caseId,
      kind: f.kind,
      at: f.at,
      finished_at: f.finishedAt,
      on_time: f.onTime,
      actor_user_id: f.actorUserId,
      position: f.position,
      department_id: f.departmentId,
      held: f.held,
      value: f.value,
      source: row.source,
      class_id: row.class_id,
      grid_code: row.grid_code,
      community_code: row.community_code,
      street_code: row.street_code,
      district_code: row.district_code,
    })),
  );
}
