// A server for the HTTP sections, run as a child process so the load generator does not share
// its event loop: `node --import tsx bench/sections/server-child.ts <mode>`.
//   serve  the platform as `xiuhua serve` starts it (startServer: migrations, HTTP, the SLA
//          sweep every 30 s and the outbox dispatch every 5 s) on DATABASE_URL, PORT, HOST,
//          LOG_LEVEL; never seeds; ready once the sweep has caught up (see serve()). BENCH_TOKEN_USERS=a,b issues API tokens for those users and
//          BENCH_SAMPLE_POINTS=n reports n points inside unit grids (for databases the bench
//          process cannot open itself, i.e. PGlite).
//   noop   the HTTP limit: the same Fastify, one route `POST /noop` that parses the JSON body
//          and answers 201 {}.
//   seed   migrates DATABASE_URL and seeds the demo district without history, then exits.
// When ready it prints one line `@@bench-ready {json}` on stdout; SIGTERM closes it cleanly
// (so `--cpu-prof` gets written).
// The platform is imported only by the modes that run it, so the no-op server is a bare Fastify
// process (its memory is the baseline of the memory section).
import type { AppContext } from '@xiuhua/core';
import Fastify from 'fastify';
import { READY_PREFIX, type ChildReady } from './server-helpers';

const platform = async () => {
  const [core, domain, auth, demo, main] = await Promise.all([
    import('@xiuhua/core'),
    import('@xiuhua/domain'),
    import('../../apps/server/src/http/auth/auth.plugin'),
    import('../../apps/server/src/demo/reference-data'),
    import('../../apps/server/src/main'),
  ]);
  return { ...core, ...domain, ...auth, ...demo, ...main };
};

function ready(info: Omit<ChildReady, 'pid'>): void {
  process.stdout.write(`${READY_PREFIX}${JSON.stringify({ pid: process.pid, ...info })}\n`);
}

function onSignal(close: () => Promise<void>): void {
  const stop = () => {
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`bench child: close failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

async function issueTokens(ctx: AppContext, usernames: string[]): Promise<Record<string, string>> {
  const { createApiToken, SYSTEM_ACTOR } = await platform();
  const tokens: Record<string, string> = {};
  for (const username of usernames) {
    const { token } = await createApiToken(ctx, SYSTEM_ACTOR, {
      name: `bench ${username} ${Date.now()}`,
      username,
    });
    tokens[username] = token;
  }
  return tokens;
}

/** Up to `count` points, each near the middle of a different unit grid and inside it. */
async function samplePoints(ctx: AppContext, count: number): Promise<[number, number][]> {
  if (count <= 0) return [];
  const { gridIndex, polygonsOf } = await platform();
  const { locator } = await gridIndex(ctx);
  const grids = locator.all();
  const step = Math.max(1, Math.floor(grids.length / count));
  const points: [number, number][] = [];
  for (let i = 0; i < grids.length && points.length < count; i += step) {
    const grid = grids[i]!;
    const ring = polygonsOf(grid.geometry)[0]?.[0];
    if (!ring || ring.length === 0) continue;
    const lng = ring.reduce((s, p) => s + p[0], 0) / ring.length;
    const lat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
    if (locator.locate(lng, lat)?.code === grid.code) points.push([lng, lat]);
  }
  return points;
}

async function serve(): Promise<void> {
  const { configFromEnv, startServer, sweepTimers } = await platform();
  const config = configFromEnv();
  const server = await startServer(config, { seedDemoIfEmpty: false });
  onSignal(() => server.close());
  // The server's first sweep round catches up with every timer that crossed since the bench
  // history ended (world.reset() undoes those marks): sweep alongside it (rows are claimed with
  // SKIP LOCKED) and report ready only when that catch-up is done, so it is not measured.
  await sweepTimers(server.ctx);
  const users = (process.env.BENCH_TOKEN_USERS ?? '').split(',').filter(Boolean);
  const tokens = await issueTokens(server.ctx, users);
  const points = await samplePoints(server.ctx, Number(process.env.BENCH_SAMPLE_POINTS ?? 0));
  ready({ port: Number(new URL(server.url).port), tokens, points });
}

async function noop(): Promise<void> {
  const app = Fastify({ logger: false });
  app.post('/noop', async (_request, reply) => reply.status(201).send({}));
  await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });
  onSignal(() => app.close());
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  ready({ port, tokens: {}, points: [] });
}

async function seed(): Promise<void> {
  const { configFromEnv, openContext, seedDemo, SYSTEM_ACTOR, readDemoSources } = await platform();
  const config = configFromEnv();
  const ctx = await openContext(config);
  try {
    await seedDemo(ctx, SYSTEM_ACTOR, readDemoSources(), { history: false });
  } finally {
    await ctx.db.close();
  }
  ready({ port: 0, tokens: {}, points: [] });
}

const modes: Record<string, () => Promise<void>> = { serve, noop, seed };
const mode = process.argv[2] ?? '';
const run = modes[mode];
if (!run) {
  process.stderr.write(`bench child: unknown mode "${mode}" (serve, noop, seed)\n`);
  process.exit(2);
}
run().catch((error: unknown) => {
  process.stderr.write(
    `bench child (${mode}) failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
