import { sql } from 'kysely';
import {
  analyticsHotspots,
  analyticsTrends,
  analyticsPatterns,
  analyticsRecurrence,
  analyticsOverdueDepartments,
} from '@xiuhua/core';
import { createTestContext, SYSTEM_TEST_ACTOR } from './src/index';

const ctx = await createTestContext();
const db = ctx.db.kysely;
const t0 = Date.now();
await sql`insert into divisions (code, level, name, parent_code) values ('990001','district','d',null), ('990001001','street','s','990001')`.execute(
  db,
);
await sql`insert into divisions (code, level, name, parent_code) select '990001001' || lpad(i::text,3,'0'), 'community', 'c'||i, '990001001' from generate_series(1,10) i`.execute(
  db,
);
await sql`insert into unit_grids (code, district_code, street_code, community_code, geometry, area_m2, min_lng, min_lat, max_lng, max_lat, centroid_lng, centroid_lat)
  select '990001001' || lpad(c::text,3,'0') || lpad(g::text,3,'0'), '990001', '990001001', '990001001' || lpad(c::text,3,'0'), '{}'::jsonb, 10000, 0,0,0,0,0,0
  from generate_series(1,10) c, generate_series(1,100) g`.execute(db);
await sql`insert into case_classes (standard, kind, big_code, big_name, code, name) select 'local','matter','99','b','99'||lpad(i::text,3,'0'),'k'||i from generate_series(1,50) i`.execute(
  db,
);
await sql`insert into organisations (code, name, kind, level) select 'd'||i, 'dept'||i, 'department', 'first' from generate_series(1,20) i`.execute(
  db,
);
const N = Number(process.env.N ?? 300000);
await sql`insert into cases (case_number, state, source, level, class_id, description, lng, lat, grid_code, community_code, street_code, district_code, department_ids, created_at, updated_at)
  select 'n'||i, 'DISPOSING', (array['supervisor','hotline_12345','video'])[1 + (i % 3)], 'district',
    (select min(id) from case_classes) + (i*7 % 50), 'x',
    121.3 + random()*0.3, 31.1 + random()*0.3,
    '990001001' || lpad((1 + i % 10)::text,3,'0') || lpad((1 + (i/10) % 100)::text,3,'0'),
    '990001001' || lpad((1 + i % 10)::text,3,'0'), '990001001', '990001',
    array[(select min(id) from organisations where kind='department') + (i % 20)],
    timestamptz '2026-11-01T00:00:00+08:00' + (random() * 30 * 86400) * interval '1 second', now()
  from generate_series(1, ${N}) i`.execute(db);
await sql`insert into case_timers (case_id, step, status, started_at, unit, limit_minutes, due_at, deadline_at, finished_at, overdue)
  select id, 'dispose', case when id % 3 = 0 then 'running' else 'done' end, created_at, 'minute', 240,
    case when id % 3 = 0 then created_at + interval '4 hours' end,
    case when id % 3 <> 0 then created_at + interval '4 hours' end,
    case when id % 3 <> 0 then created_at + interval '3 hours' + (id % 4) * interval '1 hour' end,
    case when id % 3 <> 0 then id % 4 > 1 end
  from cases where id % 2 = 0`.execute(db);
await sql`analyze`.execute(db);
console.log('seeded', N, 'in', Date.now() - t0, 'ms');
ctx.clock.set('2026-12-05T00:00:00+08:00');
const q = { from: '2026-11-01', to: '2026-12-01' };
const time = async (name: string, run: () => Promise<unknown>) => {
  const s = Date.now();
  const r = await run();
  console.log(name, Date.now() - s, 'ms', JSON.stringify(r).length, 'bytes');
  return r;
};
await time('hotspots grid', () =>
  analyticsHotspots(ctx, SYSTEM_TEST_ACTOR, { ...q, level: 'grid', limit: 20, cellM: 100 }),
);
await time('hotspots region', () =>
  analyticsHotspots(ctx, SYSTEM_TEST_ACTOR, {
    ...q,
    region: '990001001003',
    level: 'grid',
    limit: 20,
    cellM: 100,
  }),
);
await time('trends day class', () =>
  analyticsTrends(ctx, SYSTEM_TEST_ACTOR, { ...q, bucket: 'day', groupBy: 'class', limit: 20 }),
);
await time('patterns', () => analyticsPatterns(ctx, SYSTEM_TEST_ACTOR, q));
const rec = (await time('recurrence 30d 50m', () =>
  analyticsRecurrence(ctx, SYSTEM_TEST_ACTOR, { ...q, days: 30, radiusM: 50, limit: 50 }),
)) as { clusters: number; pairs: number };
console.log('clusters', rec.clusters, 'pairs', rec.pairs);
await time('overdue', () =>
  analyticsOverdueDepartments(ctx, SYSTEM_TEST_ACTOR, { ...q, limit: 20 }),
);
console.log('URL', (ctx.db as unknown as { url: string }).url);
if (!process.env.KEEP) await ctx.close();
else process.exit(0);
