/** Traffic lights of a running limit (DOMAIN.md §5): green < 80 % used, yellow 80–100 %, red overdue. */
export type Light = 'green' | 'yellow' | 'red';

export const YELLOW_SHARE = 0.8;

/** The light for `used` of `limit` (same unit); a zero limit is red once anything is used. */
export function lightFor(used: number, limit: number): Light {
  if (used > limit) return 'red';
  if (limit <= 0) return used > 0 ? 'red' : 'green';
  return used / limit >= YELLOW_SHARE ? 'yellow' : 'green';
}

/** Overtime multiple = (used − limit) / limit, 0 when on time. */
export function overtimeMultiple(used: number, limit: number): number {
  if (limit <= 0 || used <= limit) return 0;
  return (used - limit) / limit;
}
