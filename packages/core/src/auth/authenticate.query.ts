import { apiTokenRepository, sessionRepository, userRepository } from '@xiuhua/db';
import type { Actor } from '@xiuhua/domain';
import type { AppContext } from '../context';
import { actorFromUser } from './actor-from-user';
import { hashSecret } from './tokens';

/** Sliding sessions are extended at most this often, to keep reads cheap. */
const EXTEND_EVERY_MS = 5 * 60_000;

/** Resolves a session cookie to its actor, or undefined when unknown, expired or disabled. */
export async function actorForSession(
  ctx: AppContext,
  sessionToken: string,
): Promise<Actor | undefined> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const tokenHash = hashSecret(sessionToken);
  const session = await sessionRepository.find(db, tokenHash);
  if (!session || session.expires_at.getTime() <= now.getTime()) return undefined;
  const user = await userRepository.findById(db, session.user_id);
  if (!user?.active) return undefined;
  if (now.getTime() - session.last_seen_at.getTime() > EXTEND_EVERY_MS) {
    const expiresAt = new Date(now.getTime() + ctx.settings.sessionIdleMinutes * 60_000);
    await sessionRepository.extend(db, tokenHash, now, expiresAt);
  }
  return actorFromUser(user, 'session');
}

/** Resolves a bearer API token to its actor, or undefined when unknown, revoked or expired. */
export async function actorForApiToken(ctx: AppContext, token: string): Promise<Actor | undefined> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const row = await apiTokenRepository.findByHash(db, hashSecret(token));
  if (!row || row.revoked_at || (row.expires_at && row.expires_at.getTime() <= now.getTime()))
    return undefined;
  const user = await userRepository.findById(db, row.user_id);
  if (!user?.active) return undefined;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > EXTEND_EVERY_MS) {
    await apiTokenRepository.markUsed(db, row.id, now);
  }
  return actorFromUser(user, 'token');
}
