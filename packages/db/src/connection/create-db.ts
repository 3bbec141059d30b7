import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../schema/database';
import { Mutex } from './mutex';
import { openPglite, PgliteDialect } from './pglite-dialect';
import {
  PG_TYPE_DATE,
  PG_TYPE_INT8,
  PG_TYPE_NUMERIC,
  parseDate,
  parseInt8,
  parseNumeric,
} from './type-parsers';

export type Engine = 'pglite' | 'postgres';

/** Runs plain SQL on one dedicated session; used by migrations and bulk maintenance. */
export type ScriptSession = {
  /** Executes one or many statements (simple protocol, no parameters). */
  exec(script: string): Promise<void>;
  /** Executes one parameterised statement and returns its rows. */
  query<R>(statement: string, params?: readonly unknown[]): Promise<R[]>;
};

export type Db = {
  engine: Engine;
  /** Where the data lives, without credentials: for logs and the health page. */
  location: string;
  kysely: Kysely<Database>;
  /**
   * Runs `fn` on a session nobody else uses meanwhile: on PostgreSQL under a session
   * advisory lock (so two processes migrating at once take turns), on PGlite under the
   * connection mutex.
   */
  exclusive<T>(fn: (session: ScriptSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export type CreateDbOptions = {
  /** Directory for the embedded database when no URL is given (default ./data). */
  dataDir?: string;
};

const EXCLUSIVE_LOCK_KEY = 7_202_611; // any constant shared by all Xiuhua processes

/**
 * Opens the database named by `url`:
 * - undefined or '' → embedded PGlite in `<dataDir>/pglite`;
 * - `pglite://memory` → embedded PGlite in memory (tests);
 * - `pglite:///abs/dir` or `pglite://rel/dir` → embedded PGlite in that directory;
 * - `postgres://…` / `postgresql://…` → PostgreSQL through `pg`.
 */
export async function createDb(url?: string, options: CreateDbOptions = {}): Promise<Db> {
  if (url && /^postgres(ql)?:\/\//.test(url)) return createPostgresDb(url);
  if (url && !url.startsWith('pglite://')) {
    throw new Error(
      `DATABASE_URL must start with postgres://, postgresql:// or pglite:// (got "${url.split(':')[0]}:")`,
    );
  }
  const target = url?.slice('pglite://'.length);
  if (target === 'memory') return createPgliteDb(undefined);
  const dir = target ? path.resolve(target) : path.resolve(options.dataDir ?? './data', 'pglite');
  mkdirSync(dir, { recursive: true });
  return createPgliteDb(dir);
}

async function createPgliteDb(dir: string | undefined): Promise<Db> {
  const pglite = await openPglite(dir);
  const mutex = new Mutex();
  const kysely = new Kysely<Database>({ dialect: new PgliteDialect(pglite, mutex) });
  return {
    engine: 'pglite',
    location: dir ?? 'memory',
    kysely,
    async exclusive(fn) {
      const release = await mutex.lock();
      try {
        return await fn({
          exec: async (script) => {
            await pglite.exec(script);
          },
          query: async <R>(statement: string, params: readonly unknown[] = []) =>
            (await pglite.query<R>(statement, [...params])).rows,
        });
      } finally {
        release();
      }
    },
    async close() {
      await kysely.destroy();
      await pglite.close();
    },
  };
}

function createPostgresDb(url: string): Db {
  const types = {
    getTypeParser: (oid: number, format?: string) => {
      if (oid === PG_TYPE_INT8) return parseInt8;
      if (oid === PG_TYPE_NUMERIC) return parseNumeric;
      if (oid === PG_TYPE_DATE) return parseDate;
      return pg.types.getTypeParser(oid, format as 'text') as (value: string) => unknown;
    },
  };
  const pool = new pg.Pool({ connectionString: url, max: 10, types });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const parsed = new URL(url);
  return {
    engine: 'postgres',
    location: `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`,
    kysely,
    async exclusive(fn) {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [EXCLUSIVE_LOCK_KEY]);
        try {
          return await fn({
            exec: async (script) => {
              await client.query(script);
            },
            query: async <R>(statement: string, params: readonly unknown[] = []) =>
              (await client.query(statement, [...params])).rows as R[],
          });
        } finally {
          await client.query('select pg_advisory_unlock($1)', [EXCLUSIVE_LOCK_KEY]);
        }
      } finally {
        client.release();
      }
    },
    async close() {
      await kysely.destroy();
      // Kysely ends the pool only if it ran a query itself; migrations may have used it alone.
      if (!pool.ending) await pool.end();
    },
  };
}
