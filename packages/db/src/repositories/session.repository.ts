import type { Selectable } from 'kysely';
import type { SessionsTable } from '../schema/database';
import type { Executor } from './executor';

export type SessionRow = Selectable<SessionsTable>;

export const sessionRepository = {
  async insert(
    db: Executor,
    session: {
      tokenHash: string;
      userId: number;
      at: Date;
      expiresAt: Date;
      userAgent: string | null;
      ip: string | null;
    },
  ): Promise<void> {
    await db
      .insertInto('sessions')
      .values({
        token_hash: session.tokenHash,
        user_id: session.userId,
        created_at: session.at,
        expires_at: session.expiresAt,
        last_seen_at: session.at,
        user_agent: session.userAgent,
        ip: session.ip,
      })
      .execute();
  },

  async find(db: Executor, tokenHash: string): Promise<SessionRow | undefined> {
    return db
      .selectFrom('sessions')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
  },

  async extend(db: Executor, tokenHash: string, at: Date, expiresAt: Date): Promise<void> {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: at, expires_at: expiresAt })
      .where('token_hash', '=', tokenHash)
      .execute();
  },

  async delete(db: Executor, tokenHash: string): Promise<void> {
    await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  },

  async deleteForUser(db: Executor, userId: number): Promise<void> {
    await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  },

  async deleteExpired(db: Executor, now: Date): Promise<number> {
    const result = await db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
