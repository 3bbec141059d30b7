/** One problem of a grid import check (the server's GridProblem; warnings flagged when refused). */
export type GridProblem = {
  kind: string;
  reason: string;
  reason_zh: string;
  featureIndex?: number;
  code?: string;
  codes?: string[];
  position?: number[];
  areaM2?: number;
  bbox?: number[];
  warning?: boolean;
};

export type GridImportReport = {
  status: 'applied' | 'valid' | 'rejected';
  featureCount: number;
  imported: number;
  errors: GridProblem[];
  warnings: GridProblem[];
  boundary: { code: string | null; areaM2: number } | null;
  coveredAreaM2: number | null;
};

/** A refused import (422) carries its errors and warnings in one list; split them back. */
export function rejectedReport(details: unknown, featureCount: number): GridImportReport {
  const problems = Array.isArray(details) ? (details as GridProblem[]) : [];
  return {
    status: 'rejected',
    featureCount,
    imported: 0,
    errors: problems.filter((p) => !p.warning),
    warnings: problems.filter((p) => p.warning).map((p) => ({ ...p, warning: true })),
    boundary: null,
    coveredAreaM2: null,
  };
}
