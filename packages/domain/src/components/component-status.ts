export const COMPONENT_STATUSES = ['intact', 'damaged', 'lost', 'scrapped', 'removed'] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

export const COMPONENT_STATUS_LABELS: Record<ComponentStatus, string> = {
  intact: '完好',
  damaged: '破损',
  lost: '丢失',
  scrapped: '废弃',
  removed: '移除',
};

/** Accepts the code (intact …) or the standard's Chinese value (完好 …). */
export function parseComponentStatus(value: string): ComponentStatus | undefined {
  const trimmed = value.trim();
  if ((COMPONENT_STATUSES as readonly string[]).includes(trimmed))
    return trimmed as ComponentStatus;
  return COMPONENT_STATUSES.find((status) => COMPONENT_STATUS_LABELS[status] === trimmed);
}
