// Loads K simulated cases (about 10,000 a day, ending at `end`) with their action log (hash
// chained like the real one), step timers and indicator facts, through four COPY streams.
import { caseNumberDay } from '@xiuhua/core';
import { createGridLocator, createPrng, type Fact } from '@xiuhua/domain';
import type pg from 'pg';
import { actionHash, GENESIS_HASH } from '../../packages/core/src/cases/action-hash';
import { copyLine, dropForeignKeys, dropSecondaryIndexes, openCopy, type CopyWriter } from './copy';
import type { City, CityGrid } from './geometry';
import { dayTimes, simulateCase, type HistoryClass, type SimCase } from './history';
import type { People } from './load-people';

export type HistoryCounts = { open: number; actions: number; timers: number; facts: number };

export const CASES_PER_DAY = 10_000;
const TABLES = ['cases', 'case_timers', 'case_actions', 'evaluation_facts'] as const;

type Located = { lng: number; lat: number; grid: CityGrid };

/** Case locations: two thirds around hotspots (markets, stations, old estates), the rest anywhere. */
function locationSampler(city: City, random: () => number) {
  const locator = createGridLocator(city.grids);
  const hotspots = Array.from({ length: 80 }, (_, i) => ({
    grid: city.grids[Math.floor(random() * city.grids.length)]!,
    weight: 1 / (i + 1) ** 0.7,
    sigmaDeg: (100 + random() * 300) / 100_000,
  }));
  const total = hotspots.reduce((s, h) => s + h.weight, 0);
  const anywhere = (): Located => {
    const grid = city.grids[Math.floor(random() * city.grids.length)]!;
    return { lng: grid.centroid[0], lat: grid.centroid[1], grid };
  };
  return (): Located => {
    if (random() >= 0.65) {
      const base = anywhere();
      const lng = base.lng + (random() - 0.5) * (base.grid.bbox[2] - base.grid.bbox[0]) * 0.5;
      const lat = base.lat + (random() - 0.5) * (base.grid.bbox[3] - base.grid.bbox[1]) * 0.5;
      const grid = locator.locate(lng, lat);
      return grid ? { lng, lat, grid } : base;
    }
    let r = random() * total;
    const spot = hotspots.find((h) => (r -= h.weight) <= 0) ?? hotspots[0]!;
    // Box–Muller: a normal spread around the hotspot.
    const radius = Math.sqrt(-2 * Math.log(1 - random())) * spot.sigmaDeg;
    const angle = 2 * Math.PI * random();
    const lng = spot.grid.centroid[0] + radius * Math.cos(angle);
    const lat = spot.grid.centroid[1] + radius * Math.sin(angle);
    const grid = locator.locate(lng, lat);
    return grid ? { lng, lat, grid } : anywhere();
  };
}

export async function loadHistory(
  pool: pg.Pool,
  city: City,
  people: People,
  options: { count: number; seed: number; end: Date; log(message: string): void },
): Promise<HistoryCounts> {
  const { rows: classRows } = await pool.query<{
    id: number;
    kind: 'component' | 'event';
    name: string;
  }>(
    `select id, kind, name from case_classes
     where standard = 'GB/T 47678.5-2026' and active and kind in ('component', 'event')
     order by id`,
  );
  const random = createPrng(options.seed * 7 + 3);
  const rank = classRows.map(() => random());
  const classes: HistoryClass[] = classRows.map((c, i) => ({
    id: c.id,
    kind: c.kind,
    weight: 1 / (1 + Math.floor(rank[i]! * classRows.length)) ** 0.8,
  }));
  const classWeights = classes.map((c) => [c, c.weight] as [HistoryClass, number]);
  const names = new Map(classRows.map((c) => [c.id, c.name]));
  const departments = people.departments;
  const departmentsOf = (classId: number) => {
    const first = departments[(Math.imul(classId, 2_654_435_761) >>> 0) % departments.length]!;
    const second = departments[(classId * 7 + 3) % departments.length]!;
    return classId % 20 === 0 && second !== first ? [first, second] : [first];
  };
  const locate = locationSampler(city, random);
  const streetNames = new Map(city.streets.map((s) => [s.code, s.name]));

  const recreate: string[] = [];
  const keys: string[] = [];
  for (const table of TABLES) {
    recreate.push(...(await dropSecondaryIndexes(pool, table)));
    keys.push(...(await dropForeignKeys(pool, table)));
  }
  // The search index is filled in one statement after the load instead of a trigger per row.
  await pool.query('alter table cases disable trigger cases_search_refresh');
  // Likewise the monthly evaluation sums, recomputed from all facts at the end.
  await pool.query('alter table evaluation_facts disable trigger evaluation_facts_inserted');
  recreate.push(...(await dropSecondaryIndexes(pool, 'case_search')));
  const copies = {
    cases: await openCopy(pool, 'cases', [
      'id',
      'case_number',
      'state',
      'version',
      'source',
      'level',
      'class_id',
      'urgency',
      'description',
      'address',
      'lng',
      'lat',
      'grid_code',
      'community_code',
      'street_code',
      'district_code',
      'reporter_user_id',
      'department_ids',
      'dispatched_at',
      'signed_at',
      'rework_count',
      'closure_type',
      'void_type',
      'created_by',
      'created_at',
      'updated_at',
      'closed_at',
    ]),
    timers: await openCopy(pool, 'case_timers', [
      'case_id',
      'step',
      'status',
      'started_at',
      'unit',
      'limit_minutes',
      'running_since',
      'due_at',
      'warn_at',
      'yellow_at',
      'red_at',
      'finished_at',
      'overdue',
      'deadline_at',
      'warning_check_at',
    ]),
    actions: await openCopy(pool, 'case_actions', [
      'case_id',
      'seq',
      'action',
      'from_state',
      'to_state',
      'actor_user_id',
      'actor_roles',
      'opinion',
      'detail',
      'at',
      'prev_hash',
      'hash',
    ]),
    facts: await openCopy(pool, 'evaluation_facts', [
      'case_id',
      'kind',
      'at',
      'finished_at',
      'on_time',
      'actor_user_id',
      'position',
      'department_id',
      'held',
      'value',
      'source',
      'class_id',
      'grid_code',
      'community_code',
      'street_code',
      'district_code',
    ]),
  };
  const counts: HistoryCounts = { open: 0, actions: 0, timers: 0, facts: 0 };
  const end = options.end.getTime();
  const days = Math.max(1, Math.ceil(options.count / CASES_PER_DAY));
  const counters: [string, number][] = [];
  let id = 0;
  for (let d = 0; d < days; d++) {
    const dayStart = end - (days - d) * 86_400_000;
    const n = Math.min(CASES_PER_DAY, options.count - id);
    const buffers = { cases: '', timers: '', actions: '', facts: '' };
    const times = dayTimes(random, dayStart, n);
    const day = caseNumberDay(new Date(dayStart));
    times.forEach((t0, k) => {
      id++;
      const place = locate();
      const c = simulateCase(random, {
        t0,
        end: options.end,
        classes,
        classWeights,
        people,
        departmentsOf,
      });
      if (c.state !== 'CLOSED' && c.state !== 'VOID') counts.open++;
      buffers.cases += caseLine(
        id,
        `${city.districtCode}-${day}-${String(k + 1).padStart(5, '0')}`,
        c,
        place,
        {
          className: names.get(c.classId) ?? '城市管理问题',
          streetName: streetNames.get(place.grid.streetCode) ?? '',
          districtCode: city.districtCode,
        },
      );
      for (const t of c.timers) {
        const running = t.status === 'running';
        buffers.timers += copyLine([
          id,
          t.step,
          t.status,
          t.startedAt,
          'minute',
          t.limitMinutes,
          running ? t.startedAt : null,
          running ? t.dueAt : null,
          running ? t.warnAt : null,
          running && t.warnAt && t.warnAt.getTime() <= end ? t.warnAt : null,
          running && t.dueAt && t.dueAt.getTime() <= end ? t.dueAt : null,
          t.finishedAt,
          t.overdue ?? null,
          t.deadlineAt,
          running && t.dueAt && t.dueAt.getTime() <= end ? t.dueAt : null,
        ]);
      }
      let prevHash = GENESIS_HASH;
      for (const a of c.actions) {
        const hash = actionHash({ caseId: id, ...a, prevHash });
        buffers.actions += copyLine([
          id,
          a.seq,
          a.action,
          a.fromState,
          a.toState,
          a.actorUserId,
          a.actorRoles,
          a.opinion,
          JSON.stringify(a.detail),
          a.at,
          prevHash,
          hash,
        ]);
        prevHash = hash;
      }
      for (const f of c.facts) buffers.facts += factLine(id, f, c, place, city.districtCode);
      counts.actions += c.actions.length;
      counts.timers += c.timers.length;
      counts.facts += c.facts.length;
    });
    counters.push([day, n]);
    await Promise.all([
      copies.cases.write(buffers.cases),
      copies.timers.write(buffers.timers),
      copies.actions.write(buffers.actions),
      copies.facts.write(buffers.facts),
    ]);
    if (d % 10 === 9 || d === days - 1)
      options.log(`bench city: history ${id} of ${options.count} cases`);
  }
  await Promise.all(Object.values(copies).map((c: CopyWriter) => c.end()));
  await pool.query(
    `insert into case_search (case_id, bigrams)
     select id, case_search_bigrams(description || ' ' || coalesce(address, '')) from cases`,
  );
  await pool.query('alter table cases enable trigger cases_search_refresh');
  options.log('bench city: summing the facts by month …');
  await pool.query('select evaluation_month_sums_rebuild()');
  await pool.query('alter table evaluation_facts enable trigger evaluation_facts_inserted');
  options.log('bench city: rebuilding indexes …');
  // Two at a time: the machine has two cores.
  for (let i = 0; i < recreate.length; i += 2)
    await Promise.all(recreate.slice(i, i + 2).map((statement) => pool.query(statement)));
  options.log('bench city: checking foreign keys …');
  for (const statement of keys) await pool.query(statement);
  for (const [table, column] of [
    ['cases', 'id'],
    ['case_timers', 'id'],
    ['case_actions', 'id'],
    ['evaluation_facts', 'id'],
  ])
    await pool.query(
      `select setval(pg_get_serial_sequence('${table}', '${column}'), coalesce((select max(${column}) from ${table}), 0) + 1, false)`,
    );
  for (const [day, n] of counters)
    await pool.query(
      `insert into case_number_counters (district_code, day, last_value) values ($1, $2, $3)
       on conflict (district_code, day) do update set last_value = greatest(case_number_counters.last_value, excluded.last_value)`,
      [city.districtCode, day, n],
    );
  return counts;
}

function caseLine(
  id: number,
  caseNumber: string,
  c: SimCase,
  place: Located,
  names: { className: string; streetName: string; districtCode: string },
): string {
  const gridNo = place.grid.code.slice(12);
  return copyLine([
    id,
    caseNumber,
    c.state,
    c.actions.length,
    c.source,
    'district',
    c.classId,
    c.urgency,
    `${names.className}：${names.streetName}第${gridNo}网格附近`,
    `${names.streetName}${place.grid.communityCode.slice(9)}社区${gridNo}号网格`,
    Math.round(place.lng * 1e7) / 1e7,
    Math.round(place.lat * 1e7) / 1e7,
    place.grid.code,
    place.grid.communityCode,
    place.grid.streetCode,
    names.districtCode,
    c.reporterUserId,
    c.departmentIds,
    c.dispatchedAt,
    c.actions.find((a) => a.action === 'sign_for')?.at ?? null,
    c.reworkCount,
    c.closureType,
    c.voidType,
    c.actions[0]!.actorUserId,
    c.createdAt,
    c.updatedAt,
    c.closedAt,
  ]);
}

function factLine(id: number, f: Fact, c: SimCase, place: Located, district: string): string {
  return copyLine([
    id,
    f.kind,
    f.at,
    f.finishedAt,
    f.onTime,
    f.actorUserId,
    f.position,
    f.departmentId,
    f.held,
    f.value,
    c.source,
    c.classId,
    place.grid.code,
    place.grid.communityCode,
    place.grid.streetCode,
    district,
  ]);
}
