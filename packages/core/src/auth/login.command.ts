import { loginAttemptRepository, sessionRepository, userRepository } from '@xiuhua/db';
import { AppError, type Actor } from '@xiuhua/domain';
import { inTransaction, type AppContext } from '../context';
import { actorFromUser } from './actor-from-user';
import { DUMMY_PASSWORD_HASH_PROMISE, verifyPassword } from './password';
import { hashSecret, newSecret } from './tokens';

export type LoginInput = {
  username: string;
  password: string;
  ip: string;
  userAgent: string | null;
};
export type LoginResult = { sessionToken: string; expiresAt: Date; actor: Actor };

const INVALID = new AppError({
  code: 'INVALID_CREDENTIALS',
  text: { zh: '用户名或密码错误', en: 'Wrong username or password' },
});

/**
 * Password login. Failures are counted per username and per client address within a
 * window; past the limit the attempt is refused with RATE_LIMITED before any check.
 */
export async function login(ctx: AppContext, input: LoginInput): Promise<LoginResult> {
  const now = ctx.clock.now();
  const { settings } = ctx;
  const db = ctx.db.kysely;
  const username = input.username.trim();
  const since = new Date(now.getTime() - settings.loginWindowMinutes * 60_000);
  const failures = await loginAttemptRepository.recentFailures(db, {
    username,
    ip: input.ip,
    since,
  });
  const limited =
    failures.byUsername >= settings.maxFailuresPerUsername
      ? failures.oldestByUsername
      : failures.byIp >= settings.maxFailuresPerIp
        ? failures.oldestByIp
        : undefined;
  if (limited !== undefined) {
    const retryAt = (limited ?? now).getTime() + settings.loginWindowMinutes * 60_000;
    const retryAfterSeconds = Math.max(1, Math.ceil((retryAt - now.getTime()) / 1000));
    throw new AppError({
      code: 'RATE_LIMITED',
      text: {
        zh: `登录失败次数过多，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试`,
        en: `Too many failed logins; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`,
      },
      details: [{ reason: 'too many failed attempts', retryAfterSeconds }],
    });
  }

  const user = await userRepository.findByUsername(db, username);
  const ok = user?.password_hash
    ? await verifyPassword(input.password, user.password_hash)
    : (await verifyPassword(input.password, await DUMMY_PASSWORD_HASH_PROMISE), false);
  if (!user || !ok || !user.active) {
    await loginAttemptRepository.record(db, { username, ip: input.ip, at: now, succeeded: false });
    throw INVALID;
  }

  const sessionToken = newSecret('xhs');
  const expiresAt = new Date(now.getTime() + settings.sessionIdleMinutes * 60_000);
  await inTransaction(ctx, async (trx) => {
    await sessionRepository.insert(trx, {
      tokenHash: hashSecret(sessionToken),
      userId: user.id,
      at: now,
      expiresAt,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      ip: input.ip,
    });
    await loginAttemptRepository.clearFailures(trx, username);
    await loginAttemptRepository.record(trx, { username, ip: input.ip, at: now, succeeded: true });
    await userRepository.touchLogin(trx, user.id, now);
  });
  return { sessionToken, expiresAt, actor: actorFromUser(user, 'session') };
}

export async function logout(ctx: AppContext, sessionToken: string): Promise<void> {
  await sessionRepository.delete(ctx.db.kysely, hashSecret(sessionToken));
}
