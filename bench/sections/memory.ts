// Memory of the server process (VmRSS from /proc/<pid>/status) on the bench city: right after
// start, and after a warm-up that builds the in-memory grid index (intakes locate points; the map
// and grid lookups use it) and queries components and cases by bounding box — components and
// cases are read from the database per request, not held in memory. Baseline: a bare Fastify
// process with one no-op route, after the same number of requests. Both run as `npm start`
// runs the server, under tsx (node --import tsx), whose loader is part of both figures.
import { createApiToken } from '@xiuhua/core';
import { createPrng, type BBox } from '@xiuhua/domain';
import { SYSTEM_ACTOR } from '../../apps/server/src/http/auth/auth.plugin';
import { openWorld } from '../city/world';
import { fmt, type Row } from '../lib/report';
import type { BenchEnv, Section } from '../lib/section';
import { cityPoints, freshKey, httpClient, mib, reportMaker, sleep } from './load-helpers';
import { spawnChild, startChildren, stopAll, type ChildServer } from './server-helpers';

const SECTION = 'memory';
const PARALLEL = 8;

/** `count` windows of `share` of the city's width and height, at random places. */
function windows(city: BBox, count: number, share: number, seed: number): string[] {
  const random = createPrng(seed);
  const [minX, minY, maxX, maxY] = city;
  const w = (maxX - minX) * share;
  const h = (maxY - minY) * share;
  return Array.from({ length: count }, () => {
    const x = minX + random() * (maxX - minX - w);
    const y = minY + random() * (maxY - minY - h);
    return [x, y, x + w, y + h].map((v) => v.toFixed(6)).join(',');
  });
}

/** Runs the requests `PARALLEL` at a time; throws on any answer but 2xx. */
async function drive(requests: (() => Promise<{ status: number; body: string }>)[]) {
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < requests.length) {
        const answer = await requests[next++]!();
        if (answer.status < 200 || answer.status >= 300)
          throw new Error(`memory warm-up: ${answer.status} ${answer.body.slice(0, 300)}`);
      }
    }),
  );
}

export const memorySection: Section = {
  name: SECTION,
  async run(env: BenchEnv): Promise<Row[]> {
    const { options } = env;
    const intakes = options.quick ? 24 : 200;
    const views = options.quick ? 12 : 100;
    const world = await openWorld(env);
    const children: ChildServer[] = [];
    try {
      const { token } = await createApiToken(world.ctx, SYSTEM_ACTOR, {
        name: `bench memory ${Date.now()}`,
        username: 'operator',
      });
      env.log('memory: starting the server and the no-op server …');
      const [server, noop] = await startChildren(
        [
          () =>
            spawnChild('serve', {
              env: { DATABASE_URL: world.url, XIUHUA_DATA_DIR: world.ctx.dataDir },
            }),
          () => spawnChild('noop'),
        ],
        children,
      );
      await sleep(300);
      const atStart = { server: server!.memory(), noop: noop!.memory() };

      const points = cityPoints(world.city.grids, intakes, options.seed + 5);
      const report = reportMaker(
        points.map((p): [number, number] => [p.lng, p.lat]),
        options.seed + 5,
      );
      const api = httpClient(server!.url, PARALLEL);
      const get = (path: string) => () => api.json('GET', path, token);
      const boxes = windows(world.city.bbox, views, 0.2, options.seed);
      const small = windows(world.city.bbox, views, 0.05, options.seed + 1);
      env.log(`memory: warm-up (${intakes} intakes, ${views * 4} map, component and case views) …`);
      await drive([
        ...Array.from(
          { length: intakes },
          () => () =>
            api.send(
              'POST',
              '/api/cases',
              {
                authorization: `Bearer ${token}`,
                'content-type': 'application/json',
                ...freshKey(),
              },
              JSON.stringify(report()),
            ),
        ),
        ...points.map((p) => get(`/api/grids/locate?lng=${p.lng}&lat=${p.lat}`)),
        ...boxes.map((b) => get(`/api/map/grids?bbox=${b}`)),
        ...small.map((b) => get(`/api/map/cases?bbox=${b}`)),
        ...small.map((b) => get(`/api/components?bbox=${b}&pageSize=1000`)),
        ...boxes.map((_b, i) => get(`/api/cases?pageSize=50&page=${1 + i}`)),
        get('/api/map/config'),
      ]);
      api.close();
      const noopApi = httpClient(noop!.url, PARALLEL);
      const body = JSON.stringify(report());
      await drive(
        Array.from(
          { length: intakes * 3 + views * 4 },
          () => () => noopApi.send('POST', '/noop', { 'content-type': 'application/json' }, body),
        ),
      );
      noopApi.close();
      await sleep(options.quick ? 300 : 1000);
      const warm = { server: server!.memory(), noop: noop!.memory() };
      const problems = server!.problems();
      if (problems.length > 0)
        env.log(
          `memory: the server logged ${problems.length} problems:\n${problems.slice(0, 5).join('\n')}`,
        );

      const size = `${fmt(world.counts.grids)} grids, ${fmt(world.counts.components)} components, ${fmt(world.counts.cases)} cases`;
      const label = 'bare Fastify, one no-op route';
      return [
        {
          section: SECTION,
          measurement: 'server RSS right after start',
          size,
          xiuhua: mib(atStart.server.rss),
          baseline: { ...mib(atStart.noop.rss), label },
          higherIsBetter: false,
          note: 'after migrations check and the SLA sweep caught up; before any request',
        },
        {
          section: SECTION,
          measurement: 'server RSS after warm-up (grid index built, map/components/cases views)',
          size,
          xiuhua: mib(warm.server.rss),
          baseline: { ...mib(warm.noop.rss), label: `${label}, same number of requests` },
          higherIsBetter: false,
          note: `peak RSS (VmHWM): server ${fmt(warm.server.hwm / 2 ** 20)} MiB, no-op ${fmt(warm.noop.hwm / 2 ** 20)} MiB; warm-up: ${intakes} intakes, ${intakes} locates, ${views} map grid views (20 % of the city each), ${views} map case and ${views} component views (5 %), ${views} case list pages`,
        },
      ];
    } finally {
      await stopAll(children);
      await world.reset();
      await world.close();
    }
  },
};
