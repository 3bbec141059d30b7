import type { DivisionRow, UnitGridRow } from '@xiuhua/core';

type DivisionLike = Pick<
  DivisionRow,
  | 'code'
  | 'level'
  | 'name'
  | 'parent_code'
  | 'area_class'
  | 'min_lng'
  | 'min_lat'
  | 'max_lng'
  | 'max_lat'
> & {
  outline?: DivisionRow['outline'];
};

export const presentDivision = (row: DivisionLike) => ({
  code: row.code,
  level: row.level,
  name: row.name,
  parentCode: row.parent_code,
  areaClass: row.area_class,
  bbox:
    row.min_lng === null || row.min_lat === null || row.max_lng === null || row.max_lat === null
      ? null
      : [row.min_lng, row.min_lat, row.max_lng, row.max_lat],
  ...(row.outline !== undefined ? { outline: row.outline } : {}),
});

type GridLike = Pick<
  UnitGridRow,
  | 'code'
  | 'name'
  | 'district_code'
  | 'street_code'
  | 'community_code'
  | 'area_m2'
  | 'centroid_lng'
  | 'centroid_lat'
  | 'min_lng'
  | 'min_lat'
  | 'max_lng'
  | 'max_lat'
  | 'responsibility_grid_code'
> & { geometry?: UnitGridRow['geometry'] };

export const presentGrid = (row: GridLike) => ({
  code: row.code,
  name: row.name,
  districtCode: row.district_code,
  streetCode: row.street_code,
  communityCode: row.community_code,
  areaM2: Math.round(row.area_m2 * 10) / 10,
  centroid: [row.centroid_lng, row.centroid_lat],
  bbox: [row.min_lng, row.min_lat, row.max_lng, row.max_lat],
  responsibilityGridCode: row.responsibility_grid_code,
  ...(row.geometry !== undefined ? { geometry: row.geometry } : {}),
});

/** Parses 'minLng,minLat,maxLng,maxLat'. */
export function parseBBox(text: string | undefined): [number, number, number, number] | undefined {
  if (!text) return undefined;
  const [a = 0, b = 0, c = 0, d = 0] = text.split(',').map(Number);
  return [a, b, c, d];
}
