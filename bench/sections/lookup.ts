// Point → unit grid on the synthetic city: the Xiuhua locator (uniform buckets over bounding boxes, then
// an exact ray-casting test) against PostGIS (one set-based ST_Contains join with a GiST index,
// and one query per point as an application would call it) and a turf linear scan.
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { polygon } from '@turf/helpers';
import pg from 'pg';
import { createGridLocator, createPrng, type BBox } from '@xiuhua/domain';
import { generateCity, type CityGrid } from '../city/geometry';
import { fmt, type Figure, type Row } from '../lib/report';
import type { BenchEnv, Section } from '../lib/section';
import { best, bestAsync, nowMs, percentile } from '../lib/timing';

const SECTION = 'point → grid';
const GRIDS_TABLE = 'bench_lookup_grids';
const POINTS_TABLE = 'bench_lookup_points';
const GRID_BATCH = 5_000;
const POINT_BATCH = 50_000;
const AGREEMENT_SAMPLE = 20_000;
/** The join as planned costs tens of µs a point (20 s or more for a million): one round. */
const PLAIN_ROUNDS = 1;
/** A point this close (in degrees, about 0.1 mm) to a grid's outline counts as on its edge. */
const ON_EDGE_DEGREES = 1e-9;

type Points = { xs: Float64Array; ys: Float64Array; count: number };

/** `count` uniformly random points in the bbox, deterministic by seed. */
function randomPoints([minX, minY, maxX, maxY]: BBox, count: number, seed: number): Points {
  const random = createPrng(seed);
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    xs[i] = minX + random() * (maxX - minX);
    ys[i] = minY + random() * (maxY - minY);
  }
  return { xs, ys, count };
}

/** "2.14 M points/s (0.47 µs/point)" for a rate in points per second. */
function rateFigure(pointsPerSecond: number): Figure {
  const rate =
    pointsPerSecond >= 1e6
      ? `${fmt(pointsPerSecond / 1e6, 2)} M`
      : pointsPerSecond >= 1e4
        ? `${fmt(pointsPerSecond / 1e3, 1)} k`
        : fmt(pointsPerSecond, pointsPerSecond >= 100 ? 0 : 1);
  return {
    value: pointsPerSecond,
    unit: 'points/s',
    text: `${rate} points/s (${latencyText(1000 / pointsPerSecond)}/point)`,
  };
}

function latencyText(ms: number): string {
  if (ms < 1) return `${fmt(ms * 1000, ms < 0.01 ? 3 : 2)} µs`;
  return `${fmt(ms, ms < 10 ? 2 : 0)} ms`;
}

function sizeText(points: number, grids: number): string {
  return `${fmt(points)} random points, ${fmt(grids)} grids`;
}

async function loadGrids(pool: pg.Pool, grids: readonly CityGrid[]): Promise<void> {
  await pool.query(`drop table if exists ${GRIDS_TABLE}`);
  await pool.query(
    `create table ${GRIDS_TABLE} (code text primary key, geom geometry(Polygon, 4326))`,
  );
  for (let start = 0; start < grids.length; start += GRID_BATCH) {
    const batch = grids.slice(start, start + GRID_BATCH);
    await pool.query(
      `insert into ${GRIDS_TABLE} (code, geom)
       select code, ST_SetSRID(ST_GeomFromGeoJSON(json), 4326)
       from unnest($1::text[], $2::text[]) as t(code, json)`,
      [batch.map((g) => g.code), batch.map((g) => JSON.stringify(g.geometry))],
    );
  }
  await pool.query(`create index ${GRIDS_TABLE}_geom_gist on ${GRIDS_TABLE} using gist (geom)`);
  await pool.query(`vacuum analyze ${GRIDS_TABLE}`);
}

async function loadPoints(pool: pg.Pool, points: Points): Promise<void> {
  await pool.query(`drop table if exists ${POINTS_TABLE}`);
  await pool.query(`create table ${POINTS_TABLE} (id int, geom geometry(Point, 4326))`);
  for (let start = 0; start < points.count; start += POINT_BATCH) {
    const end = Math.min(points.count, start + POINT_BATCH);
    const ids = Array.from({ length: end - start }, (_, k) => start + k);
    // JS prints each double in its shortest round-trip form and float8 input reads it back
    // exactly, so PostGIS sees bit-for-bit the same coordinates as the locator.
    await pool.query(
      `insert into ${POINTS_TABLE} (id, geom)
       select id, ST_SetSRID(ST_MakePoint(x, y), 4326)
       from unnest($1::int[], $2::float8[], $3::float8[]) as t(id, x, y)`,
      [ids, Array.from(points.xs.subarray(start, end)), Array.from(points.ys.subarray(start, end))],
    );
  }
  await pool.query(`vacuum analyze ${POINTS_TABLE}`);
}

/** Both orders of the join; the planner picks which side drives it. */
const JOIN_COUNT = `select count(*)::int as n from ${POINTS_TABLE} p
  join ${GRIDS_TABLE} g on ST_Contains(g.geom, p.geom)`;

/**
 * Session settings for PostGIS at its best on this join: parallel plans however small the
 * tables, and no JIT (in trials it made this join slower, not faster). With a GiST index on the points too,
 * the planner then drives the join from the grids, so each polygon meets its ~25 candidate
 * points in a row and PostGIS reuses its prepared (cached) form of it.
 */
const TUNED = [
  'set parallel_setup_cost = 0',
  'set parallel_tuple_cost = 0',
  'set min_parallel_table_scan_size = 0',
  'set jit = off',
];

type PlanNode = {
  'Index Name'?: string;
  'Workers Planned'?: number;
  Plans?: PlanNode[];
};
type PlanSummary = { indexes: string[]; workers: number };

function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

/** The indexes and parallel workers of a query's plan; throws unless a GiST index is used. */
async function explain(client: pg.PoolClient, sql: string): Promise<PlanSummary> {
  const explained = await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
    `explain (format json) ${sql}`,
  );
  const root = explained.rows[0]?.['QUERY PLAN'][0]?.Plan;
  const nodes = root ? planNodes(root) : [];
  const indexes = nodes.flatMap((n) => (n['Index Name'] ? [n['Index Name']] : []));
  if (!indexes.some((name) => name.endsWith('_geom_gist')))
    throw new Error(`lookup: the PostGIS join uses no GiST index: ${JSON.stringify(root)}`);
  const workers = nodes.reduce((sum, n) => sum + (n['Workers Planned'] ?? 0), 0);
  return { indexes, workers };
}

function planText(plan: PlanSummary): string {
  const workers =
    plan.workers > 0 ? `${plan.workers} parallel workers + leader` : 'no parallel workers';
  return `index ${[...new Set(plan.indexes)].join(', ')}, ${workers}`;
}

/** The set-based join, best of `rounds`: points per second and the (point, grid) pairs. */
async function timeJoin(
  client: pg.PoolClient,
  rounds: number,
  pointCount: number,
): Promise<{ figure: Figure; pairs: number; plan: PlanSummary }> {
  const plan = await explain(client, JOIN_COUNT);
  let pairs = 0;
  const ms = await bestAsync(rounds, async () => {
    const result = await client.query<{ n: number }>(JOIN_COUNT);
    pairs = result.rows[0]?.n ?? 0;
  });
  return { figure: rateFigure((pointCount / ms) * 1000), pairs, plan };
}

type Agreement = { compared: number; located: number; mismatches: number; onEdge: number };

/** Xiuhua's grid against PostGIS's ST_Contains for the first `sample` points. */
async function compareWithPostgis(
  pool: pg.Pool,
  points: Points,
  sample: number,
  locate: (x: number, y: number) => string | undefined,
): Promise<Agreement> {
  const { rows } = await pool.query<{ id: number; codes: string[] | null }>(
    `select p.id, (select array_agg(g.code) from ${GRIDS_TABLE} g
                   where ST_Contains(g.geom, p.geom)) as codes
     from ${POINTS_TABLE} p where p.id < $1`,
    [sample],
  );
  const differing: number[] = [];
  let located = 0;
  for (const { id, codes } of rows) {
    const ours = locate(points.xs[id]!, points.ys[id]!);
    if (ours !== undefined) located++;
    const theirs = codes && codes.length === 1 ? codes[0] : undefined;
    if (ours !== theirs || (codes?.length ?? 0) > 1) differing.push(id);
  }
  let onEdge = 0;
  if (differing.length > 0) {
    const edge = await pool.query<{ n: number }>(
      `select count(*)::int as n from ${POINTS_TABLE} p where p.id = any($1::int[])
       and exists (select 1 from ${GRIDS_TABLE} g where g.geom && ST_Expand(p.geom, $2::float8)
                   and ST_DWithin(ST_ExteriorRing(g.geom), p.geom, $2::float8))`,
      [differing, ON_EDGE_DEGREES],
    );
    onEdge = edge.rows[0]?.n ?? 0;
  }
  return { compared: rows.length, located, mismatches: differing.length, onEdge };
}

function agreementText(a: Agreement, against: string): string {
  const head = `agreement with ${against} on ${fmt(a.compared)} points (${fmt(a.located)} inside a grid)`;
  if (a.mismatches === 0) return `${head}: 0 mismatches`;
  const edge = a.onEdge > 0 ? `, ${fmt(a.onEdge)} of them on a shared edge` : '';
  return `${head}: ${fmt(a.mismatches)} mismatches${edge}`;
}

async function run(env: BenchEnv): Promise<Row[]> {
  const { options } = env;
  const log = (message: string) => env.log(message);
  const pointCount = options.quick ? 50_000 : 1_000_000;
  const perQueryCount = options.quick ? 500 : 2_000;
  const turfCount = options.quick ? 200 : 1_000;

  const cityStart = nowMs();
  const city = generateCity({ grids: options.grids, seed: options.seed });
  const points = randomPoints(city.bbox, pointCount, options.seed + 1);
  const cityMs = nowMs() - cityStart;
  const gridCount = city.grids.length;
  log(`lookup: city of ${fmt(gridCount)} grids, ${fmt(pointCount)} points (${fmt(cityMs)} ms)`);

  // 1. Xiuhua: the locator over the whole point set, best of 3.
  const locator = createGridLocator(city.grids);
  const locate = (x: number, y: number) => locator.locate(x, y)?.code;
  let located = 0;
  const xiuhuaMs = best(3, () => {
    located = 0;
    const { xs, ys } = points;
    for (let i = 0; i < pointCount; i++) if (locator.locate(xs[i]!, ys[i]!)) located++;
  });
  const xiuhua = rateFigure((pointCount / xiuhuaMs) * 1000);
  log(`lookup: Xiuhua ${xiuhua.text}, ${fmt(located)} points inside a grid`);

  const pool = new pg.Pool({ connectionString: options.pgUrl, max: 2 });
  try {
    let start = nowMs();
    await loadGrids(pool, city.grids);
    log(`lookup: ${fmt(gridCount)} grids loaded into PostGIS (${fmt(nowMs() - start)} ms)`);
    start = nowMs();
    await loadPoints(pool, points);
    log(`lookup: ${fmt(pointCount)} points loaded into PostGIS (${fmt(nowMs() - start)} ms)`);

    // 2. PostGIS set-based, ST_Contains over one join: first as the planner does it with the
    // grids indexed (it drives from the points, one GiST probe each), then at its best.
    const client = await pool.connect();
    let plain: Awaited<ReturnType<typeof timeJoin>>;
    let tuned: Awaited<ReturnType<typeof timeJoin>>;
    let pointsIndexMs: number;
    try {
      plain = await timeJoin(client, PLAIN_ROUNDS, pointCount);
      log(`lookup: PostGIS join (${planText(plain.plan)}) ${plain.figure.text}`);
      start = nowMs();
      await client.query(
        `create index ${POINTS_TABLE}_geom_gist on ${POINTS_TABLE} using gist (geom)`,
      );
      await client.query(`analyze ${POINTS_TABLE}`);
      pointsIndexMs = nowMs() - start;
      for (const setting of TUNED) await client.query(setting);
      tuned = await timeJoin(client, 2, pointCount);
      log(`lookup: PostGIS join at its best (${planText(tuned.plan)}) ${tuned.figure.text}`);
    } finally {
      await client.query('reset all');
      client.release();
    }
    const sample = Math.min(AGREEMENT_SAMPLE, pointCount);
    const agreement = await compareWithPostgis(pool, points, sample, locate);
    log(`lookup: ${agreementText(agreement, 'PostGIS')}`);

    // 3. PostGIS one query per point, over the pool, as an application would call it.
    const single = `select code from ${GRIDS_TABLE}
      where ST_Contains(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326))`;
    for (let i = 0; i < 50; i++) await pool.query(single, [points.xs[i], points.ys[i]]);
    const latencies: number[] = [];
    let singleMismatches = 0;
    const singleStart = nowMs();
    for (let i = 0; i < perQueryCount; i++) {
      const t0 = nowMs();
      const result = await pool.query<{ code: string }>(single, [points.xs[i], points.ys[i]]);
      latencies.push(nowMs() - t0);
      if (result.rows[0]?.code !== locate(points.xs[i]!, points.ys[i]!)) singleMismatches++;
    }
    const singleMs = nowMs() - singleStart;
    const perQuery = rateFigure((perQueryCount / singleMs) * 1000);
    log(`lookup: PostGIS one query per point ${perQuery.text}`);

    // 4. turf: a linear scan over every grid until one holds the point.
    // The grids are Polygons (the bench table's column type insists on it too).
    const features = city.grids.map((g) => {
      if (g.geometry.type !== 'Polygon') throw new Error(`lookup: grid ${g.code} is no Polygon`);
      return polygon(g.geometry.coordinates, { code: g.code }, { bbox: g.bbox });
    });
    const turfCodes: (string | undefined)[] = new Array<string | undefined>(turfCount);
    const turfMs = best(options.quick ? 1 : 2, () => {
      for (let i = 0; i < turfCount; i++) {
        const pt = [points.xs[i]!, points.ys[i]!];
        turfCodes[i] = features.find((f) => booleanPointInPolygon(pt, f))?.properties.code;
      }
    });
    let turfMismatches = 0;
    for (let i = 0; i < turfCount; i++)
      if (turfCodes[i] !== locate(points.xs[i]!, points.ys[i]!)) turfMismatches++;
    const turf = rateFigure((turfCount / turfMs) * 1000);
    log(`lookup: turf linear scan ${turf.text}`);

    const pairsText = (pairs: number) =>
      pairs === located ? `${fmt(pairs)} pairs, as many as located` : `${fmt(pairs)} pairs`;
    return [
      {
        section: SECTION,
        measurement: 'Xiuhua locator (buckets + exact test), one thread',
        size: sizeText(pointCount, gridCount),
        xiuhua,
        baseline: null,
        higherIsBetter: true,
        target: { text: '≥ 1 M/s', met: xiuhua.value >= 1e6 },
        note: `best of 3; ${fmt(located)} of ${fmt(pointCount)} points inside a grid`,
      },
      {
        section: SECTION,
        measurement: 'vs PostGIS set-based join at its best (GiST on grids and points)',
        size: sizeText(pointCount, gridCount),
        xiuhua,
        baseline: { ...tuned.figure, label: 'PostGIS, one ST_Contains join, driven by the grids' },
        higherIsBetter: true,
        target: { text: '≥ 20× PostGIS', met: xiuhua.value >= 20 * tuned.figure.value },
        note:
          `best of 2; ${planText(tuned.plan)}; parallel costs 0, jit off; ` +
          `the points' GiST index took ${fmt(pointsIndexMs)} ms more (not timed); ` +
          `${pairsText(tuned.pairs)}; ${agreementText(agreement, 'PostGIS')}`,
      },
      {
        section: SECTION,
        measurement: 'vs PostGIS set-based join as planned (GiST on grids)',
        size: sizeText(pointCount, gridCount),
        xiuhua,
        baseline: { ...plain.figure, label: 'PostGIS, one ST_Contains join, driven by the points' },
        higherIsBetter: true,
        note: `one round; default settings; ${planText(plain.plan)}; ${pairsText(plain.pairs)}`,
      },
      {
        section: SECTION,
        measurement: 'vs PostGIS one query per point',
        size: sizeText(perQueryCount, gridCount),
        xiuhua,
        baseline: { ...perQuery, label: 'PostGIS, one query per point' },
        higherIsBetter: true,
        note:
          `pooled connection, sequential; latency p50 ${latencyText(percentile(latencies, 50))}, ` +
          `p99 ${latencyText(percentile(latencies, 99))}; ${fmt(singleMismatches)} mismatches; ` +
          `Xiuhua figure from ${fmt(pointCount)} points`,
      },
      {
        section: SECTION,
        measurement: 'vs turf linear scan',
        size: sizeText(turfCount, gridCount),
        xiuhua,
        baseline: { ...turf, label: 'turf booleanPointInPolygon over all grids' },
        higherIsBetter: true,
        note:
          `features with bbox, built outside the timing; ${fmt(turfMismatches)} mismatches; ` +
          `Xiuhua figure from ${fmt(pointCount)} points`,
      },
    ];
  } finally {
    await pool.query(`drop table if exists ${POINTS_TABLE}, ${GRIDS_TABLE}`).catch((error) => {
      log(`lookup: could not drop the bench tables: ${String(error)}`);
    });
    await pool.end();
  }
}

export const lookupSection: Section = { name: 'lookup', run };
