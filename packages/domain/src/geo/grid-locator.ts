import Flatbush from 'flatbush';
import { bboxOf } from './measures';
import { pointInGeometry } from './point-in-geometry';
import type { AreaGeometry, BBox } from './types';

export type GridLocator<T> = {
  readonly size: number;
  /** The item whose geometry contains the point, or undefined. */
  locate(lng: number, lat: number): T | undefined;
  /** Items whose bounding boxes meet the bbox. */
  search(bbox: BBox): T[];
  /** Every item, in input order. */
  all(): readonly T[];
};

/**
 * A static spatial index (flatbush over bounding boxes, then exact point-in-polygon) for
 * answering "which grid holds this point" in microseconds, for tens of thousands of grids.
 */
export function createGridLocator<T extends { geometry: AreaGeometry }>(
  items: readonly T[],
): GridLocator<T> {
  if (items.length === 0)
    return { size: 0, locate: () => undefined, search: () => [], all: () => [] };
  const index = new Flatbush(items.length);
  for (const item of items) {
    const [minX, minY, maxX, maxY] = bboxOf(item.geometry);
    index.add(minX, minY, maxX, maxY);
  }
  index.finish();
  return {
    size: items.length,
    locate(lng, lat) {
      for (const i of index.search(lng, lat, lng, lat)) {
        const item = items[i];
        if (item && pointInGeometry([lng, lat], item.geometry)) return item;
      }
      return undefined;
    },
    all: () => items,
    search([minX, minY, maxX, maxY]) {
      return index.search(minX, minY, maxX, maxY).flatMap((i) => (items[i] ? [items[i]] : []));
    },
  };
}
