import { gridRepository, responsibilityGridRepository } from '@xiuhua/db';
import { AppError, invalidInput, notFound, requireRegion, type Actor } from '@xiuhua/domain';
import type { AppContext } from '../context';
import { toLimitOffset, type Page } from '../shared/pagination';
import { gridIndex } from './grid-locator.cache';

export type NamedCode = { code: string; name: string };

export type GridLocation = {
  grid: NamedCode;
  community: NamedCode;
  street: NamedCode;
  district: NamedCode;
  responsibilityGrid: NamedCode | null;
};

/** Which unit grid (and community, street, district, responsibility grid) holds a point. */
export async function locatePoint(
  ctx: AppContext,
  actor: Actor,
  point: { lng: number; lat: number },
): Promise<GridLocation> {
  const { lng, lat } = point;
  if (!Number.isFinite(lng) || lng < -180 || lng > 180)
    throw invalidInput('lng', {
      zh: '经度须在 -180 到 180 之间',
      en: 'must be between -180 and 180',
    });
  if (!Number.isFinite(lat) || lat < -90 || lat > 90)
    throw invalidInput('lat', { zh: '纬度须在 -90 到 90 之间', en: 'must be between -90 and 90' });
  const { locator, names } = await gridIndex(ctx);
  const grid = locator.locate(lng, lat);
  if (!grid) {
    throw new AppError({
      code: 'OUTSIDE_JURISDICTION',
      text: {
        zh: `坐标 (${lng}, ${lat}) 不在任何单元网格内`,
        en: `Point (${lng}, ${lat}) is not inside any unit grid`,
      },
      details: [{ field: 'lng,lat', reason: 'outside all unit grids', lng, lat }],
    });
  }
  requireRegion(actor, grid.code);
  const named = (code: string): NamedCode => ({ code, name: names.get(code) ?? code });
  return {
    grid: { code: grid.code, name: grid.name ?? grid.code },
    community: named(grid.communityCode),
    street: named(grid.streetCode),
    district: named(grid.districtCode),
    responsibilityGrid: grid.responsibilityGridCode
      ? {
          code: grid.responsibilityGridCode,
          name: names.get(`R:${grid.responsibilityGridCode}`) ?? grid.responsibilityGridCode,
        }
      : null,
  };
}

/** Grids under a division prefix or in a bbox, limited to the actor's region. */
export async function listGrids(
  ctx: AppContext,
  actor: Actor,
  filter: {
    prefix?: string;
    bbox?: [number, number, number, number];
    responsibilityGridCode?: string;
    withGeometry?: boolean;
  },
  page: Page,
) {
  let prefix = filter.prefix;
  if (actor.scope.kind === 'region') {
    const scope = actor.scope.divisionCode;
    if (!prefix || scope.startsWith(prefix)) prefix = scope;
    else requireRegion(actor, prefix);
  }
  const { rows, total } = await gridRepository.list(ctx.db.kysely, {
    ...filter,
    ...(prefix ? { prefix } : {}),
    ...toLimitOffset(page),
  });
  return { items: rows, total, ...page };
}

export async function getGrid(ctx: AppContext, actor: Actor, code: string) {
  const row = await gridRepository.findByCode(ctx.db.kysely, code);
  if (!row) throw notFound({ zh: '单元网格', en: 'Unit grid' }, code);
  requireRegion(actor, row.code);
  return row;
}

export async function listResponsibilityGrids(
  ctx: AppContext,
  actor: Actor,
  filter: { prefix?: string },
) {
  const db = ctx.db.kysely;
  const scope = actor.scope.kind === 'region' ? actor.scope.divisionCode : undefined;
  const prefix =
    scope && (!filter.prefix || scope.startsWith(filter.prefix)) ? scope : filter.prefix;
  if (scope && prefix) requireRegion(actor, prefix);
  const rows = await responsibilityGridRepository.list(db, prefix ? { prefix } : {});
  const supervisors = await responsibilityGridRepository.supervisors(
    db,
    rows.map((r) => r.code),
  );
  return rows.map((row) => ({
    ...row,
    supervisors: supervisors
      .filter((s) => s.responsibility_grid_code === row.code)
      .map((s) => ({ id: s.id, username: s.username, displayName: s.display_name })),
  }));
}
