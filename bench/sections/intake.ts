// Case intake over HTTP: POST /api/cases (hotline reports by the operator's API token, a fresh
// Idempotency-Key each, at points inside random city grids) from 64 connections (autocannon)
// against the server in a child process on the bench city, next to
// (a) single-row autocommit INSERTs of the same rows into `cases` through `pg`, 64 clients —
//     the durability limit (run last, so its rows and WAL do not weigh on the HTTP runs);
// (b) a no-op route on the same Fastify, same body and connections — the HTTP limit;
// (c) the same intake on embedded PGlite: a copy of a migrated database seeded with the demo
//     district without history (Yangpu's grids; the seeded template is kept in the temp dir).
// The servers run as `xiuhua serve` does, with the SLA sweep (30 s) and the outbox dispatch
// (5 s); each reports ready after the sweep caught up with the timers that crossed since the
// history ended, and one request builds the grid index before the clock runs.
import { createApiToken } from '@xiuhua/core';
import { SYSTEM_ACTOR } from '../../apps/server/src/http/auth/auth.plugin';
import { openWorld } from '../city/world';
import { fmt, type Row } from '../lib/report';
import type { BenchEnv, Section } from '../lib/section';
import { nowMs } from '../lib/timing';
import { caseRowValues, rawInserts } from './intake-helpers';
import {
  cityPoints,
  freshKey,
  latencyFigure,
  msText,
  rateFigure,
  reportMaker,
  requireClean,
  runLoad,
  waitsText,
  watchWaits,
  type LoadResult,
} from './load-helpers';
import {
  freshPgliteCopy,
  spawnChild,
  startChildren,
  stopAll,
  type ChildServer,
} from './server-helpers';

const SECTION = 'intake';
const CONNECTIONS = 64;
const TARGET_SHARE = 0.5;
const TARGET_P99_MS = 50;

/** Warm-up then a measured run of hotline reports against `server`. */
async function intakeLoad(
  server: ChildServer,
  token: string,
  points: readonly [number, number][],
  seed: number,
  warmSeconds: number,
  seconds: number,
): Promise<LoadResult> {
  const report = reportMaker(points, seed);
  // One request first: it builds the server's grid index (seconds for 40,000 grids), which
  // would otherwise hold the first 64 requests and eat the short quick-mode window.
  const first = await fetch(`${server.url}/api/cases`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...freshKey(),
    },
    body: JSON.stringify(report()),
  });
  if (first.status !== 201)
    throw new Error(`intake: first case ${first.status} ${await first.text()}`);
  const result = await runLoad({
    url: server.url,
    path: '/api/cases',
    connections: CONNECTIONS,
    warmSeconds,
    seconds,
    headers: { authorization: `Bearer ${token}` },
    body: () => JSON.stringify(report()),
    perRequestHeaders: freshKey,
  });
  return result;
}

async function noopLoad(server: ChildServer, warmSeconds: number, seconds: number) {
  const report = reportMaker([[121.5, 31.3]], 1);
  const result = await runLoad({
    url: server.url,
    path: '/noop',
    connections: CONNECTIONS,
    warmSeconds,
    seconds,
    body: () => JSON.stringify(report()),
    perRequestHeaders: freshKey,
  });
  requireClean('no-op route', result, server.logTail());
  return result;
}

export const intakeSection: Section = {
  name: SECTION,
  async run(env: BenchEnv): Promise<Row[]> {
    const { options } = env;
    const seconds = options.quick ? 2.5 : 20;
    const warmSeconds = options.quick ? 0.5 : 2;
    // The baselines answer in milliseconds: in quick mode a shorter window samples them enough.
    const baselineSeconds = options.quick ? 1.5 : seconds;
    const world = await openWorld(env);
    const children: ChildServer[] = [];
    const problemsDuringLoad: [string, string[]][] = [];
    let pglite: Awaited<ReturnType<typeof freshPgliteCopy>> | undefined;
    try {
      const { token, row } = await createApiToken(world.ctx, SYSTEM_ACTOR, {
        name: `bench intake ${Date.now()}`,
        username: 'operator',
      });
      const cityAt = cityPoints(world.city.grids, 5_000, options.seed);
      const points = cityAt.map((p): [number, number] => [p.lng, p.lat]);
      pglite = await freshPgliteCopy((message) => env.log(message));
      env.log(`intake: starting the servers (PostgreSQL, PGlite, no-op) …`);
      const startAt = nowMs();
      const [noop, server, embedded] = await startChildren(
        [
          () => spawnChild('noop'),
          () =>
            spawnChild('serve', {
              env: { DATABASE_URL: world.url, XIUHUA_DATA_DIR: world.ctx.dataDir },
            }),
          () =>
            spawnChild('serve', {
              env: {
                DATABASE_URL: pglite!.url,
                XIUHUA_DATA_DIR: pglite!.dir,
                BENCH_TOKEN_USERS: 'operator',
                BENCH_SAMPLE_POINTS: '500',
              },
            }),
        ],
        children,
      );

      env.log(
        `intake: servers ready in ${((nowMs() - startAt) / 1000).toFixed(1)} s; no-op route …`,
      );
      const http = await noopLoad(noop!, warmSeconds, baselineSeconds);
      await noop!.stop();

      env.log(`intake: POST /api/cases on PostgreSQL, ${CONNECTIONS} connections, ${seconds} s …`);
      const watch = watchWaits(world.pool);
      const pg = await intakeLoad(server!, token, points, options.seed, warmSeconds, seconds);
      const waits = await watch.stop();
      env.log(
        `intake: PostgreSQL ${fmt(pg.rate, 1)} cases/s, p99 ${msText(pg.p99)}, ${pg.connectionsAnswered} of ${CONNECTIONS} connections answered; busy sessions: ${waitsText(waits)}`,
      );
      requireClean('intake on PostgreSQL', pg, server!.logTail());
      // Problems logged before stopping: at shutdown, requests whose connections the load
      // generator dropped still run and fail on the closed pool, which is expected.
      problemsDuringLoad.push(['PostgreSQL', server!.problems()]);
      await server!.stop();

      env.log(`intake: POST /api/cases on PGlite …`);
      const embeddedToken = embedded!.tokens.operator;
      if (!embeddedToken) throw new Error('the PGlite server issued no token');
      const lite = await intakeLoad(
        embedded!,
        embeddedToken,
        embedded!.points,
        options.seed,
        warmSeconds,
        seconds,
      );
      requireClean('intake on PGlite', lite, embedded!.logTail());
      env.log(
        `intake: PGlite ${fmt(lite.rate, 1)} cases/s, p99 ${msText(lite.p99)}, ${lite.connectionsAnswered} of ${CONNECTIONS} connections answered`,
      );
      problemsDuringLoad.push(['PGlite', embedded!.problems()]);
      await embedded!.stop();

      // Last, so its thousands of rows (and their WAL) do not weigh on the runs above.
      env.log(`intake: raw inserts, ${CONNECTIONS} clients, ${baselineSeconds} s …`);
      const report = reportMaker(points, options.seed);
      const run = Date.now().toString(36).toUpperCase();
      const raw = await rawInserts({
        url: world.url,
        clients: CONNECTIONS,
        seconds: baselineSeconds,
        warmSeconds: options.quick ? 0.25 : warmSeconds,
        row: (n) =>
          caseRowValues(
            `${world.city.districtCode}-RAW${run}-${n}`,
            report(),
            cityAt[n % cityAt.length]!,
            world.city.districtCode,
            row.user_id,
          ),
      });
      for (const [child, problems] of problemsDuringLoad) {
        if (problems.length > 0)
          env.log(
            `intake: the ${child} server logged ${problems.length} problems under load, first:\n${problems.slice(0, 5).join('\n')}`,
          );
      }

      const window =
        baselineSeconds === seconds
          ? `${seconds} s`
          : `${seconds} s (baselines ${baselineSeconds} s)`;
      const size = `${CONNECTIONS} connections, ${window}, ${fmt(world.counts.grids)} grids, ${fmt(world.counts.cases)} cases`;
      const share = pg.rate / raw.rate;
      const note = `${fmt(pg.ok)} cases in ${pg.seconds.toFixed(1)} s, 0 non-2xx; busy PostgreSQL sessions: ${waitsText(waits)}`;
      return [
        {
          section: SECTION,
          measurement: 'POST /api/cases on PostgreSQL vs single-row INSERTs (durability limit)',
          size,
          xiuhua: rateFigure(pg.rate, 'cases/s', pg.p50, pg.p99),
          baseline: {
            ...rateFigure(raw.rate, 'rows/s', raw.p50, raw.p99),
            label: `pg, ${CONNECTIONS} clients, autocommit INSERT into cases`,
          },
          higherIsBetter: true,
          target: {
            text: `≥ ${TARGET_SHARE * 100} % of raw inserts (${(share * 100).toFixed(0)} %) and p99 < ${TARGET_P99_MS} ms`,
            met: share >= TARGET_SHARE && pg.p99 < TARGET_P99_MS,
          },
          note,
        },
        {
          section: SECTION,
          measurement: 'POST /api/cases p99 latency vs single-row INSERT p99',
          size,
          xiuhua: latencyFigure(pg.p99),
          baseline: { ...latencyFigure(raw.p99), label: 'raw INSERT' },
          higherIsBetter: false,
          target: { text: `p99 < ${TARGET_P99_MS} ms`, met: pg.p99 < TARGET_P99_MS },
        },
        {
          section: SECTION,
          measurement: 'POST /api/cases vs a no-op Fastify route (HTTP limit)',
          size,
          xiuhua: rateFigure(pg.rate, 'req/s', pg.p50, pg.p99),
          baseline: {
            ...rateFigure(http.rate, 'req/s', http.p50, http.p99),
            label: `Fastify POST /noop, JSON body → 201 {}`,
          },
          higherIsBetter: true,
        },
        {
          section: SECTION,
          measurement: 'POST /api/cases on embedded PGlite (demo district) vs PostgreSQL',
          size: `${CONNECTIONS} connections, ${seconds} s; PGlite: ${fmt(embedded!.points.length)} demo grids sampled, no history`,
          xiuhua: rateFigure(lite.rate, 'cases/s', lite.p50, lite.p99),
          baseline: {
            ...rateFigure(pg.rate, 'cases/s', pg.p50, pg.p99),
            label: 'PostgreSQL 15, bench city',
          },
          higherIsBetter: true,
          note:
            `PGlite p99 ${msText(lite.p99)}; ${fmt(lite.ok)} cases, 0 non-2xx; ` +
            `${lite.connectionsAnswered} of ${CONNECTIONS} connections answered at least once ` +
            `(PostgreSQL: ${pg.connectionsAnswered})`,
        },
      ];
    } finally {
      const t0 = nowMs();
      await stopAll(children);
      const t1 = nowMs();
      pglite?.dispose();
      await world.reset();
      await world.close();
      env.log(
        `intake: cleanup ${((t1 - t0) / 1000).toFixed(1)} s stopping, ${((nowMs() - t1) / 1000).toFixed(1)} s reset`,
      );
    }
  },
};
