// The shapes shared by the evaluation's fact and monthly-sum repositories.

/** How facts are grouped into evaluated objects. */
export type FactGrouping = 'district' | 'street' | 'community' | 'grid' | 'department' | 'actor';

export type FactWindow = {
  /** Period start (inclusive). */
  from: Date;
  /** Period end (exclusive); deadlines later than `asOf` are not due yet. */
  to: Date;
  asOf: Date;
};

export type FactFilter = {
  /** Only facts of this position (positions' evaluations). */
  position?: string;
  /** Only facts in regions whose code starts with this (a street's communities, …). */
  regionPrefix?: string;
  classId?: number;
  source?: string;
};

/**
 * What an indicator counts of a kind's facts in a period: all of them (`n`), those on time,
 * those ended by the period's end (`finished`) or not (`open`), the held ones (and of those the
 * ended and the on-time ones), distinct cases, or the sum of their values (return-visit scores).
 */
export type FactMeasure =
  'n' | 'onTime' | 'finished' | 'open' | 'held' | 'heldFinished' | 'heldOnTime' | 'cases' | 'value';

export type MeasureSpec = { kind: string; measure: FactMeasure };

/** One object's values of the measures asked for, in the order they were asked. */
export type MeasureRow = { key: string; values: number[] };

/** The window's end: its `to`, or `asOf` while the period is still running. */
export function windowEnd(window: FactWindow): Date {
  return window.to.getTime() < window.asOf.getTime() ? window.to : window.asOf;
}

/** Reads `key, m0, m1, …` rows (one column per measure) into measure rows. */
export function toMeasureRows(
  rows: readonly Record<string, unknown>[],
  count: number,
): MeasureRow[] {
  return rows.map((r) => {
    const values = new Array<number>(count);
    for (let i = 0; i < count; i++) values[i] = Number(r[`m${i}`] ?? 0);
    return { key: String(r.key), values };
  });
}
