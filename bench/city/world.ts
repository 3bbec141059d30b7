// The bench city in PostgreSQL: the demo's organisations, users, class catalogue, calendars and
// rules (seeded through the real commands), with its geography replaced by the synthetic city
// (N grids), a component inventory of M and a history of K cases with their timers, action log
// and indicator facts — bulk loaded with COPY, deterministic by seed. A loaded city is reused
// by the next run when its sizes and seed are the same.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CacheRegistry,
  caseNumberDay,
  DEFAULT_SETTINGS,
  GRIDS_CACHE,
  seedDemo,
  type AppContext,
} from '@xiuhua/core';
import { createDb, runMigrations, type Db } from '@xiuhua/db';
import { geodesicAreaM2, systemClock } from '@xiuhua/domain';
import pg from 'pg';
import { SYSTEM_ACTOR } from '../../apps/server/src/http/auth/auth.plugin';
import { readDemoSources } from '../../apps/server/src/demo/reference-data';
import type { BenchEnv } from '../lib/section';
import { nowMs } from '../lib/timing';
import { copyLine, openCopy } from './copy';
import { generateCity, type City } from './geometry';
import { loadComponents } from './load-components';
import { loadHistory, type HistoryCounts } from './load-history';
import { loadPeople, type People } from './load-people';

/** Bump when the generated data changes, so stale cities are rebuilt. */
const GENERATOR_VERSION = 1;

export type World = {
  url: string;
  ctx: AppContext;
  pool: pg.Pool;
  city: City;
  people: People;
  /** First moment after the history (China midnight today): new cases come after it. */
  historyEnd: Date;
  counts: { grids: number; components: number; cases: number } & Partial<HistoryCounts>;
  /** Seconds each loading stage took (absent when the city was reused). */
  loadSeconds: Record<string, number> | null;
  /** Removes what measurements wrote (cases after the history, sweep marks and slips). */
  reset(): Promise<void>;
  close(): Promise<void>;
};

/** One database per history size, so a quick city and a full one can both be kept. */
export function worldDatabase(cases: number): string {
  return `xiuhua_bench_city_${cases}`;
}

export function worldUrl(pgUrl: string, cases: number): string {
  const url = new URL(pgUrl);
  url.pathname = `/${worldDatabase(cases)}`;
  return url.toString();
}

/** Midnight in China of the day containing `at`. */
export function chinaMidnight(at: Date): Date {
  const shifted = at.getTime() + 8 * 3600_000;
  return new Date(shifted - (shifted % 86_400_000) - 8 * 3600_000);
}

export async function openWorld(env: BenchEnv): Promise<World> {
  const { options } = env;
  const url = worldUrl(options.pgUrl, options.cases);
  const name = worldDatabase(options.cases);
  const historyEnd = chinaMidnight(new Date());
  const wanted = {
    version: GENERATOR_VERSION,
    seed: options.seed,
    grids: options.grids,
    components: options.components,
    cases: options.cases,
    historyEnd: historyEnd.toISOString(),
  };
  const admin = new pg.Pool({ connectionString: options.pgUrl, max: 1 });
  const exists =
    (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  let reuse = false;
  if (exists) {
    const probe = new pg.Pool({ connectionString: url, max: 1 });
    try {
      const { rows } = await probe.query<{ meta: typeof wanted }>(
        'select meta from bench_meta limit 1',
      );
      const meta = rows[0]?.meta as Record<string, unknown> | undefined;
      reuse = meta !== undefined && Object.entries(wanted).every(([k, v]) => meta[k] === v);
    } catch {
      reuse = false;
    } finally {
      await probe.end();
    }
  }
  if (!reuse) {
    if (exists) await dropDatabase(admin, name);
    await admin.query(`create database ${name}`);
  }
  await admin.end();

  const city = generateCity({ grids: options.grids, seed: options.seed });
  const db: Db = await createDb(url);
  await runMigrations(db);
  const ctx: AppContext = {
    db,
    clock: systemClock,
    dataDir: mkdtempSync(path.join(tmpdir(), 'xiuhua-bench-')),
    settings: { ...DEFAULT_SETTINGS },
    caches: new CacheRegistry(),
  };
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  const world = (
    people: People,
    counts: World['counts'],
    loadSeconds: World['loadSeconds'],
  ): World => ({
    url,
    ctx,
    pool,
    city,
    people,
    historyEnd,
    counts,
    loadSeconds,
    reset: () => resetWorld(pool, options.cases, historyEnd),
    async close() {
      await pool.end();
      await db.close();
    },
  });

  if (reuse) {
    await resetWorld(pool, options.cases, historyEnd);
    env.log(`bench city: reusing the loaded city (${url.replace(/\/\/.*@/, '//')})`);
    const people = await loadPeople(pool, { existing: true });
    const counts = { grids: options.grids, components: options.components, cases: options.cases };
    return world(people, counts, null);
  }

  const seconds: Record<string, number> = {};
  const stage = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const start = nowMs();
    env.log(`bench city: ${name} …`);
    const result = await fn();
    seconds[name] = (nowMs() - start) / 1000;
    return result;
  };
  await stage('demo organisations, users, classes, calendars', () =>
    seedDemo(ctx, SYSTEM_ACTOR, readDemoSources(), { history: false }),
  );
  await stage(`geography (${city.grids.length} grids)`, () => loadGeography(pool, city));
  // The demo's grid index was built while seeding; the city's grids replace it.
  ctx.caches.invalidate(GRIDS_CACHE);
  const people = await stage('people', () => loadPeople(pool, { existing: false }));
  await stage(`components (${options.components})`, () =>
    loadComponents(pool, city, { count: options.components, seed: options.seed }),
  );
  const history = await stage(`history (${options.cases} cases)`, () =>
    loadHistory(pool, city, people, {
      count: options.cases,
      seed: options.seed,
      end: historyEnd,
      log: (message) => env.log(message),
    }),
  );
  // Vacuumed as well as analysed, as a live database would be: otherwise autovacuum works
  // through the freshly loaded tables during the first measurements.
  await stage('vacuum', () => pool.query('vacuum (analyze)'));
  await pool.query('create table bench_meta (meta jsonb not null)');
  await pool.query('insert into bench_meta (meta) values ($1)', [JSON.stringify(wanted)]);
  const counts = {
    grids: city.grids.length,
    components: options.components,
    cases: options.cases,
    ...history,
  };
  return world(people, counts, seconds);
}

/** Replaces the demo's grids, responsibility grids and components with the synthetic city. */
async function loadGeography(pool: pg.Pool, city: City): Promise<void> {
  await pool.query('delete from components');
  await pool.query('delete from unit_grids');
  await pool.query('delete from responsibility_grid_supervisors');
  await pool.query('delete from responsibility_grids');
  const divisions = await openCopy(pool, 'divisions', [
    'code',
    'level',
    'name',
    'parent_code',
    'outline',
    'min_lng',
    'min_lat',
    'max_lng',
    'max_lat',
    'area_class',
  ]);
  for (const d of [...city.streets, ...city.communities])
    await divisions.write(
      copyLine([
        d.code,
        d.level,
        d.name,
        d.parentCode,
        JSON.stringify(d.outline),
        ...d.bbox,
        'core',
      ]),
    );
  await divisions.end();
  const responsibility = await openCopy(pool, 'responsibility_grids', [
    'code',
    'name',
    'district_code',
    'street_code',
  ]);
  for (const c of city.communities)
    await responsibility.write(
      copyLine([`RG-${c.code}`, `${c.name}责任网格`, city.districtCode, c.parentCode]),
    );
  await responsibility.end();
  const grids = await openCopy(pool, 'unit_grids', [
    'code',
    'district_code',
    'street_code',
    'community_code',
    'geometry',
    'area_m2',
    'min_lng',
    'min_lat',
    'max_lng',
    'max_lat',
    'centroid_lng',
    'centroid_lat',
    'responsibility_grid_code',
  ]);
  let chunk = '';
  for (const g of city.grids) {
    chunk += copyLine([
      g.code,
      city.districtCode,
      g.streetCode,
      g.communityCode,
      JSON.stringify(g.geometry),
      Math.round(geodesicAreaM2(g.geometry) * 10) / 10,
      ...g.bbox,
      ...g.centroid,
      `RG-${g.communityCode}`,
    ]);
    if (chunk.length > 1 << 20) {
      await grids.write(chunk);
      chunk = '';
    }
  }
  await grids.write(chunk);
  await grids.end();
}

/**
 * Puts the city back as generated: deletes the cases made after the history (ids above the
 * history's) and every row referring to them, and undoes what sweeps marked after its end.
 */
async function resetWorld(pool: pg.Pool, lastHistoryId: number, historyEnd: Date): Promise<void> {
  const { rows } = await pool.query<{ tbl: string; col: string }>(
    `select c.conrelid::regclass::text as tbl, a.attname as col
     from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
     where c.confrelid = 'cases'::regclass and c.contype = 'f' and c.conrelid <> 'cases'::regclass`,
  );
  await pool.query('alter table case_actions disable trigger case_actions_no_update');
  try {
    for (const { tbl, col } of rows)
      await pool.query(`delete from ${tbl} where ${col} > $1`, [lastHistoryId]);
  } finally {
    await pool.query('alter table case_actions enable trigger case_actions_no_update');
  }
  await pool.query('update cases set parent_case_id = null where parent_case_id > $1', [
    lastHistoryId,
  ]);
  await pool.query('delete from cases where id > $1', [lastHistoryId]);
  await pool.query('delete from supervision_slips where issued_at >= $1', [historyEnd]);
  await pool.query('delete from outbox_events where created_at >= $1', [historyEnd]);
  await pool.query('delete from idempotency_keys');
  await pool.query(
    'update case_timers set yellow_at = null where yellow_at >= $1 and case_id <= $2',
    [historyEnd, lastHistoryId],
  );
  await pool.query('update case_timers set red_at = null where red_at >= $1 and case_id <= $2', [
    historyEnd,
    lastHistoryId,
  ]);
  await pool.query(`select setval(pg_get_serial_sequence('cases', 'id'), $1::bigint + 1, false)`, [
    lastHistoryId,
  ]);
  await pool.query(`delete from case_number_counters where day >= $1`, [caseNumberDay(historyEnd)]);
}

/** Drops a database; autovacuum (another role) may hold it a moment, so it retries briefly. */
async function dropDatabase(admin: pg.Pool, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`drop database ${name} with (force)`);
      return;
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
