import type { Db, Executor } from '@xiuhua/db';
import type { Clock } from '@xiuhua/domain';

/** What every command and query receives: the database, the clock and settings. */
export type AppContext = {
  db: Db;
  clock: Clock;
  /** XIUHUA_DATA_DIR: where photos, exports and the embedded database live. */
  dataDir: string;
  settings: AppSettings;
  /** Per-process caches that commands invalidate after writes (e.g. the grid locator). */
  caches: CacheRegistry;
};

export type AppSettings = {
  sessionIdleMinutes: number;
  loginWindowMinutes: number;
  maxFailuresPerUsername: number;
  maxFailuresPerIp: number;
  /** Raster tile URL template for the console map (e.g. https://…/{z}/{x}/{y}.png); null = none. */
  mapTileUrl: string | null;
};

export const DEFAULT_SETTINGS: AppSettings = {
  sessionIdleMinutes: 12 * 60,
  loginWindowMinutes: 15,
  maxFailuresPerUsername: 5,
  maxFailuresPerIp: 30,
  mapTileUrl: null,
};

/** Named invalidation hooks so writers need not know who caches what. */
export class CacheRegistry {
  private readonly listeners = new Map<string, Set<() => void>>();

  on(name: string, listener: () => void): void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(listener);
    this.listeners.set(name, set);
  }

  invalidate(name: string): void {
    for (const listener of this.listeners.get(name) ?? []) listener();
  }
}

/** Runs `fn` in one transaction: every state change is all-or-nothing. */
export async function inTransaction<T>(
  ctx: AppContext,
  fn: (trx: Executor) => Promise<T>,
): Promise<T> {
  return ctx.db.kysely.transaction().execute(fn);
}
