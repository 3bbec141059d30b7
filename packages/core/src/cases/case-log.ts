import { caseActionRepository, outboxRepository, type Executor } from '@xiuhua/db';
import type { Actor } from '@xiuhua/domain';
import { actionHash, GENESIS_HASH } from './action-hash';
import { emitHotlineFeedback } from '../hotline/hotline-feedback';

/** Appends one action-log row chained to the previous one, and its outbox event, in `trx`. */
export async function appendCaseAction(
  trx: Executor,
  entry: {
    caseId: number;
    action: string;
    fromState: string | null;
    toState: string;
    actor: Actor;
    opinion: string | null;
    detail: Record<string, unknown>;
    at: Date;
    /** The case's first action (its creation): there is no earlier row to chain to. */
    first?: boolean;
    event: { type: string; payload: Record<string, unknown> };
  },
): Promise<void> {
  const last = entry.first ? undefined : await caseActionRepository.last(trx, entry.caseId);
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const actorUserId = entry.actor.via === 'system' ? null : entry.actor.userId;
  const fields = {
    caseId: entry.caseId,
    seq,
    action: entry.action,
    fromState: entry.fromState,
    toState: entry.toState,
    actorUserId,
    actorRoles: [...entry.actor.roles],
    opinion: entry.opinion,
    detail: entry.detail,
    at: entry.at,
    prevHash,
  };
  await caseActionRepository.append(trx, {
    case_id: entry.caseId,
    seq,
    action: entry.action,
    from_state: entry.fromState,
    to_state: entry.toState,
    actor_user_id: actorUserId,
    actor_roles: fields.actorRoles,
    opinion: entry.opinion,
    detail: JSON.stringify(entry.detail),
    at: entry.at,
    prev_hash: prevHash,
    hash: actionHash(fields),
  });
  await outboxRepository.append(trx, {
    caseId: entry.caseId,
    type: entry.event.type,
    payload: { ...entry.event.payload, seq },
    at: entry.at,
  });
  const caseNumber = entry.event.payload.caseNumber;
  await emitHotlineFeedback(trx, {
    caseId: entry.caseId,
    caseNumber: typeof caseNumber === 'string' ? caseNumber : String(entry.caseId),
    action: entry.action,
    toState: entry.toState,
    opinion: entry.opinion,
    at: entry.at,
  });
}

/** Re-computes a case's chain; returns the first broken sequence number, or null when intact. */
export async function verifyCaseChain(
  db: Executor,
  caseId: number,
): Promise<{ ok: boolean; actions: number; brokenAt: number | null }> {
  const rows = await caseActionRepository.forCase(db, caseId);
  let prev = GENESIS_HASH;
  for (const [index, row] of rows.entries()) {
    const expected = actionHash({
      caseId: row.case_id,
      seq: row.seq,
      action: row.action,
      fromState: row.from_state,
      toState: row.to_state,
      actorUserId: row.actor_user_id,
      actorRoles: row.actor_roles,
      opinion: row.opinion,
      detail: row.detail,
      at: row.at,
      prevHash: row.prev_hash,
    });
    if (row.seq !== index + 1 || row.prev_hash !== prev || row.hash !== expected)
      return { ok: false, actions: rows.length, brokenAt: row.seq };
    prev = row.hash;
  }
  return { ok: true, actions: rows.length, brokenAt: null };
}
