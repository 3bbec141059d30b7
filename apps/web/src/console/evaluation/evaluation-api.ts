/** The evaluation API's shapes (docs/evaluation.md) and the page's period and object-type helpers. */

export type Text = { zh: string; en: string };

export const OBJECT_TYPES = {
  region: ['street', 'community', 'grid', 'district'],
  department: ['department_first', 'department_second'],
  position: ['supervisor', 'operator', 'shift_leader', 'dispatcher'],
} as const;
export type ObjectKind = keyof typeof OBJECT_TYPES;
export type ObjectType = (typeof OBJECT_TYPES)[ObjectKind][number];
export const ALL_OBJECT_TYPES: ObjectType[] = [
  'district',
  'street',
  'community',
  'grid',
  'department_first',
  'department_second',
  'supervisor',
  'operator',
  'shift_leader',
  'dispatcher',
];

export function kindOf(type: ObjectType): ObjectKind {
  return (Object.keys(OBJECT_TYPES) as ObjectKind[]).find((k) =>
    (OBJECT_TYPES[k] as readonly string[]).includes(type),
  ) as ObjectKind;
}

export function isObjectType(value: unknown): value is ObjectType {
  return typeof value === 'string' && (ALL_OBJECT_TYPES as string[]).includes(value);
}

/** The counts shown as columns for each kind of object (every one opens its cases). */
export const KEY_COUNTS: Record<ObjectType, string[]> = {
  district: ['filed', 'close_due', 'closed', 'closed_on_time'],
  street: ['filed', 'close_due', 'closed', 'closed_on_time'],
  community: ['filed', 'close_due', 'closed', 'closed_on_time'],
  grid: ['filed', 'close_due', 'closed', 'closed_on_time'],
  department_first: ['filed', 'dispose_due', 'disposed_on_time', 'overdue_open', 'rework'],
  department_second: ['filed', 'dispose_due', 'disposed_on_time', 'overdue_open', 'rework'],
  supervisor: ['reported', 'valid', 'missed', 'verified_on_time', 'checked_on_time'],
  operator: ['accepted', 'verify_sent_on_time', 'check_sent_on_time'],
  shift_leader: ['filed', 'filed_on_time', 'filed_accurate', 'close_step_on_time'],
  dispatcher: ['dispatched', 'dispatched_on_time', 'dispatched_accurate'],
};

export type Term = {
  kind: 'rate' | 'count';
  key: string;
  label: Text;
  weight: number;
  effectiveWeight: number;
  value: number | null;
  points: number;
  capped: boolean;
  nullRule: string | null;
  rate: {
    numeratorIndicator: string;
    denominatorIndicator: string;
    numerator: number;
    denominator: number;
    rate: number | null;
    complement: boolean;
  } | null;
  count: { indicator: string; count: number; score: number } | null;
};

export type Row = {
  id: string;
  name: string;
  rank: number | null;
  unranked: { code: string; reason: Text } | null;
  score: number | null;
  grade: { grade: string; label: Text } | null;
  sample: { indicator: string; count: number; minimum: number; met: boolean } | null;
  counts: Record<string, number>;
  terms: Term[];
};

export type Period = { kind: string; label: string; from: string; to: string };
export type Evaluation = { objectType: string; period: Period; asOf: string; rows: Row[] };

export type DrillPage = {
  total: number;
  items: {
    caseId: number;
    caseNumber: string;
    at: string;
    finishedAt: string | null;
    onTime: boolean | null;
  }[];
};

/** What a clicked number stands for: one indicator of one object in the evaluation shown. */
export type DrillTarget = {
  params: Record<string, string>;
  id: string;
  name: string;
  indicator: string;
};

export type Publication = {
  period: Period;
  region: { code: string; name: string } | null;
  publishedAt: string;
  publishedBy: { id: number; name: string } | null;
  sections: { objectType: string; label: Text; names: boolean; rows: unknown[] }[];
};

/** What the period picker holds; `value` is a month `YYYY-MM`, a year `YYYY` or null. */
export type PeriodChoice = {
  kind: 'month' | 'quarter' | 'year' | 'custom';
  month: string;
  year: string;
  quarter: number;
  range: [string, string] | null;
};

const pad = (n: number) => String(n).padStart(2, '0');

/** Last month by the browser's clock in China time, e.g. 2026-11 on 2 December 2026. */
export function lastMonth(now = new Date()): string {
  const china = new Date(now.getTime() + 8 * 3_600_000);
  const y = china.getUTCFullYear();
  const m = china.getUTCMonth(); // 0-based: this month − 1 in 1-based terms
  return m === 0 ? `${y - 1}-12` : `${y}-${pad(m)}`;
}

export function defaultChoice(now = new Date()): PeriodChoice {
  return { ...monthChoice(lastMonth(now)), range: null };
}

/** A month, with the year and quarter it lies in (so switching to quarter or year keeps it). */
function monthChoice(month: string): Omit<PeriodChoice, 'range'> {
  return {
    kind: 'month',
    month,
    year: month.slice(0, 4),
    quarter: Math.ceil(Number(month.slice(5, 7)) / 3),
  };
}

/** The API's `period`, `from`, `to` for a choice; null while a custom range is incomplete. */
export function periodParams(choice: PeriodChoice): Record<string, string> | null {
  switch (choice.kind) {
    case 'month':
      return /^\d{4}-\d{2}$/.test(choice.month) ? { period: choice.month } : null;
    case 'quarter':
      return /^\d{4}$/.test(choice.year) ? { period: `${choice.year}-Q${choice.quarter}` } : null;
    case 'year':
      return /^\d{4}$/.test(choice.year) ? { period: choice.year } : null;
    case 'custom':
      return choice.range ? { period: 'custom', from: choice.range[0], to: choice.range[1] } : null;
  }
}

/** The choice named by a route query (period, from, to), or the default. */
export function choiceFromQuery(query: Record<string, unknown>, now = new Date()): PeriodChoice {
  const choice = defaultChoice(now);
  const period = typeof query.period === 'string' ? query.period : '';
  let m: RegExpExecArray | null;
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return { ...choice, ...monthChoice(period) };
  if ((m = /^(\d{4})-Q([1-4])$/.exec(period)))
    return { ...choice, kind: 'quarter', year: m[1] ?? '', quarter: Number(m[2]) };
  if (/^\d{4}$/.test(period)) return { ...choice, kind: 'year', year: period };
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (
    period === 'custom' &&
    typeof query.from === 'string' &&
    typeof query.to === 'string' &&
    day.test(query.from) &&
    day.test(query.to)
  )
    return { ...choice, kind: 'custom', range: [query.from, query.to] };
  return choice;
}

/** Element Plus tag types by grade. */
export function gradeTagType(
  grade: string | undefined,
): 'success' | 'primary' | 'warning' | 'danger' | 'info' {
  switch (grade) {
    case 'A':
      return 'success';
    case 'B':
      return 'primary';
    case 'C':
      return 'warning';
    case 'D':
    case 'E':
      return 'danger';
    default:
      return 'info';
  }
}

export const query = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(params)
      .filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '')
      .map(([k, v]) => [k, String(v)]),
  ).toString();

/** A time in China time, in the UI's language. */
export function when(at: string | null | undefined, locale: string): string {
  return at
    ? new Date(at).toLocaleString(locale === 'en' ? 'en' : 'zh-CN', { timeZone: 'Asia/Shanghai' })
    : '—';
}

/** A local day (China time) of an instant. */
export function day(at: string): string {
  return new Date(new Date(at).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export const score2 = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : n.toFixed(2);
export const percent = (r: number | null | undefined) =>
  r === null || r === undefined ? '—' : `${(Math.round(r * 10_000) / 100).toFixed(2)}%`;
