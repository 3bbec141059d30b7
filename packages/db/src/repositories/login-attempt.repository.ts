import type { Executor } from './executor';

export const loginAttemptRepository = {
  async record(
    db: Executor,
    attempt: { username: string; ip: string; at: Date; succeeded: boolean },
  ): Promise<void> {
    await db
      .insertInto('login_attempts')
      .values({
        username: attempt.username,
        ip: attempt.ip,
        attempted_at: attempt.at,
        succeeded: attempt.succeeded,
      })
      .execute();
  },

  /** Failed attempts since `since`, per username and per address, plus the oldest of each. */
  async recentFailures(
    db: Executor,
    key: { username: string; ip: string; since: Date },
  ): Promise<{
    byUsername: number;
    byIp: number;
    oldestByUsername: Date | null;
    oldestByIp: Date | null;
  }> {
    const count = (column: 'username' | 'ip', value: string) =>
      db
        .selectFrom('login_attempts')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('attempted_at').as('oldest')])
        .where(column, '=', value)
        .where('succeeded', '=', false)
        .where('attempted_at', '>=', key.since)
        .executeTakeFirstOrThrow();
    const [user, ip] = await Promise.all([count('username', key.username), count('ip', key.ip)]);
    return {
      byUsername: user.n,
      byIp: ip.n,
      oldestByUsername: user.oldest,
      oldestByIp: ip.oldest,
    };
  },

  /** A success clears the username's failure streak. */
  async clearFailures(db: Executor, username: string): Promise<void> {
    await db
      .deleteFrom('login_attempts')
      .where('username', '=', username)
      .where('succeeded', '=', false)
      .execute();
  },

  async deleteOlderThan(db: Executor, before: Date): Promise<void> {
    await db.deleteFrom('login_attempts').where('attempted_at', '<', before).execute();
  },
};
