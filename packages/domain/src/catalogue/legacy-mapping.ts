import type { ClassRow } from './class-row';

export type MappingSuggestion = {
  legacyCode: string;
  currentCode: string;
  kind: 'component' | 'matter';
  confidence: 'exact' | 'similar';
};

const normalise = (name: string) => name.replace(/[（）()\s]/g, '').replace(/设施$|异常$/, '');

/**
 * Suggests legacy CJ/T 214 → GB/T 47678.5-2026 pairs by name: legacy components against
 * 2026 components, legacy events against 2026 matters. Exact names first, then names where
 * one contains the other; deterministic.
 */
export function suggestLegacyMapping(
  legacy: readonly ClassRow[],
  current: readonly ClassRow[],
): MappingSuggestion[] {
  const suggestions: MappingSuggestion[] = [];
  for (const old of legacy) {
    const kind = old.kind === 'component' ? 'component' : 'matter';
    const candidates = current.filter((c) => c.kind === kind);
    const name = normalise(old.name);
    const exact = candidates.find((c) => normalise(c.name) === name);
    if (exact) {
      suggestions.push({
        legacyCode: old.code,
        currentCode: exact.code,
        kind,
        confidence: 'exact',
      });
      continue;
    }
    const similar = candidates.find((c) => {
      const other = normalise(c.name);
      return (
        name.length >= 2 && other.length >= 2 && (other.includes(name) || name.includes(other))
      );
    });
    if (similar)
      suggestions.push({
        legacyCode: old.code,
        currentCode: similar.code,
        kind,
        confidence: 'similar',
      });
  }
  return suggestions;
}
