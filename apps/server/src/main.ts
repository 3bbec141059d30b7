import path from 'node:path';
import {
  CacheRegistry,
  DEFAULT_SETTINGS,
  isDatabaseEmpty,
  seedDemo,
  type AppContext,
} from '@xiuhua/core';
import { createDb, runMigrations } from '@xiuhua/db';
import { systemClock } from '@xiuhua/domain';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { startSlaSweep } from './jobs/sla-sweep.job';
import { startOutboxDispatch } from './jobs/outbox-dispatch.job';
import { startEvaluationFold } from './jobs/evaluation-fold.job';
import { SYSTEM_ACTOR } from './http/auth/auth.plugin';
import { formatDemoReport } from './demo/demo-report';
import { readDemoSources } from './demo/reference-data';

export type ServerConfig = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** XIUHUA_TILE_URL: a raster tile template for the console map; unset = our own plain basemap. */
  mapTileUrl: string | null;
};

/** Reads PORT, HOST, DATABASE_URL, XIUHUA_DATA_DIR and XIUHUA_TILE_URL with their defaults. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.XIUHUA_DATA_DIR ?? './data'),
    mapTileUrl: env.XIUHUA_TILE_URL || null,
  };
}

/** Opens the database, applies migrations and returns a context for commands. */
export async function openContext(
  config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'> & { mapTileUrl?: string | null },
): Promise<AppContext> {
  const db = await createDb(config.databaseUrl, { dataDir: config.dataDir });
  await runMigrations(db);
  return {
    db,
    clock: systemClock,
    dataDir: config.dataDir,
    settings: { ...DEFAULT_SETTINGS, mapTileUrl: config.mapTileUrl ?? null },
    caches: new CacheRegistry(),
  };
}

export type RunningServer = {
  app: FastifyInstance;
  ctx: AppContext;
  url: string;
  close(): Promise<void>;
};

/**
 * Starts the platform: database, migrations, HTTP. On an empty database the Yangpu demo is
 * seeded first (unless disabled) and its logins printed.
 */
export async function startServer(
  config: ServerConfig,
  options: { seedDemoIfEmpty?: boolean } = {},
): Promise<RunningServer> {
  const ctx = await openContext(config);
  let demoText: string | undefined;
  if (options.seedDemoIfEmpty && (await isDatabaseEmpty(ctx))) {
    const report = await seedDemo(ctx, SYSTEM_ACTOR, readDemoSources());
    demoText = formatDemoReport(report, `http://localhost:${config.port}`);
  }
  const app = await buildApp({ ctx, logger: { level: process.env.LOG_LEVEL ?? 'info' } });
  const address = await app.listen({ port: config.port, host: config.host });
  const stopSweep = startSlaSweep(ctx, app.log);
  const stopOutbox = startOutboxDispatch(ctx, app.log);
  const stopFold = startEvaluationFold(ctx, app.log);
  app.log.info(
    { database: `${ctx.db.engine} ${ctx.db.location}`, dataDir: config.dataDir },
    'xiuhua started',
  );
  if (demoText) process.stdout.write(`${demoText}\n`);
  return {
    app,
    ctx,
    url: address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost'),
    async close() {
      await stopSweep();
      await stopOutbox();
      await stopFold();
      await app.close();
      await ctx.db.close();
    },
  };
}
