import type { Selectable } from 'kysely';
import type { ApiTokensTable } from '../schema/database';
import type { Executor } from './executor';

export type ApiTokenRow = Selectable<ApiTokensTable>;

export const apiTokenRepository = {
  async insert(
    db: Executor,
    token: {
      name: string;
      tokenHash: string;
      tokenPrefix: string;
      userId: number;
      at: Date;
      expiresAt: Date | null;
    },
  ): Promise<number> {
    const { id } = await db
      .insertInto('api_tokens')
      .values({
        name: token.name,
        token_hash: token.tokenHash,
        token_prefix: token.tokenPrefix,
        user_id: token.userId,
        created_at: token.at,
        expires_at: token.expiresAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  async findByHash(db: Executor, tokenHash: string): Promise<ApiTokenRow | undefined> {
    return db
      .selectFrom('api_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
  },

  async findById(db: Executor, id: number): Promise<ApiTokenRow | undefined> {
    return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async list(db: Executor): Promise<ApiTokenRow[]> {
    return db.selectFrom('api_tokens').selectAll().orderBy('id').execute();
  },

  async markUsed(db: Executor, id: number, at: Date): Promise<void> {
    await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  },

  async revoke(db: Executor, id: number, at: Date): Promise<void> {
    await db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  },
};
