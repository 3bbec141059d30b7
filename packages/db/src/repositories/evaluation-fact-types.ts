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
  /** Only facts of these kinds (the kinds an evaluation reads). */
  kinds?: readonly string[];
  classId?: number;
  source?: string;
};

export type FactSums = {
  key: string;
  kind: string;
  /** Number of facts. */
  n: number;
  /** Sum of values (return-visit scores; equals n for other facts). */
  value: number;
  /** Distinct cases among them (rework counted once per case), for the kinds asked; else n. */
  cases: number;
  onTime: number;
  /** Steps ended by the end of the period (or by `asOf` if earlier). */
  finished: number;
  held: number;
  heldFinished: number;
  heldOnTime: number;
};

/** The window's end: its `to`, or `asOf` while the period is still running. */
export function windowEnd(window: FactWindow): Date {
  return window.to.getTime() < window.asOf.getTime() ? window.to : window.asOf;
}

export type SumRow = {
  key: string;
  kind: string;
  n: string;
  value: string;
  on_time: string;
  finished: string;
  held: string;
  held_finished: string;
  held_on_time: string;
};

export function toSums(r: SumRow): FactSums {
  return {
    key: r.key,
    kind: r.kind,
    n: Number(r.n),
    value: Number(r.value),
    cases: Number(r.n),
    onTime: Number(r.on_time),
    finished: Number(r.finished),
    held: Number(r.held),
    heldFinished: Number(r.held_finished),
    heldOnTime: Number(r.held_on_time),
  };
}
