import type { LocalizedText } from '@xiuhua/domain';

/** One refused input row: where it is, which field, and why (both languages). */
export type RejectedRow = {
  line?: number;
  featureIndex?: number;
  id?: string;
  field?: string;
  reason: string;
  reason_zh: string;
};

export type ImportSummary = {
  total: number;
  imported: number;
  rejected: RejectedRow[];
  dryRun: boolean;
};

export function rejection(
  where: { line?: number; featureIndex?: number; id?: string; field?: string },
  reason: LocalizedText,
): RejectedRow {
  return { ...where, reason: reason.en, reason_zh: reason.zh };
}
