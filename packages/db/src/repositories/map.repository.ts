import { sql } from 'kysely';
import type { Executor } from './executor';
import { assignedToAny } from './department-filter';

export type MapCaseRow = {
  id: number;
  case_number: string;
  state: string;
  lng: number;
  lat: number;
  grid_code: string | null;
  key_supervision: boolean;
  /** From the SLA sweep's marks on the running timers: 2 red, 1 yellow, 0 green. */
  severity: number;
};

export const mapRepository = {
  /** Open cases inside a bounding box (within a region prefix), with the sweep's light. */
  async openCases(
    db: Executor,
    filter: {
      bbox: [number, number, number, number];
      regionPrefix?: string;
      departmentIds?: readonly number[];
      limit: number;
    },
  ): Promise<MapCaseRow[]> {
    const [minLng, minLat, maxLng, maxLat] = filter.bbox;
    let query = db
      .selectFrom('cases as c')
      .select([
        'c.id',
        'c.case_number',
        'c.state',
        'c.grid_code',
        'c.key_supervision',
        sql<number>`c.lng`.as('lng'),
        sql<number>`c.lat`.as('lat'),
        sql<number>`coalesce((
          select max(case when t.red_at is not null then 2 when t.yellow_at is not null then 1 else 0 end)
          from case_timers t where t.case_id = c.id and t.status = 'running'
        ), 0)`.as('severity'),
      ])
      .where('c.state', 'not in', ['DRAFT', 'CLOSED', 'VOID'])
      .where('c.lng', '>=', minLng)
      .where('c.lng', '<=', maxLng)
      .where('c.lat', '>=', minLat)
      .where('c.lat', '<=', maxLat);
    if (filter.regionPrefix) query = query.where('c.grid_code', 'like', `${filter.regionPrefix}%`);
    if (filter.departmentIds)
      query = query.where(assignedToAny(filter.departmentIds, 'c.department_ids'));
    const rows = await query.orderBy('c.id', 'desc').limit(filter.limit).execute();
    return rows.map((r) => ({ ...r, severity: Number(r.severity) }));
  },

  /** Each supervisor's positions in a window, within a region prefix (by the grid of each point). */
  async patrolPoints(
    db: Executor,
    filter: { from: Date; to: Date; gridPrefix?: string; limit: number },
  ) {
    let query = db
      .selectFrom('patrol_points as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .select(['p.user_id', 'u.display_name', 'p.at', 'p.lng', 'p.lat'])
      .where('p.at', '>=', filter.from)
      .where('p.at', '<', filter.to);
    if (filter.gridPrefix) query = query.where('p.grid_code', 'like', `${filter.gridPrefix}%`);
    return query.orderBy('p.user_id').orderBy('p.at').limit(filter.limit).execute();
  },
};
