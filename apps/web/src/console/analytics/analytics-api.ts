/**
 * The analytics API's answers (docs/analytics.md) and the page's pure helpers: periods in China
 * Standard Time, the change arrows, the query strings.
 */

export type HotspotLevel = 'grid' | 'community' | 'street';
export type Bucket = 'day' | 'week' | 'month';
export type GroupBy = 'class' | 'source';

export type Hotspots = {
  from: string;
  to: string;
  region: string | null;
  level: string;
  total: number;
  areas: number;
  items: {
    code: string;
    name: string | null;
    count: number;
    share: number;
    classes: { classId: number | null; code: string | null; name: string | null; count: number }[];
  }[];
  heat: {
    cellM: number;
    requestedCellM: number;
    points: HeatPoint[];
    maxWeight: number;
    cells: number;
    truncated: boolean;
  };
};
export type HeatPoint = { lng: number; lat: number; weight: number };

export type Change = {
  count: number;
  previous: number;
  change: number;
  changeRate: number | null;
};
export type TrendPoint = { bucket: string; count: number; previous: number; change: number };
export type Trends = {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  bucket: Bucket;
  groupBy: GroupBy;
  buckets: { key: string; start: string; end: string }[];
  total: Change & { points: TrendPoint[] };
  series: (Change & {
    key: string;
    label: string;
    classId: number | null;
    classCode: string | null;
    points: TrendPoint[];
  })[];
};

export type RecurrenceCase = {
  id: number;
  caseNumber: string;
  createdAt: string;
  gridCode: string | null;
  lng: number;
  lat: number;
};
export type Recurrence = {
  days: number;
  radiusM: number;
  clusters: number;
  cases: number;
  pairs: number;
  truncated: boolean;
  items: {
    classId: number;
    classCode: string | null;
    className: string | null;
    count: number;
    pairs: number;
    maxDistanceM: number;
    centre: { lng: number; lat: number };
    gridCodes: string[];
    firstAt: string;
    lastAt: string;
    caseIds: number[];
    cases: RecurrenceCase[];
  }[];
};

export type Patterns = {
  matrix: number[][];
  byWeekday: number[];
  byHour: number[];
  total: number;
  peak: { weekday: number; hour: number; count: number } | null;
};

export type OverdueDepartments = {
  asOf: string;
  total: { disposals: number; overdue: number; overdueShare: number; openOverdue: number };
  items: {
    departmentId: number;
    code: string;
    name: string;
    disposals: number;
    overdue: number;
    overdueShare: number;
    finishedLate: number;
    openOverdue: number;
  }[];
};

export const PERIOD_KINDS = ['thisMonth', 'lastMonth', 'last7', 'last30', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
/** A period as the API takes it: local (UTC+8) dates, `to` exclusive. */
export type Period = { from: string; to: string };

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Today's date in China Standard Time (the API's days are UTC+8 all year). */
export function chinaToday(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The date `n` days after `day` (YYYY-MM-DD, calendar arithmetic). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function firstOfMonth(day: string, monthsLater = 0): string {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + monthsLater);
  return d.toISOString().slice(0, 10);
}

export const isDay = (value: unknown): value is string =>
  typeof value === 'string' && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

/**
 * The period of a quick pick, ending with today where it is running (本月 is the month so far, so
 * the previous period the API compares with is as long); `custom` keeps its own dates.
 */
export function periodOf(kind: PeriodKind, now: Date, custom?: Period): Period {
  const today = chinaToday(now);
  const tomorrow = addDays(today, 1);
  switch (kind) {
    case 'thisMonth':
      return { from: firstOfMonth(today), to: tomorrow };
    case 'lastMonth':
      return { from: firstOfMonth(today, -1), to: firstOfMonth(today) };
    case 'last7':
      return { from: addDays(today, -6), to: tomorrow };
    case 'last30':
      return { from: addDays(today, -29), to: tomorrow };
    case 'custom':
      return custom ?? { from: firstOfMonth(today), to: tomorrow };
  }
}

/** The query string the endpoints share: period, and region and class when set. */
export function baseQuery(filters: {
  period: Period;
  region: string | null;
  classId: number | null;
}): URLSearchParams {
  const q = new URLSearchParams({ from: filters.period.from, to: filters.period.to });
  if (filters.region) q.set('region', filters.region);
  if (filters.classId) q.set('classId', String(filters.classId));
  return q;
}

/** `base` with more parameters, as a string (for the URL and for "has it changed?"). */
export function withParams(base: URLSearchParams, more: Record<string, string | number>): string {
  const q = new URLSearchParams(base);
  for (const [k, v] of Object.entries(more)) q.set(k, String(v));
  return q.toString();
}

/** A share 0–1 as a percentage with one decimal. */
export const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/**
 * The period-over-period change as an arrow and a percentage: more cases is ▲ (bad), fewer ▼.
 * `pct` is null when the previous period had none (no rate to show).
 */
export function changeOf(c: Pick<Change, 'change' | 'changeRate'>): {
  direction: 'up' | 'down' | 'same';
  arrow: string;
  pct: string | null;
} {
  const direction = c.change > 0 ? 'up' : c.change < 0 ? 'down' : 'same';
  const arrow = direction === 'up' ? '▲' : direction === 'down' ? '▼' : '—';
  return {
    direction,
    arrow,
    pct: c.changeRate === null ? null : `${Math.abs(c.changeRate * 100).toFixed(1)}%`,
  };
}

/** A region's place in the division tree: district (6), street (9), community (12 digits). */
export function regionPath(code: string): string[] {
  return [6, 9, 12].filter((n) => n <= code.length).map((n) => code.slice(0, n));
}

/** The unit grid whose case list a hotspot area can open (only grids: the list filters by grid). */
export const isGridCode = (code: string) => /^\d{15}$/.test(code);

/** Date and time in China Standard Time. */
export function chinaTime(iso: string, locale: string): string {
  return new Date(iso).toLocaleString(locale === 'en' ? 'en' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

/** The local date an API timestamp falls on (UTC+8). */
export const chinaDay = (iso: string) => chinaToday(new Date(iso));
