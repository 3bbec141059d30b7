// Load for the HTTP sections: autocannon runs with per-request bodies and our own latency
// samples (autocannon's histogram keeps whole milliseconds), a keep-alive JSON client for
// multi-step flows, realistic case reports, and formatting of rates and latencies.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import autocannon from 'autocannon';
import type pg from 'pg';
import { createGridLocator, createPrng } from '@xiuhua/domain';
import type { CityGrid } from '../city/geometry';
import { fmt, type Figure } from '../lib/report';
import { nowMs, percentile } from '../lib/timing';

export type LoadResult = {
  /** 2xx answers in the measured window. */
  ok: number;
  /** Non-2xx answers, errors and timeouts over the whole run (warm-up included). */
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Length of the measured window. */
  seconds: number;
  /** 2xx answers per second in the measured window. */
  rate: number;
  /** Connections that got at least one 2xx answer during the whole run. */
  connectionsAnswered: number;
  p50: number;
  p99: number;
  statusCodes: Record<string, number>;
  /** The first few non-2xx bodies, for the report. */
  samples: string[];
};

export type LoadOptions = {
  url: string;
  path: string;
  connections: number;
  /** Load before the measured window, in the same run (so no backlog is left behind). */
  warmSeconds: number;
  seconds: number;
  headers?: Record<string, string>;
  /** A fresh body per request. */
  body: () => string;
  /** Extra headers per request (e.g. a fresh Idempotency-Key). */
  perRequestHeaders?: () => Record<string, string>;
};

/**
 * One autocannon run of warm-up plus measured window; answers completed in the window count,
 * with our own latency samples (ms, fractional; autocannon's histogram keeps whole ms).
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const samples: string[] = [];
  const baseHeaders = { 'content-type': 'application/json', ...options.headers };
  let windowStart = Infinity;
  let ok = 0;
  const answered = new Set<unknown>();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.warmSeconds + options.seconds,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            path: options.path,
            setupRequest: (request) => ({
              ...request,
              headers: { ...baseHeaders, ...options.perRequestHeaders?.() },
              body: options.body(),
            }),
            onResponse: (status, body) => {
              if ((status < 200 || status >= 300) && samples.length < 5)
                samples.push(`${status} ${body.slice(0, 300)}`);
            },
          },
        ],
      },
      (error, res) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(res),
    );
    instance.on('start', () => {
      windowStart = nowMs() + options.warmSeconds * 1000;
    });
    instance.on('response', (client, statusCode, _bytes, responseTime) => {
      if (statusCode < 200 || statusCode >= 300) return;
      answered.add(client);
      if (nowMs() < windowStart) return;
      ok++;
      latencies.push(responseTime);
    });
  });
  const seconds = (nowMs() - windowStart) / 1000;
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {}))
    statusCodes[code] = stat.count ?? 0;
  return {
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds,
    rate: ok / seconds,
    connectionsAnswered: answered.size,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    statusCodes,
    samples,
  };
}

/** Throws when a run had refusals, errors or timeouts (or no answers): its rate would mislead. */
export function requireClean(what: string, result: LoadResult, logTail: string[] = []): void {
  if (result.ok > 0 && result.non2xx === 0 && result.errors === 0 && result.timeouts === 0) return;
  throw new Error(
    `${what}: ${result.ok} answers in the window, ${result.non2xx} non-2xx, ${result.errors} errors, ` +
      `${result.timeouts} timeouts (status codes ${JSON.stringify(result.statusCodes)})\n` +
      `first answers: ${result.samples.join('\n')}\n` +
      `server log tail:\n${logTail.slice(-20).join('\n')}`,
  );
}

// ---- case reports ----------------------------------------------------------------------------

const REPORTS = [
  '路边暴露垃圾，多日无人清运，气味难闻',
  '人行道板破损翘起，行人容易绊倒',
  '窨井盖缺失，存在安全隐患，请尽快处理',
  '占道经营，流动摊贩堵塞人行道',
  '电线杆上违规张贴小广告',
  '共享单车乱停放，堵塞盲道',
  '绿化带内垃圾堆积',
  '路灯不亮，夜间通行不便',
  '机动车违规停放在人行道上',
  '夜间施工噪音扰民',
  '道路积水，雨后排水不畅',
  '小区门口乱堆建筑垃圾',
];
const ROADS = ['国定路', '政通路', '黄兴路', '控江路', '长阳路', '平凉路', '四平路', '殷行路'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄'];

export type CaseReport = {
  source: 'hotline_12345' | 'supervisor';
  description: string;
  lng: number;
  lat: number;
  address: string;
  sourceRef?: string;
  reporterName?: string;
  reporterPhone?: string;
};

/**
 * Reports at the given points, deterministic by seed: as the 12345 hotline forwards them
 * (work-order number, caller), or as a supervisor reports from the street.
 */
export function reportMaker(
  points: readonly [number, number][],
  seed: number,
  source: CaseReport['source'] = 'hotline_12345',
): () => CaseReport {
  if (points.length === 0) throw new Error('no points to report at');
  const random = createPrng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  let n = 0;
  return () => {
    n++;
    const [lng, lat] = pick(points);
    const report: CaseReport = {
      source,
      description: pick(REPORTS),
      lng,
      lat,
      address: `${pick(ROADS)}${1 + Math.floor(random() * 1500)}号附近`,
    };
    if (source !== 'hotline_12345') return report;
    return {
      ...report,
      sourceRef: `GD${Date.now().toString(36)}${n}`,
      reporterName: `${pick(SURNAMES)}先生`,
      reporterPhone: `13${String(Math.floor(random() * 1e9)).padStart(9, '0')}`,
    };
  };
}

export type CityPoint = { lng: number; lat: number; grid: CityGrid };

/** Points near the middle of random city grids, each checked to lie inside its grid. */
export function cityPoints(grids: readonly CityGrid[], count: number, seed: number): CityPoint[] {
  const random = createPrng(seed);
  const chosen = Array.from({ length: count }, () => grids[Math.floor(random() * grids.length)]!);
  const locator = createGridLocator(chosen.map((g) => ({ code: g.code, geometry: g.geometry })));
  return chosen.map((grid) => {
    const [minX, minY, maxX, maxY] = grid.bbox;
    const lng = grid.centroid[0] + (random() - 0.5) * 0.3 * (maxX - minX);
    const lat = grid.centroid[1] + (random() - 0.5) * 0.3 * (maxY - minY);
    if (locator.locate(lng, lat)?.code === grid.code) return { lng, lat, grid };
    const [cx, cy] = grid.centroid;
    if (locator.locate(cx, cy)?.code !== grid.code)
      throw new Error(`grid ${grid.code}: its centroid is not inside it`);
    return { lng: cx, lat: cy, grid };
  });
}

export const freshKey = (): Record<string, string> => ({ 'idempotency-key': randomUUID() });

// ---- a keep-alive JSON client for multi-step flows -------------------------------------------

export type HttpAnswer = { status: number; body: string };

export function httpClient(baseUrl: string, maxSockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const url = new URL(baseUrl);
  const send = (
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: Buffer | string,
  ): Promise<HttpAnswer> =>
    new Promise((resolve, reject) => {
      const request = http.request(
        { agent, host: url.hostname, port: url.port, method, path, headers },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  return {
    send,
    json: (method: string, path: string, token: string, body?: unknown) =>
      send(
        method,
        path,
        {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body === undefined ? undefined : JSON.stringify(body),
      ),
    close: () => agent.destroy(),
  };
}

// ---- figures ---------------------------------------------------------------------------------

export function msText(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return `${fmt(ms, ms < 10 ? 2 : ms < 100 ? 1 : 0)} ms`;
}

export function rateText(rate: number): string {
  return rate >= 1e4 ? `${fmt(rate / 1e3, 1)} k` : fmt(rate, rate >= 100 ? 0 : 1);
}

/** "1,234 req/s (p50 3.1 ms, p99 12 ms)". */
export function rateFigure(rate: number, unit: string, p50: number, p99: number): Figure {
  return {
    value: rate,
    unit,
    text: `${rateText(rate)} ${unit} (p50 ${msText(p50)}, p99 ${msText(p99)})`,
  };
}

export function latencyFigure(ms: number, text = msText(ms)): Figure {
  return { value: ms, unit: 'ms', text };
}

export function mib(bytes: number): Figure {
  return { value: bytes / 2 ** 20, unit: 'MiB', text: `${fmt(bytes / 2 ** 20, 0)} MiB` };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---- what the database's sessions wait on during a run -------------------------------------

export type WaitProfile = {
  /** Samples of busy sessions (active or idle in transaction) of the database. */
  samples: number;
  /** Most frequent "wait event · statement" pairs with their share of the samples. */
  top: { what: string; share: number }[];
};

/**
 * Samples pg_stat_activity of the database every `everyMs` (one extra session, one cheap query
 * per sample) and tells what busy sessions waited on: the evidence for a lock or an fsync.
 */
export function watchWaits(pool: pg.Pool, everyMs = 100): { stop(): Promise<WaitProfile> } {
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await pool.query<{ what: string }>(
        `select case when state = 'active'
                     then coalesce(wait_event_type || ':' || wait_event, 'CPU')
                     else 'in transaction, waiting for the app' end || ' · ' ||
                left(regexp_replace(query, '\\s+', ' ', 'g'), 70) as what
         from pg_stat_activity
         where datname = current_database() and pid <> pg_backend_pid()
           and backend_type = 'client backend'
           and state in ('active', 'idle in transaction')`,
      );
      for (const { what } of rows) counts.set(what, (counts.get(what) ?? 0) + 1);
      samples += rows.length;
      await sleep(everyMs);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const top = [...counts.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([what, n]) => ({ what, share: n / Math.max(1, samples) }));
      return { samples, top };
    },
  };
}

export function waitsText(profile: WaitProfile): string {
  return profile.top
    .slice(0, 3)
    .map((t) => `${(t.share * 100).toFixed(0)} % ${t.what}`)
    .join('; ');
}
