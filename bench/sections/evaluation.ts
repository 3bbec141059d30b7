// The monthly evaluation (综合评价) over the whole history: scores and ranks for every object
// type, from the indicator facts, as the console's evaluation page asks for them. Baseline: one
// bare count of the month's facts by kind (a single scan of the same rows, no scoring).
import { evaluate, type EvaluationQuery } from '@xiuhua/core';
import { chinaDateKey, EVALUATION_OBJECT_TYPES, type EvaluationObjectType } from '@xiuhua/domain';
import { SYSTEM_ACTOR } from '../../apps/server/src/http/auth/auth.plugin';
import { CASES_PER_DAY } from '../city/load-history';
import { openWorld } from '../city/world';
import { fmt, type Row } from '../lib/report';
import type { BenchEnv, Section } from '../lib/section';
import { percentile, timeAsync } from '../lib/timing';

// Every object type but the district (one object: the city itself).
const OBJECT_TYPES: EvaluationObjectType[] = EVALUATION_OBJECT_TYPES.filter(
  (t) => t !== 'district',
);

async function run(env: BenchEnv): Promise<Row[]> {
  const world = await openWorld(env);
  try {
    const ctx = { ...world.ctx, clock: { now: () => world.historyEnd } };
    const days = Math.ceil(env.options.cases / CASES_PER_DAY);
    // The last whole month of the history, or all of it when it is shorter than a month.
    const endLocal = chinaDateKey(world.historyEnd);
    const [y, m] = endLocal.split('-').map(Number) as [number, number];
    const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    const query: Omit<EvaluationQuery, 'objectType'> =
      days >= 62
        ? { period: prev }
        : {
            period: 'custom',
            from: chinaDateKey(new Date(world.historyEnd.getTime() - days * 86_400_000)),
            to: chinaDateKey(new Date(world.historyEnd.getTime() - 86_400_000)),
          };
    const label = query.period === 'custom' ? `${query.from} – ${query.to}` : query.period;
    const rounds = env.options.quick ? 1 : 3;
    const times = new Map<EvaluationObjectType, number>();
    for (const objectType of OBJECT_TYPES) {
      env.log(`evaluation: ${objectType} ${label}`);
      if (!env.options.quick) await evaluate(ctx, SYSTEM_ACTOR, { ...query, objectType });
      const samples: number[] = [];
      for (let i = 0; i < rounds; i++)
        samples.push(await timeAsync(() => evaluate(ctx, SYSTEM_ACTOR, { ...query, objectType })));
      times.set(objectType, percentile(samples, 50));
    }
    const monthFrom =
      query.period === 'custom'
        ? new Date(`${query.from}T00:00:00+08:00`)
        : new Date(`${query.period}-01T00:00:00+08:00`);
    const monthTo =
      query.period === 'custom'
        ? new Date(new Date(`${query.to}T00:00:00+08:00`).getTime() + 86_400_000)
        : new Date(new Date(monthFrom).setUTCMonth(monthFrom.getUTCMonth() + 1));
    let facts = 0;
    const floorSamples: number[] = [];
    for (let i = 0; i < rounds; i++)
      floorSamples.push(
        await timeAsync(async () => {
          const { rows } = await world.pool.query<{ n: string }>(
            `select kind, count(*) as n from evaluation_facts where at >= $1 and at < $2 group by kind`,
            [monthFrom, monthTo],
          );
          facts = rows.reduce((s, r) => s + Number(r.n), 0);
        }),
      );
    const floor = percentile(floorSamples, 50);
    const all = [...times.values()].reduce((s, t) => s + t, 0);
    const worst = [...times.entries()].sort((a, b) => b[1] - a[1])[0]!;
    const total10m = env.options.cases >= 10_000_000;
    return [
      {
        section: 'evaluation',
        measurement: `monthly evaluation, all ${OBJECT_TYPES.length} object types`,
        size: `${fmt(env.options.cases)} cases; ${label}: ${fmt(facts)} facts`,
        xiuhua: {
          value: all,
          unit: 'ms',
          text: `${fmt(all)} ms in all; slowest ${worst[0]} ${fmt(worst[1])} ms`,
        },
        baseline: {
          label: "bare count of the month's facts by kind",
          kind: 'limit',
          value: floor,
          unit: 'ms',
          text: `${fmt(floor)} ms`,
        },
        higherIsBetter: false,
        target: {
          text: `< 2 s per evaluation at 10 M cases${total10m ? '' : ' (this run: fewer cases)'}`,
          met: total10m && worst[1] < 2000,
        },
        note: [...times.entries()].map(([k, v]) => `${k} ${fmt(v)} ms`).join(', '),
      },
    ];
  } finally {
    await world.close();
  }
}

export const evaluationSection: Section = { name: 'evaluation', run };
