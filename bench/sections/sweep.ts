// The SLA sweep with a million open cases: one running disposal timer per history case is
// added (due over the next ten days, 5 % already overdue, the most overdue already warned), then
// the sweep runs as the server's job does, once a minute, and once after an hour's outage.
// Baseline: the bare SQL that marks the same timers, without events or slips (the floor).
import { sweepTimers, type AppContext } from '@xiuhua/core';
import type { Clock } from '@xiuhua/domain';
import { openWorld, type World } from '../city/world';
import { fmt, type Row } from '../lib/report';
import type { BenchEnv, Section } from '../lib/section';
import { percentile, timeAsync } from '../lib/timing';

class BenchClock implements Clock {
  constructor(private at: number) {}
  now() {
    return new Date(this.at);
  }
  set(at: number) {
    this.at = at;
  }
}

/** Adds `count` running disposal timers (3 working days) to the history's cases. */
async function addOpenTimers(world: World, count: number, t0: Date): Promise<number> {
  const { rows } = await world.pool.query<{ first: string }>(
    `select coalesce(max(id), 0) + 1 as first from case_timers`,
  );
  const first = Number(rows[0]!.first);
  // Deadlines: 95 % spread over the ten days after t0, 5 % up to ten days before it.
  await world.pool.query(
    `insert into case_timers (case_id, step, status, started_at, unit, limit_minutes,
       running_since, due_at, warn_at, yellow_at, red_at, warning_check_at, scheme_code)
     select c.id, 'dispose', 'running', d.due - interval '4 days', 'working_day', 1440,
       d.due - interval '4 days', d.due, d.due - interval '19 hours',
       case when d.due - interval '19 hours' <= $2 then $2 end,
       case when d.due <= $2 then $2 end, case when d.due <= $2 then $2 end, 'bench'
     from (select id, row_number() over (order by id) as n from cases order by id limit $1) c,
       lateral (select case when (c.n * 7919) % 100 < 5
                 then $2::timestamptz - ((c.n * 104729) % 864000) * interval '1 second'
                 else $2::timestamptz + ((c.n * 104729) % 864000) * interval '1 second' end as due) d`,
    [count, t0],
  );
  // The most overdue (over half their limit again, in natural time) were warned long ago.
  await world.pool.query(
    `insert into supervision_slips (case_id, kind, origin, timer_id, reason, issued_at)
     select case_id, 'warning', 'auto', id, '基准测试：已警示', $2
     from case_timers where id >= $1 and red_at is not null and due_at < $2::timestamptz - interval '2 days'`,
    [first, t0],
  );
  await world.pool.query(
    `update case_timers set warned_at = $2
     where id >= $1 and red_at is not null and due_at < $2::timestamptz - interval '2 days'`,
    [first, t0],
  );
  // A live table is vacuumed as it goes; a million rows inserted at once are not yet, and
  // autovacuum would work on them during the measurement.
  await world.pool.query('vacuum (analyze) case_timers');
  await world.pool.query('vacuum (analyze) supervision_slips');
  return first;
}

async function removeOpenTimers(world: World, first: number): Promise<void> {
  await world.pool.query('delete from supervision_slips where timer_id >= $1', [first]);
  await world.pool.query(
    `delete from outbox_events where type like 'case.timer.%' and (payload->>'timerId')::bigint >= $1`,
    [first],
  );
  await world.pool.query('delete from case_timers where id >= $1', [first]);
}

/** The floor: mark the timers crossing in (from, to] with two plain UPDATEs. */
async function bareMark(world: World, now: Date): Promise<number> {
  const yellow = await world.pool.query(
    `update case_timers set yellow_at = $1
     where status = 'running' and yellow_at is null and warn_at <= $1 returning id`,
    [now],
  );
  const red = await world.pool.query(
    `update case_timers set red_at = $1
     where status = 'running' and red_at is null and due_at <= $1 returning id`,
    [now],
  );
  return (yellow.rowCount ?? 0) + (red.rowCount ?? 0);
}

async function run(env: BenchEnv): Promise<Row[]> {
  const world = await openWorld(env);
  const open = env.options.quick ? 100_000 : 1_000_000;
  const count = Math.min(open, env.options.cases);
  const clock = new BenchClock(world.historyEnd.getTime() + 3600_000);
  const ctx: AppContext = { ...world.ctx, clock };
  const t0 = clock.now();
  let first = 0;
  try {
    env.log(`sweep: adding ${fmt(count)} running timers …`);
    first = await addOpenTimers(world, count, t0);
    const running = Number(
      (
        await world.pool.query<{ n: string }>(
          `select count(*) as n from case_timers where status = 'running'`,
        )
      ).rows[0]!.n,
    );
    // Settle everything up to t0 (the server would have), then measure one-minute ticks.
    // (the warning pass looks at up to 1,000 overdue timers a sweep, and sets each one's next look)
    for (let i = 0; i < 200 && (await sweepTimers(ctx)).warningChecks >= 1000; i++);
    const ticks: number[] = [];
    const floor: number[] = [];
    let crossed = 0;
    let floorCrossed = 0;
    for (let minute = 1; minute <= 5; minute++) {
      clock.set(t0.getTime() + minute * 60_000);
      let result = { yellow: 0, red: 0 };
      ticks.push(await timeAsync(async () => (result = await sweepTimers(ctx))));
      crossed += result.yellow + result.red;
    }
    // The same ticks again as bare UPDATEs, on timers moved back by five minutes.
    await world.pool.query(
      `update case_timers set yellow_at = case when yellow_at >= $1 then null else yellow_at end,
         red_at = case when red_at >= $1 then null else red_at end
       where yellow_at >= $1 or red_at >= $1`,
      [new Date(t0.getTime() + 1)],
    );
    for (let minute = 1; minute <= 5; minute++) {
      const now = new Date(t0.getTime() + minute * 60_000);
      let n = 0;
      floor.push(await timeAsync(async () => (n = await bareMark(world, now))));
      floorCrossed += n;
    }
    // Catch-up after an hour without sweeps.
    clock.set(t0.getTime() + 65 * 60_000);
    let catchUp = { yellow: 0, red: 0, slips: 0 };
    const catchUpMs = await timeAsync(async () => (catchUp = await sweepTimers(ctx)));
    const tick = percentile(ticks, 50);
    const floorTick = percentile(floor, 50);
    const section = 'SLA sweep';
    return [
      {
        section,
        measurement: 'sweep tick (once a minute)',
        size: `${fmt(running)} running timers, ~${fmt(crossed / ticks.length)} crossing a minute`,
        xiuhua: {
          value: tick,
          unit: 'ms',
          text: `${tick.toFixed(1)} ms median of 5 (max ${Math.max(...ticks).toFixed(1)})`,
        },
        baseline: {
          label: 'bare UPDATE of the same timers, no events or slips',
          kind: 'limit',
          value: floorTick,
          unit: 'ms',
          text: `${floorTick.toFixed(1)} ms (${fmt(floorCrossed / floor.length)} a minute)`,
        },
        higherIsBetter: false,
        target: { text: '< 100 ms at 1 M open', met: count >= 1_000_000 && tick < 100 },
      },
      {
        section,
        measurement: 'sweep after an hour without sweeping',
        size: `${fmt(catchUp.yellow + catchUp.red)} timers crossed, ${fmt(catchUp.slips)} slips`,
        xiuhua: {
          value: catchUpMs,
          unit: 'ms',
          text: `${fmt(catchUpMs)} ms (${fmt(((catchUp.yellow + catchUp.red) / catchUpMs) * 1000)} timers/s)`,
        },
        baseline: null,
        higherIsBetter: false,
      },
    ];
  } finally {
    if (first) await removeOpenTimers(world, first);
    await world.reset();
    await world.close();
  }
}

export const sweepSection: Section = { name: 'sweep', run };
