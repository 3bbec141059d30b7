// Workflow transitions per second: supervisors' reports driven through the whole loop
// (create → accept → file
// → dispatch → sign_for → photo → feed_back → send_check → check_pass → close) over HTTP with
// each role's API token, many cases in flight, against the server in a child process on the
// bench city. Baseline: the same loop through the core commands in the bench process
// (createCase, performCaseAction, addCasePhoto on a context like the server's: pg pool of 10),
// i.e. the database work of the transitions without HTTP, auth and the view each answer re-reads.
import { actorForApiToken, createApiToken, GRIDS_CACHE } from '@xiuhua/core';
import type { Actor } from '@xiuhua/domain';
import { SYSTEM_ACTOR } from '../../apps/server/src/http/auth/auth.plugin';
import { openWorld, type World } from '../city/world';
import { fmt, type Row } from '../lib/report';
import type { BenchEnv, Section } from '../lib/section';
import {
  cityPoints,
  httpClient,
  rateFigure,
  reportMaker,
  waitsText,
  watchWaits,
} from './load-helpers';
import { spawnChild, type ChildServer } from './server-helpers';
import {
  httpDriver,
  inProcessDriver,
  perStepText,
  runLoops,
  transitionPercentiles,
  TRANSITIONS,
  type Assignment,
  type LoopResult,
  type Role,
} from './workflow-helpers';

const SECTION = 'workflow';
/** Cases in flight; fewer in quick mode so that loops finish inside its short window. */
const IN_FLIGHT = { full: 32, quick: 12 };

type Staff = {
  tokens: Record<Exclude<Role, 'handler'>, string>;
  handlerTokens: Map<number, string>;
  assignments: Assignment[];
};

/** Tokens for the demo centre's staff, a city supervisor and one handler per department used. */
async function staffOf(world: World): Promise<Staff> {
  // The (class, department) pairs the history dispatched most: realistic assignments.
  const { rows } = await world.pool.query<{ class_id: number; department_id: number }>(
    `select class_id, department_ids[1] as department_id from cases
     where class_id is not null and cardinality(department_ids) > 0
     group by 1, 2 order by count(*) desc limit 8`,
  );
  if (rows.length === 0) throw new Error('workflow: the history has no dispatched cases');
  const token = async (username: string) =>
    (
      await createApiToken(world.ctx, SYSTEM_ACTOR, {
        name: `bench workflow ${username} ${Date.now()}`,
        username,
      })
    ).token;
  const handlerTokens = new Map<number, string>();
  for (const departmentId of new Set(rows.map((r) => r.department_id)))
    handlerTokens.set(departmentId, await token(`bench-h-${departmentId}-1`));
  return {
    tokens: {
      operator: await token('operator'),
      shiftLeader: await token('shiftleader'),
      dispatcher: await token('dispatcher'),
      // Reports and checks: the demo supervisor patrols one Yangpu street, the city's bench
      // supervisors the whole district.
      supervisor: await token('bench-sup-1'),
    },
    handlerTokens,
    assignments: rows.map((r) => ({ classId: r.class_id, departmentId: r.department_id })),
  };
}

function requireNoFailures(what: string, result: LoopResult, server?: ChildServer): void {
  if (result.failures.length === 0 && result.loops > 0) return;
  throw new Error(
    `${what}: ${result.failures.length} refused steps, ${result.transitions} transitions and ` +
      `${result.loops} loops closed in ${result.seconds.toFixed(1)} s (p50/p99 ms: ${perStepText(result)}); ` +
      `first refusals: ${result.failures.slice(0, 3).join('\n')}` +
      (server ? `\nserver log tail:\n${server.logTail().slice(-20).join('\n')}` : ''),
  );
}

export const workflowSection: Section = {
  name: SECTION,
  async run(env: BenchEnv): Promise<Row[]> {
    const { options } = env;
    const seconds = options.quick ? 2.5 : 20;
    const warmSeconds = options.quick ? 1 : 3;
    const inFlight = options.quick ? IN_FLIGHT.quick : IN_FLIGHT.full;
    const world = await openWorld(env);
    let server: ChildServer | undefined;
    try {
      const staff = await staffOf(world);
      const points = cityPoints(world.city.grids, 2_000, options.seed + 1).map(
        (p): [number, number] => [p.lng, p.lat],
      );
      const assignment = (n: number) => staff.assignments[n % staff.assignments.length]!;
      env.log(`workflow: starting the server …`);
      server = await spawnChild('serve', {
        env: { DATABASE_URL: world.url, XIUHUA_DATA_DIR: world.ctx.dataDir },
      });
      env.log(`workflow: ${inFlight} cases in flight over HTTP, ${seconds} s …`);
      const client = httpClient(server.url, inFlight * 2);
      const httpWatch = watchWaits(world.pool);
      const http = await runLoops({
        driver: httpDriver(client, staff.tokens, staff.handlerTokens),
        concurrency: inFlight,
        warmSeconds,
        seconds,
        report: reportMaker(points, options.seed + 2, 'supervisor'),
        assignment,
      });
      const httpWaits = await httpWatch.stop();
      client.close();
      await server.stop();
      requireNoFailures('workflow over HTTP', http, server);

      env.log(`workflow: the same loop in-process, ${seconds} s …`);
      // The world's context may hold a grid index from before the city replaced the demo's grids.
      world.ctx.caches.invalidate(GRIDS_CACHE);
      const actor = async (token: string): Promise<Actor> => {
        const found = await actorForApiToken(world.ctx, token);
        if (!found) throw new Error('workflow: a bench token did not resolve');
        return found;
      };
      const handlerActors = new Map<number, Actor>();
      for (const [dept, token] of staff.handlerTokens) handlerActors.set(dept, await actor(token));
      const localWatch = watchWaits(world.pool);
      const local = await runLoops({
        driver: inProcessDriver(
          world.ctx,
          {
            operator: await actor(staff.tokens.operator),
            shiftLeader: await actor(staff.tokens.shiftLeader),
            dispatcher: await actor(staff.tokens.dispatcher),
            supervisor: await actor(staff.tokens.supervisor),
          },
          handlerActors,
        ),
        concurrency: inFlight,
        warmSeconds,
        seconds,
        report: reportMaker(points, options.seed + 3, 'supervisor'),
        assignment,
      });
      const localWaits = await localWatch.stop();
      requireNoFailures('workflow in-process', local);
      env.log(`workflow: HTTP p50/p99 ms per step: ${perStepText(http)}`);
      env.log(`workflow: in-process p50/p99 ms per step: ${perStepText(local)}`);
      env.log(`workflow: busy PostgreSQL sessions over HTTP: ${waitsText(httpWaits)}`);
      env.log(`workflow: busy PostgreSQL sessions in-process: ${waitsText(localWaits)}`);

      const size = `${inFlight} cases in flight, ${seconds} s, ${fmt(world.counts.cases)} cases in history`;
      const httpT = transitionPercentiles(http);
      const localT = transitionPercentiles(local);
      const loopMs = (r: LoopResult) =>
        ['create', 'photo', ...TRANSITIONS]
          .map((s) => r.latencies.get(s) ?? [])
          .reduce(
            (sum, list) => sum + list.reduce((a, b) => a + b, 0) / Math.max(1, list.length),
            0,
          );
      const baselineLabel = 'core commands in-process, no HTTP';
      return [
        {
          section: SECTION,
          measurement: 'workflow transitions over HTTP (accept … close, 8 per case)',
          size,
          xiuhua: rateFigure(
            http.transitions / http.seconds,
            'transitions/s',
            httpT.p50,
            httpT.p99,
          ),
          baseline: {
            ...rateFigure(
              local.transitions / local.seconds,
              'transitions/s',
              localT.p50,
              localT.p99,
            ),
            label: baselineLabel,
          },
          higherIsBetter: true,
          note: `p50/p99 ms per step over HTTP: ${perStepText(http)}; in-process: ${perStepText(local)}`,
        },
        {
          section: SECTION,
          measurement: 'full loops over HTTP (create, 8 transitions, 1 photo)',
          size,
          xiuhua: {
            value: http.loops / http.seconds,
            unit: 'loops/s',
            text: `${fmt(http.loops / http.seconds, 1)} loops/s (${fmt(loopMs(http), 0)} ms of steps per loop)`,
          },
          baseline: {
            value: local.loops / local.seconds,
            unit: 'loops/s',
            text: `${fmt(local.loops / local.seconds, 1)} loops/s (${fmt(loopMs(local), 0)} ms of steps per loop)`,
            label: baselineLabel,
          },
          higherIsBetter: true,
          note: `HTTP: ${fmt(http.creates)} created, ${fmt(http.loops)} closed in the window; in-process: ${fmt(local.creates)} created, ${fmt(local.loops)} closed; busy PostgreSQL sessions over HTTP: ${waitsText(httpWaits)}`,
        },
      ];
    } finally {
      await server?.stop();
      await world.reset();
      await world.close();
    }
  },
};
