import { AppError, type Clock } from '@xiuhua/domain';

/**
 * A per-key sliding-window limiter kept in memory (one process): enough to stop one address
 * flooding the public endpoints. Refusals are 429 RATE_LIMITED with Retry-After.
 */
export function createRateLimiter(options: { limit: number; windowMinutes: number; clock: Clock }) {
  const hits = new Map<string, number[]>();
  const windowMs = options.windowMinutes * 60_000;
  return {
    take(key: string): void {
      const now = options.clock.now().getTime();
      const recent = (hits.get(key) ?? []).filter((at) => now - at < windowMs);
      if (recent.length >= options.limit) {
        const retryAfterSeconds = Math.ceil(((recent[0] ?? now) + windowMs - now) / 1000);
        throw new AppError({
          code: 'RATE_LIMITED',
          text: {
            zh: `提交过于频繁，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试`,
            en: `Too many submissions; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`,
          },
          details: [
            {
              reason: `at most ${options.limit} per ${options.windowMinutes} minutes`,
              retryAfterSeconds,
            },
          ],
        });
      }
      recent.push(now);
      hits.set(key, recent);
      if (hits.size > 10_000) hits.clear();
    },
  };
}
