import { apiTokenRepository, userRepository, type ApiTokenRow } from '@xiuhua/db';
import { invalidInput, notFound, requireAnyRole, type Actor } from '@xiuhua/domain';
import { inTransaction, type AppContext } from '../context';
import { audit } from '../shared/audit';
import { hashSecret, newSecret } from './tokens';

/** Issues an API token acting as `username`; the secret is returned once and never stored. */
export async function createApiToken(
  ctx: AppContext,
  actor: Actor,
  input: { name: string; username: string; expiresAt?: Date | null },
): Promise<{ token: string; row: ApiTokenRow }> {
  requireAnyRole(actor, ['admin']);
  const now = ctx.clock.now();
  const user = await userRepository.findByUsername(ctx.db.kysely, input.username);
  if (!user) throw invalidInput('username', { zh: '用户不存在', en: 'no such user' });
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) {
    throw invalidInput('expiresAt', { zh: '过期时间须晚于当前时间', en: 'must be in the future' });
  }
  const token = newSecret('xht');
  return inTransaction(ctx, async (trx) => {
    const id = await apiTokenRepository.insert(trx, {
      name: input.name,
      tokenHash: hashSecret(token),
      tokenPrefix: token.slice(0, 10),
      userId: user.id,
      at: now,
      expiresAt: input.expiresAt ?? null,
    });
    await audit(trx, {
      actor,
      at: now,
      action: 'create',
      entity: 'api_token',
      entityId: id,
      detail: { name: input.name, username: input.username },
    });
    const row = await apiTokenRepository.findById(trx, id);
    if (!row) throw notFound({ zh: '令牌', en: 'API token' }, String(id));
    return { token, row };
  });
}

export async function listApiTokens(ctx: AppContext, actor: Actor): Promise<ApiTokenRow[]> {
  requireAnyRole(actor, ['admin']);
  return apiTokenRepository.list(ctx.db.kysely);
}

export async function revokeApiToken(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  requireAnyRole(actor, ['admin']);
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    const row = await apiTokenRepository.findById(trx, id);
    if (!row) throw notFound({ zh: '令牌', en: 'API token' }, String(id));
    await apiTokenRepository.revoke(trx, id, now);
    await audit(trx, { actor, at: now, action: 'revoke', entity: 'api_token', entityId: id });
  });
}
