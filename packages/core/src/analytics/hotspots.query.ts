import { analyticsRepository, type HotspotLevel } from '@xiuhua/db';
import type { Actor } from '@xiuhua/domain';
import type { AppContext } from '../context';
import { scopedPeriod, shareOf, type AnalyticsPeriodQuery } from './analytics-period';

/** Heat cells answered at most: beyond this the cells grow (up to MAX_HEAT_CELL_M). */
export const MAX_HEAT_CELLS = 5_000;
export const MAX_HEAT_CELL_M = 5_000;

export type HotspotClass = {
  classId: number | null;
  code: string | null;
  name: string | null;
  count: number;
};
export type HotspotArea = {
  code: string;
  name: string | null;
  count: number;
  share: number;
  classes: HotspotClass[];
};
export type HeatPoint = { lng: number; lat: number; weight: number };
export type AnalyticsHotspots = {
  from: Date;
  to: Date;
  region: string | null;
  level: HotspotLevel;
  /** Cases counted, and how many areas have any. */
  total: number;
  areas: number;
  items: HotspotArea[];
  heat: {
    /** The cell size used: the requested one, or larger when that gave too many cells. */
    cellM: number;
    requestedCellM: number;
    points: HeatPoint[];
    maxWeight: number;
    /** Non-empty cells; more than MAX_HEAT_CELLS even at the largest size cuts the lightest. */
    cells: number;
    truncated: boolean;
  };
};

/**
 * The grids, communities or streets with the most cases in a period (each with its three
 * commonest classes), and the cases binned on cells of about `cellM` metres for a heat map.
 */
export async function analyticsHotspots(
  ctx: AppContext,
  actor: Actor,
  query: AnalyticsPeriodQuery & {
    classId?: number;
    level: HotspotLevel;
    limit: number;
    cellM: number;
  },
): Promise<AnalyticsHotspots> {
  const { period, region, filter } = scopedPeriod(actor, query);
  const caseFilter = { ...filter, ...(query.classId ? { classId: query.classId } : {}) };
  const db = ctx.db.kysely;
  const rows = await analyticsRepository.hotspots(db, {
    ...caseFilter,
    level: query.level,
    limit: query.limit,
  });
  // A month of a whole city on 100 m cells can be 100,000 cells: grow the cells until the
  // answer fits, so the heat map stays small.
  let cellM = query.cellM;
  let cells = await analyticsRepository.heatCells(db, {
    ...caseFilter,
    cellM,
    limit: MAX_HEAT_CELLS,
  });
  while ((cells[0]?.cells ?? 0) > MAX_HEAT_CELLS && cellM < MAX_HEAT_CELL_M) {
    const factor = Math.max(2, Math.ceil(Math.sqrt((cells[0]?.cells ?? 0) / MAX_HEAT_CELLS)));
    cellM = Math.min(MAX_HEAT_CELL_M, cellM * factor);
    cells = await analyticsRepository.heatCells(db, {
      ...caseFilter,
      cellM,
      limit: MAX_HEAT_CELLS,
    });
  }
  const total = rows[0]?.all_total ?? 0;
  const items: HotspotArea[] = [];
  for (const row of rows) {
    let area = items[items.length - 1];
    if (area?.code !== row.area) {
      area = {
        code: row.area,
        name: row.area_name,
        count: row.total,
        share: shareOf(row.total, total),
        classes: [],
      };
      items.push(area);
    }
    area.classes.push({
      classId: row.class_id,
      code: row.class_code,
      name: row.class_name,
      count: row.n,
    });
  }
  const points = cells.map((c) => ({
    lng: Math.round(c.lng * 1e6) / 1e6,
    lat: Math.round(c.lat * 1e6) / 1e6,
    weight: c.weight,
  }));
  const cellCount = cells[0]?.cells ?? 0;
  return {
    ...period,
    region,
    level: query.level,
    total,
    areas: rows[0]?.all_areas ?? 0,
    items,
    heat: {
      cellM,
      requestedCellM: query.cellM,
      points,
      maxWeight: points.reduce((max, p) => Math.max(max, p.weight), 0),
      cells: cellCount,
      truncated: cellCount > points.length,
    },
  };
}
