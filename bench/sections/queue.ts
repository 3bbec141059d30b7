// Work queues and search with the whole history loaded, through the same core queries the
// console's pages call (scope checks, counting, lights). Baseline: fetching one case by id
// through the same connection (the database round trip every page pays anyway).
import { actorFromUser, listCases, queueCounts, type CaseListQuery } from '@xiuhua/core';
import { caseRepository, userRepository } from '@xiuhua/db';
import { CASE_STATES, type Actor } from '@xiuhua/domain';
import { openWorld, type World } from '../city/world';
import { fmt, type Row } from '../lib/report';
import type { BenchEnv, Section } from '../lib/section';
import { percentile, timeAsync } from '../lib/timing';

async function actorOf(world: World, username: string): Promise<Actor> {
  const user = await userRepository.findByUsername(world.ctx.db.kysely, username);
  if (!user) throw new Error(`no user ${username} in the bench city`);
  return actorFromUser(user, 'session');
}

async function latency(rounds: number, fn: () => Promise<unknown>) {
  await fn(); // warm
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) samples.push(await timeAsync(fn));
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

const OPEN_STATES = CASE_STATES.filter(
  (s) => s !== 'CLOSED' && s !== 'VOID' && s !== 'DRAFT' && s !== 'ON_HOLD',
);

async function run(env: BenchEnv): Promise<Row[]> {
  const world = await openWorld(env);
  try {
    const ctx = {
      ...world.ctx,
      clock: { now: () => new Date(world.historyEnd.getTime() + 3600_000) },
    };
    const commander = await actorOf(world, 'commander');
    const operator = await actorOf(world, 'operator');
    const handler = await actorOf(world, 'department');
    const page = { page: 1, pageSize: 20 };
    const rounds = env.options.quick ? 5 : 20;
    const sampleId = Math.floor(env.options.cases / 2);
    const floor = await latency(rounds * 5, () => caseRepository.findById(ctx.db.kysely, sampleId));
    const { rows: numbers } = await world.pool.query<{ case_number: string }>(
      'select case_number from cases where id = $1',
      [sampleId],
    );
    const cases: [string, Actor, CaseListQuery | 'counts'][] = [
      ['desk counters (per state, red lights)', commander, 'counts'],
      ['intake queue: 待受理, newest first', operator, { states: ['PENDING_ACCEPT'] }],
      [
        'all open cases, soonest deadline first',
        commander,
        { states: [...OPEN_STATES], sort: 'due' },
      ],
      ['red-light cases', commander, { light: 'red' }],
      ["a department's 处置中 queue", handler, { states: ['DISPOSING'] }],
      ['search: words in description/address', commander, { q: '井盖' }],
      ['search: a case number', commander, { q: numbers[0]?.case_number ?? 'x' }],
    ];
    const rows: Row[] = [];
    for (const [measurement, actor, query] of cases) {
      env.log(`queue: ${measurement}`);
      let total = 0;
      const t = await latency(rounds, async () => {
        if (query === 'counts') await queueCounts(ctx, actor);
        else total = (await listCases(ctx, actor, query, page)).total;
      });
      rows.push({
        section: 'queues and search',
        measurement,
        size: `${fmt(env.options.cases)} cases${query === 'counts' ? '' : `, ${fmt(total)} match, first page of 20`}`,
        xiuhua: {
          value: t.p50,
          unit: 'ms',
          text: `p50 ${t.p50.toFixed(1)} ms, p99 ${t.p99.toFixed(1)} ms`,
        },
        baseline: {
          label: 'one case by id',
          kind: 'limit',
          value: floor.p50,
          unit: 'ms',
          text: `p50 ${floor.p50.toFixed(2)} ms`,
        },
        higherIsBetter: false,
        target: { text: 'p50 < 100 ms (ours)', met: t.p50 < 100 },
      });
    }
    return rows;
  } finally {
    await world.close();
  }
}

export const queueSection: Section = { name: 'queue', run };
