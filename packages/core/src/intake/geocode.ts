import { addressPointRepository, divisionRepository } from '@xiuhua/db';
import { matchPlace, representativePoint, type Place, type Position } from '@xiuhua/domain';
import type { AppContext } from '../context';
import { perContextCache } from '../shared/context-cache';
import { GRIDS_CACHE, gridIndex, type LocatedGrid } from '../grids/grid-locator.cache';

export type GeocodeResult = {
  lng: number;
  lat: number;
  /** How the point was found, best first: an address point, a community, a street. */
  precision: 'address_point' | 'community' | 'street';
  /** What matched: the address point's address or the division's name. */
  matched: string;
  code: string;
};

type PlaceIndex = { places: Place[]; points: Map<string, Position> };
async function buildPlaces(ctx: AppContext): Promise<PlaceIndex> {
  const { locator } = await gridIndex(ctx);
  const grids = locator.all();
  const byArea = new Map<string, LocatedGrid[]>();
  for (const grid of grids) {
    for (const code of [grid.streetCode, grid.communityCode]) {
      const list = byArea.get(code) ?? [];
      list.push(grid);
      byArea.set(code, list);
    }
  }
  const places: Place[] = [];
  const points = new Map<string, Position>();
  for (const division of await divisionRepository.list(ctx.db.kysely, {})) {
    if (division.level !== 'street' && division.level !== 'community') continue;
    const members = byArea.get(division.code);
    if (!members) continue;
    const point = representativePoint(members, (p) => {
      const hit = locator.locate(p[0], p[1]);
      return (
        hit !== undefined &&
        (hit.streetCode === division.code || hit.communityCode === division.code)
      );
    });
    if (!point) continue;
    places.push({ code: division.code, name: division.name, level: division.level });
    points.set(division.code, point);
  }
  return { places, points };
}

const placeIndex = perContextCache(GRIDS_CACHE, buildPlaces);

/**
 * A simple geocoder for address-only reports: the longest imported address point contained in
 * the text, else the community or street named in it (a point inside its grids). Null when
 * nothing matches: the report is then left for an operator to place.
 */
export async function geocodeAddress(ctx: AppContext, text: string): Promise<GeocodeResult | null> {
  const query = text.trim();
  if (query.length < 2) return null;
  const point = await addressPointRepository.longestContainedIn(ctx.db.kysely, query);
  if (point) {
    return {
      lng: point.lng,
      lat: point.lat,
      precision: 'address_point',
      matched: point.address,
      code: point.id,
    };
  }
  const { places, points } = await placeIndex(ctx);
  const place = matchPlace(query, places);
  const at = place ? points.get(place.code) : undefined;
  if (!place || !at) return null;
  return { lng: at[0], lat: at[1], precision: place.level, matched: place.name, code: place.code };
}

/** Every street and community the geocoder knows, with the point that stands for it. */
export async function placePoints(
  ctx: AppContext,
): Promise<{ code: string; name: string; level: Place['level']; lng: number; lat: number }[]> {
  const { places, points } = await placeIndex(ctx);
  return places.flatMap((p) => {
    const at = points.get(p.code);
    return at ? [{ ...p, lng: at[0], lat: at[1] }] : [];
  });
}
