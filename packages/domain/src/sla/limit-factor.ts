/**
 * The factor applied to a disposal limit: the strictest key-supervision factor that applies
 * (key class, key area, key period; each ≤ 1), times the region class's factor (urban core,
 * fringe, rural — rural may be looser, > 1).
 */
export function effectiveLimitFactor(options: {
  keyFactors: readonly number[];
  regionFactor: number;
}): number {
  const key = Math.min(1, ...options.keyFactors);
  return key * options.regionFactor;
}
