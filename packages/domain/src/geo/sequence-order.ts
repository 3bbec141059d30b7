import type { LocalizedText } from '../errors/app-error';
import type { Position } from './types';

/**
 * Grid sequences run west→east within a row and rows north→south. Cells whose centroid
 * latitudes differ by less than half the median spacing share a row. Returns the codes
 * whose sequence disagrees with that order (warnings: real grids follow streets, not a lattice).
 */
export function checkSequenceOrder(
  cells: readonly { code: string; centroid: Position }[],
): { code: string; reason: LocalizedText }[] {
  const byCommunity = new Map<string, { code: string; centroid: Position }[]>();
  for (const cell of cells)
    byCommunity.set(cell.code.slice(0, 12), [
      ...(byCommunity.get(cell.code.slice(0, 12)) ?? []),
      cell,
    ]);
  const warnings: { code: string; reason: LocalizedText }[] = [];
  for (const group of byCommunity.values()) {
    if (group.length < 2) continue;
    const lats = group.map((c) => c.centroid[1]).sort((a, b) => b - a);
    const steps = lats
      .slice(1)
      .map((lat, i) => (lats[i] ?? lat) - lat)
      .filter((d) => d > 1e-9)
      .sort((a, b) => a - b);
    const rowTolerance = (steps[Math.floor(steps.length / 2)] ?? 0) / 2;
    // Assign rows from the north, then order west→east within each row.
    const sortedNorthFirst = [...group].sort((a, b) => b.centroid[1] - a.centroid[1]);
    const rows: { code: string; centroid: Position }[][] = [];
    for (const cell of sortedNorthFirst) {
      const row = rows[rows.length - 1];
      const rowLat = row?.[0]?.centroid[1];
      if (row && rowLat !== undefined && rowLat - cell.centroid[1] <= rowTolerance) row.push(cell);
      else rows.push([cell]);
    }
    const expected = rows.flatMap((row) => [...row].sort((a, b) => a.centroid[0] - b.centroid[0]));
    const actual = [...group].sort((a, b) => a.code.localeCompare(b.code));
    actual.forEach((cell, i) => {
      if (expected[i]?.code !== cell.code) {
        warnings.push({
          code: cell.code,
          reason: {
            zh: `网格 ${cell.code} 的顺序码不符合自西向东、自北向南的编号规则`,
            en: `grid ${cell.code} is not numbered west→east, north→south`,
          },
        });
      }
    });
  }
  return warnings;
}
