import type { Position } from '../geo/types';

export type PartitionTarget = { id: string; weight: number; anchor?: Position };

/**
 * Splits items among targets by recursive bisection: at each step the targets are split in
 * two groups of about equal weight (ordered by their anchors along the longer axis) and the
 * items are cut along that axis at the matching weighted share. Regions come out compact and
 * contiguous for reasonably shaped areas; each target gets at least one item when possible.
 */
export function bisect<T extends { centroid: Position }>(
  items: readonly T[],
  targets: readonly PartitionTarget[],
): Map<string, T[]> {
  const result = new Map<string, T[]>();
  const step = (group: readonly T[], group2: readonly PartitionTarget[]) => {
    if (group2.length === 0) return;
    if (group2.length === 1) {
      const only = group2[0];
      if (only) result.set(only.id, [...group]);
      return;
    }
    const xs = group.map((i) => i.centroid[0]);
    const ys = group.map((i) => i.centroid[1]);
    const spanX =
      (Math.max(...xs) - Math.min(...xs)) *
      Math.cos((((Math.max(...ys) + Math.min(...ys)) / 2) * Math.PI) / 180);
    const spanY = Math.max(...ys) - Math.min(...ys);
    const axis: 0 | 1 = spanX >= spanY ? 0 : 1;
    const other: 0 | 1 = axis === 0 ? 1 : 0;
    const orderedTargets = [...group2].sort(
      (a, b) => (a.anchor?.[axis] ?? 0) - (b.anchor?.[axis] ?? 0) || a.id.localeCompare(b.id),
    );
    const total = orderedTargets.reduce((sum, t) => sum + t.weight, 0);
    let cut = 1;
    let acc = orderedTargets[0]?.weight ?? 0;
    while (
      cut < orderedTargets.length - 1 &&
      acc + (orderedTargets[cut]?.weight ?? 0) <= total / 2
    ) {
      acc += orderedTargets[cut]?.weight ?? 0;
      cut++;
    }
    const low = orderedTargets.slice(0, cut);
    const high = orderedTargets.slice(cut);
    const lowWeight = low.reduce((sum, t) => sum + t.weight, 0);
    const sorted = [...group].sort(
      (a, b) => a.centroid[axis] - b.centroid[axis] || a.centroid[other] - b.centroid[other],
    );
    let split = Math.round((sorted.length * lowWeight) / total);
    split = Math.min(
      Math.max(split, Math.min(low.length, sorted.length)),
      Math.max(sorted.length - high.length, 0),
    );
    step(sorted.slice(0, split), low);
    step(sorted.slice(split), high);
  };
  step(items, targets);
  return result;
}
