import { centroidOf, distanceM } from './measures';
import type { AreaGeometry, Position } from './types';

export type Place = { code: string; name: string; level: 'street' | 'community' };

/** Suffixes people leave out when they say where something is. */
const SUFFIXES = [
  '居民委员会',
  '居委会',
  '村民委员会',
  '村委会',
  '社区',
  '街道办事处',
  '街道',
  '镇',
];

/** The forms of a division name that may appear in an address: the full name and its stem. */
export function nameForms(name: string): string[] {
  const forms = [name];
  for (const suffix of SUFFIXES) {
    if (name.endsWith(suffix) && name.length - suffix.length >= 2) {
      forms.push(name.slice(0, name.length - suffix.length));
      break;
    }
  }
  return forms;
}

/**
 * The division named in a free-text address: communities beat streets (they are smaller), and
 * among those the longest matching name wins; ties go to the lower code so answers are stable.
 */
export function matchPlace(text: string, places: readonly Place[]): Place | null {
  let best: { place: Place; length: number } | null = null;
  for (const place of places) {
    for (const form of nameForms(place.name)) {
      if (!text.includes(form)) continue;
      const better =
        !best ||
        (place.level === 'community' && best.place.level === 'street') ||
        (place.level === best.place.level &&
          (form.length > best.length ||
            (form.length === best.length && place.code < best.place.code)));
      if (better) best = { place, length: form.length };
    }
  }
  return best?.place ?? null;
}

/**
 * A point that stands for an area made of grids: the centroid of the grid nearest to the mean
 * of all its grids' centroids, checked to lie in one of the area's grids (concave clipped cells
 * can have their centroid outside), else the next nearest.
 */
export function representativePoint(
  grids: readonly { code: string; geometry: AreaGeometry }[],
  inArea: (point: Position) => boolean,
): Position | null {
  if (grids.length === 0) return null;
  const centroids = grids.map((g) => centroidOf(g.geometry));
  const mean: Position = [
    centroids.reduce((s, c) => s + c[0], 0) / centroids.length,
    centroids.reduce((s, c) => s + c[1], 0) / centroids.length,
  ];
  const order = centroids
    .map((c, i) => ({ c, i, d: distanceM(c, mean) }))
    .sort((a, b) => a.d - b.d || a.i - b.i);
  for (const candidate of order.slice(0, 50)) if (inArea(candidate.c)) return candidate.c;
  return null;
}
