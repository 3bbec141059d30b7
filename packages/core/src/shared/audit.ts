import { adminAuditRepository, type Executor } from '@xiuhua/db';
import type { Actor } from '@xiuhua/domain';

/** Records an administrative change inside the caller's transaction. */
export async function audit(
  db: Executor,
  entry: {
    actor: Actor;
    at: Date;
    action: string;
    entity: string;
    entityId: string | number | null;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  await adminAuditRepository.append(db, {
    at: entry.at,
    actorUserId: entry.actor.via === 'system' ? null : entry.actor.userId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId === null ? null : String(entry.entityId),
    ...(entry.detail ? { detail: entry.detail } : {}),
  });
}
