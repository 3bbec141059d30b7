import { sql, type RawBuilder } from 'kysely';
import type { Executor } from './executor';

/**
 * Which cases an analysis counts: reported (created_at) in [from, to), within a region (division
 * code prefix of the grid), optionally of one class or source. Drafts (not yet reported) and
 * void cases (not accepted, not filed, voided, merged duplicates) never count.
 */
export type AnalyticsCaseFilter = {
  from: Date;
  to: Date;
  regionPrefix?: string;
  classId?: number;
  source?: string;
};

export type HotspotLevel = 'grid' | 'community' | 'street';

export type HotspotRow = {
  area: string;
  area_name: string | null;
  total: number;
  class_id: number | null;
  class_code: string | null;
  class_name: string | null;
  n: number;
  /** All counted cases and the number of areas with any, repeated on every row. */
  all_total: number;
  all_areas: number;
};

export type HeatCellRow = { lng: number; lat: number; weight: number; cells: number };

export type TrendRow = {
  /** The local date (YYYY-MM-DD) the bucket starts on. */
  bucket: string;
  series: string | null;
  current: boolean;
  n: number;
};

export type SeriesClassRow = { id: number; code: string; name: string };

export type PatternRow = { isodow: number; hour: number; n: number };

export type RecurrencePairRow = {
  first_id: number;
  second_id: number;
  class_id: number;
  distance_m: number;
};

export type RecurrenceCaseRow = {
  id: number;
  case_number: string;
  created_at: Date;
  grid_code: string | null;
  lng: number;
  lat: number;
  class_id: number;
  class_code: string | null;
  class_name: string | null;
};

export type DisposalFilter = {
  from: Date;
  to: Date;
  /** Open timers count once their deadline is before this (a deadline still ahead is not due). */
  now: Date;
  regionPrefix?: string;
};

export type DepartmentOverdueRow = {
  department_id: number;
  code: string;
  name: string;
  total: number;
  overdue: number;
  open_overdue: number;
};

/** Metres per degree of latitude (the same figure the rest of Xiuhua uses for boxes). */
const METRES_PER_DEGREE = 111_320;
/** The sphere of the great-circle distances (as in the domain's distanceM). */
const EARTH_RADIUS_M = 6_371_008.8;
const SPHERE_METRES_PER_DEGREE = (EARTH_RADIUS_M * Math.PI) / 180;

function regionCondition(prefix: string): RawBuilder<boolean> {
  // The district column equality lets the (district_code, created_at) index narrow the scan.
  return sql<boolean>`c.district_code = ${prefix.slice(0, 6)} and c.grid_code like ${`${prefix}%`}`;
}

function caseConditions(filter: AnalyticsCaseFilter): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [
    sql`c.created_at >= ${filter.from}`,
    sql`c.created_at < ${filter.to}`,
    sql`c.state not in ('DRAFT', 'VOID')`,
  ];
  if (filter.regionPrefix) parts.push(regionCondition(filter.regionPrefix));
  if (filter.classId !== undefined) parts.push(sql`c.class_id = ${filter.classId}`);
  if (filter.source !== undefined) parts.push(sql`c.source = ${filter.source}`);
  return sql<boolean>`${sql.join(parts, sql` and `)}`;
}

/** The case's report time as local wall-clock time (timestamp without zone), offset east of UTC. */
function localTime(utcOffsetMinutes: number): RawBuilder<Date> {
  return sql<Date>`((c.created_at at time zone 'UTC') + ${utcOffsetMinutes}::integer * interval '1 minute')`;
}

const AREA_COLUMN: Record<HotspotLevel, RawBuilder<string>> = {
  grid: sql<string>`c.grid_code`,
  community: sql<string>`c.community_code`,
  street: sql<string>`c.street_code`,
};

export const analyticsRepository = {
  /**
   * The areas with the most cases, each with its three commonest classes (rows per area and
   * class, rank ≤ 3), ranked by total then area code; counted and ranked in the database.
   */
  async hotspots(
    db: Executor,
    filter: AnalyticsCaseFilter & { level: HotspotLevel; limit: number },
  ): Promise<HotspotRow[]> {
    const result = await sql<HotspotRow>`
      with per as (
        select ${AREA_COLUMN[filter.level]} as area, c.class_id, count(*)::integer as n
        from cases c
        where ${caseConditions(filter)} and ${AREA_COLUMN[filter.level]} is not null
        group by 1, 2
      ), ranked as (
        select area, class_id, n,
          (sum(n) over (partition by area))::integer as total,
          row_number() over (partition by area order by n desc, class_id asc nulls last) as rn
        from per
      ), top_areas as (
        select area, max(total) as total from ranked group by area
        order by 2 desc, 1 asc limit ${filter.limit}
      )
      select r.area, coalesce(g.name, d.name) as area_name, t.total, r.class_id,
        cc.code as class_code, cc.name as class_name, r.n,
        (select coalesce(sum(n), 0) from per)::integer as all_total,
        (select count(distinct area) from per)::integer as all_areas
      from ranked r
      join top_areas t on t.area = r.area
      left join case_classes cc on cc.id = r.class_id
      left join unit_grids g on g.code = r.area
      left join divisions d on d.code = r.area
      where r.rn <= 3
      order by t.total desc, r.area asc, r.rn asc`.execute(db);
    return result.rows;
  },

  /**
   * Case counts on square cells of about `cellM` metres: rows of `cellM` of latitude, each row cut
   * into columns of `cellM` at the row's middle latitude. Each cell answers its centre and count,
   * heaviest first; `cells` is the number of non-empty cells before the limit.
   */
  async heatCells(
    db: Executor,
    filter: AnalyticsCaseFilter & { cellM: number; limit: number },
  ): Promise<HeatCellRow[]> {
    const cellLat = filter.cellM / METRES_PER_DEGREE;
    const result = await sql<HeatCellRow>`
      with rows_ as (
        select floor(c.lat / ${cellLat}::float8) as cy, c.lng
        from cases c
        where ${caseConditions(filter)} and c.lng is not null and c.lat is not null
      ), cells as (
        select cy,
          ${filter.cellM}::float8 / (${METRES_PER_DEGREE}::float8 * cos(radians((cy + 0.5) * ${cellLat}::float8))) as cell_lng,
          lng
        from rows_
      ), counted as (
        select cy, floor(lng / cell_lng) as cx, max(cell_lng) as cell_lng, count(*)::integer as weight
        from cells group by cy, floor(lng / cell_lng)
      )
      select (cx + 0.5) * cell_lng as lng, (cy + 0.5) * ${cellLat}::float8 as lat, weight,
        (count(*) over ())::integer as cells
      from counted
      order by weight desc, cy asc, cx asc
      limit ${filter.limit}`.execute(db);
    return result.rows.map((r) => ({
      lng: Number(r.lng),
      lat: Number(r.lat),
      weight: r.weight,
      cells: r.cells,
    }));
  },

  /**
   * Counts per local bucket (day, ISO week from Monday, or month) and series (class id or source)
   * over [previousFrom, to), split at `from` into the previous and the current period.
   */
  async trendCounts(
    db: Executor,
    filter: AnalyticsCaseFilter & {
      previousFrom: Date;
      bucket: 'day' | 'week' | 'month';
      groupBy: 'class' | 'source';
      utcOffsetMinutes: number;
    },
  ): Promise<TrendRow[]> {
    const series = filter.groupBy === 'class' ? sql`c.class_id::text` : sql`c.source`;
    const result = await sql<TrendRow>`
      select to_char(date_trunc(${filter.bucket}, ${localTime(filter.utcOffsetMinutes)}), 'YYYY-MM-DD') as bucket,
        ${series} as series,
        c.created_at >= ${filter.from} as current,
        count(*)::integer as n
      from cases c
      where ${caseConditions({ ...filter, from: filter.previousFrom })}
      group by 1, 2, 3`.execute(db);
    return result.rows;
  },

  /** Codes and names of the classes a series names. */
  async seriesClasses(db: Executor, ids: readonly number[]): Promise<SeriesClassRow[]> {
    if (ids.length === 0) return [];
    return db
      .selectFrom('case_classes')
      .select(['id', 'code', 'name'])
      .where('id', 'in', ids)
      .execute();
  },

  /** Counts per local ISO weekday (1 Monday … 7 Sunday) and local hour. */
  async weekdayHourCounts(
    db: Executor,
    filter: AnalyticsCaseFilter & { utcOffsetMinutes: number },
  ): Promise<PatternRow[]> {
    const local = localTime(filter.utcOffsetMinutes);
    const result = await sql<PatternRow>`
      select extract(isodow from ${local})::integer as isodow,
        extract(hour from ${local})::integer as hour,
        count(*)::integer as n
      from cases c
      where ${caseConditions(filter)}
      group by 1, 2`.execute(db);
    return result.rows;
  },

  /**
   * Pairs of cases of the same class at most `radiusM` metres (great circle) and `days` days
   * apart, the later one reported in [from, to) (the earlier one may be up to `days` before
   * `from`). Candidates meet on cells twice the radius wide: a case within the radius of another
   * lies in its cell or in the neighbours towards the nearer edges (a 2 × 2 block), so each later
   * case is looked up in four cells by an equi-join on (class, cell) instead of against every
   * case of its class.
   */
  async recurrencePairs(
    db: Executor,
    filter: AnalyticsCaseFilter & { days: number; radiusM: number; limit: number },
  ): Promise<RecurrencePairRow[]> {
    // Cells of 2 × radius: latitude degrees on the sphere, longitude degrees as narrow as at
    // 62° (cos 62° ≈ 0.4695), so the block covers every pair up to that latitude.
    const cellLat = (2 * filter.radiusM) / SPHERE_METRES_PER_DEGREE;
    const cellLng = (2 * filter.radiusM) / (SPHERE_METRES_PER_DEGREE * 0.4695);
    const earliest = new Date(filter.from.getTime() - filter.days * 86_400_000);
    const result = await sql<RecurrencePairRow>`
      with pts as (
        select c.id, c.class_id, c.created_at, c.lng, c.lat,
          c.lng / ${cellLng}::float8 as gx, c.lat / ${cellLat}::float8 as gy
        from cases c
        where ${caseConditions({ ...filter, from: earliest })}
          and c.class_id is not null and c.lng is not null and c.lat is not null
      ), earlier as (
        select id, class_id, created_at, lng, lat,
          floor(gx)::bigint as cx, floor(gy)::bigint as cy
        from pts
      ), later as materialized (
        select p.id, p.class_id, p.created_at, p.lng, p.lat,
          floor(p.gx)::bigint + o.ux * (case when p.gx - floor(p.gx) < 0.5 then -1 else 1 end) as cx,
          floor(p.gy)::bigint + o.uy * (case when p.gy - floor(p.gy) < 0.5 then -1 else 1 end) as cy
        from pts p
        cross join (values (0, 0), (0, 1), (1, 0), (1, 1)) as o(ux, uy)
        where p.created_at >= ${filter.from}
      ), pairs as (
        select a.id as first_id, b.id as second_id, a.class_id,
          2 * ${EARTH_RADIUS_M}::float8 * asin(least(1, sqrt(
            power(sin(radians(b.lat - a.lat) / 2), 2)
            + cos(radians(a.lat)) * cos(radians(b.lat)) * power(sin(radians(b.lng - a.lng) / 2), 2)
          ))) as distance_m
        from earlier a
        join later b on b.class_id = a.class_id and b.cx = a.cx and b.cy = a.cy
        where (b.created_at > a.created_at or (b.created_at = a.created_at and b.id > a.id))
          and b.created_at <= a.created_at + ${filter.days * 86_400}::integer * interval '1 second'
      )
      select first_id::integer as first_id, second_id::integer as second_id, class_id, distance_m
      from pairs
      where distance_m <= ${filter.radiusM}::float8
      order by second_id, first_id
      limit ${filter.limit}`.execute(db);
    return result.rows.map((r) => ({ ...r, distance_m: Number(r.distance_m) }));
  },

  /** The cases of recurrence clusters, with their class. */
  async recurrenceCases(db: Executor, ids: readonly number[]): Promise<RecurrenceCaseRow[]> {
    if (ids.length === 0) return [];
    const rows = await db
      .selectFrom('cases as c')
      .leftJoin('case_classes as cc', 'cc.id', 'c.class_id')
      .select([
        'c.id',
        'c.case_number',
        'c.created_at',
        'c.grid_code',
        sql<number>`c.lng`.as('lng'),
        sql<number>`c.lat`.as('lat'),
        sql<number>`c.class_id`.as('class_id'),
        'cc.code as class_code',
        'cc.name as class_name',
      ])
      .where('c.id', 'in', ids)
      .orderBy('c.created_at')
      .orderBy('c.id')
      .execute();
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  },

  /**
   * Disposal timers (step 'dispose', not cancelled) whose deadline lies in [from, to) and that
   * are settled — finished, or open with the deadline passed — per department, most overdue
   * first. A timer belongs to the departments of the dispatch that started it (the case's last
   * dispatch at or before its start; the case's current departments if the log names none); a
   * disposal for several departments counts for each. Overdue: finished late, or still open past
   * its deadline. Paused (held) timers have no deadline and do not count.
   */
  async overdueByDepartment(
    db: Executor,
    filter: DisposalFilter & { limit: number },
  ): Promise<DepartmentOverdueRow[]> {
    const result = await sql<DepartmentOverdueRow>`
      with ${settledDisposals(filter)}, attributed as (
        select due.late, due.open, dept.id as department_id
        from due
        cross join lateral (
          select coalesce(nullif(array(
            select jsonb_array_elements_text(a.detail -> 'departmentIds')::integer
            from case_actions a
            where a.case_id = due.case_id and a.action = 'dispatch' and a.at <= due.started_at
              and jsonb_typeof(a.detail -> 'departmentIds') = 'array'
              and a.seq = (
                select max(a2.seq) from case_actions a2
                where a2.case_id = due.case_id and a2.action = 'dispatch' and a2.at <= due.started_at
              )
          ), '{}'::integer[]), due.department_ids) as ids
        ) w
        cross join unnest(w.ids) as dept(id)
      )
      select o.id as department_id, o.code, o.name,
        count(*)::integer as total,
        (count(*) filter (where late))::integer as overdue,
        (count(*) filter (where late and open))::integer as open_overdue
      from attributed
      join organisations o on o.id = attributed.department_id
      group by o.id, o.code, o.name
      order by 5 desc, (count(*) filter (where late))::float8 / count(*) desc, 4 desc, o.name asc, o.id asc
      limit ${filter.limit}`.execute(db);
    return result.rows;
  },

  /** The same settled disposals counted once each (not per department). */
  async disposalTotals(
    db: Executor,
    filter: DisposalFilter,
  ): Promise<{ total: number; overdue: number; open_overdue: number }> {
    const result = await sql<{ total: number; overdue: number; open_overdue: number }>`
      with ${settledDisposals(filter)}
      select count(*)::integer as total,
        (count(*) filter (where late))::integer as overdue,
        (count(*) filter (where late and open))::integer as open_overdue
      from due`.execute(db);
    return result.rows[0] ?? { total: 0, overdue: 0, open_overdue: 0 };
  },
};

/** CTE `due`: the settled disposal timers of a period (see overdueByDepartment). */
function settledDisposals(filter: DisposalFilter): RawBuilder<unknown> {
  const deadline = sql`coalesce(t.due_at, t.deadline_at)`;
  const region = filter.regionPrefix ? sql` and ${regionCondition(filter.regionPrefix)}` : sql``;
  return sql`due as (
    select t.case_id, t.started_at, c.department_ids,
      t.finished_at is null as open,
      case when t.finished_at is null then true
        else coalesce(t.overdue, t.finished_at > ${deadline}) end as late
    from case_timers t
    join cases c on c.id = t.case_id
    where t.step = 'dispose' and t.status <> 'cancelled'
      and ${deadline} >= ${filter.from} and ${deadline} < ${filter.to}
      and (t.finished_at is not null or ${deadline} < ${filter.now})${region}
  )`;
}
