import { divisionRepository, gridRepository, responsibilityGridRepository } from '@xiuhua/db';
import { createGridLocator, type AreaGeometry } from '@xiuhua/domain';
import type { AppContext } from '../context';
import { perContextCache } from '../shared/context-cache';

export const GRIDS_CACHE = 'grids';

export type LocatedGrid = {
  code: string;
  name: string | null;
  geometry: AreaGeometry;
  districtCode: string;
  streetCode: string;
  communityCode: string;
  responsibilityGridCode: string | null;
};

export type GridIndex = {
  locator: ReturnType<typeof createGridLocator<LocatedGrid>>;
  names: Map<string, string>;
};

async function build(ctx: AppContext): Promise<GridIndex> {
  const db = ctx.db.kysely;
  const rows = await gridRepository.allForLocator(db);
  const items: LocatedGrid[] = rows.map((row) => ({
    code: row.code,
    name: row.name,
    geometry: row.geometry as AreaGeometry,
    districtCode: row.district_code,
    streetCode: row.street_code,
    communityCode: row.community_code,
    responsibilityGridCode: row.responsibility_grid_code,
  }));
  const names = new Map<string, string>();
  for (const division of await divisionRepository.list(db, {}))
    names.set(division.code, division.name);
  for (const rg of await responsibilityGridRepository.list(db, {}))
    names.set(`R:${rg.code}`, rg.name);
  return { locator: createGridLocator(items), names };
}

/**
 * The in-memory spatial index of all unit grids (flatbush over bounding boxes, then exact
 * point-in-polygon), built on first use and rebuilt after grid changes.
 */
export const gridIndex: (ctx: AppContext) => Promise<GridIndex> = perContextCache(
  GRIDS_CACHE,
  build,
);
