import {
  forbidden,
  invalidInput,
  requireAnyRole,
  requireRegion,
  type Actor,
  type Role,
} from '@xiuhua/domain';

/** Analytics count in China Standard Time (UTC+8; China keeps one offset all year). */
export const ANALYTICS_UTC_OFFSET_MINUTES = 480;
/** The longest period one analysis may cover. */
export const MAX_ANALYTICS_RANGE_DAYS = 366;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const OFFSET_MS = ANALYTICS_UTC_OFFSET_MINUTES * MINUTE_MS;

/** The centre's roles that read analytics; departments are refused whatever their roles. */
export const ANALYTICS_ROLES: readonly Role[] = [
  'commander',
  'leader',
  'shift_leader',
  'dispatcher',
  'operator',
  'admin',
];

export type AnalyticsPeriod = { from: Date; to: Date };
export type AnalyticsBucketUnit = 'day' | 'week' | 'month';
export type AnalyticsBucket = {
  /** Local (UTC+8) date the bucket starts on, YYYY-MM-DD (weeks start on Monday). */
  key: string;
  /** The bucket's part of the period: [start, end). */
  start: Date;
  end: Date;
};

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|z|[+-]\d{2}:\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Reads a period bound: `YYYY-MM-DD` is local midnight (UTC+8); a date-time must carry its
 * offset (`Z` or `±hh:mm`). Anything else, or an impossible date, is a 400 naming the field.
 */
export function parseInstant(field: string, text: string): Date {
  const bad = () =>
    invalidInput(field, {
      zh: '须为日期 YYYY-MM-DD（北京时间零点）或带时区的 ISO 8601 时间',
      en: 'must be a date YYYY-MM-DD (local midnight, UTC+8) or an ISO 8601 date-time with offset',
    });
  const date = DATE_ONLY.exec(text);
  const full = date ? undefined : DATE_TIME.exec(text);
  const parts = date ?? full;
  if (!parts) throw bad();
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw bad();
  if (date) return new Date(Date.UTC(year, month - 1, day) - OFFSET_MS);
  const [hour, minute, second] = [Number(full?.[4]), Number(full?.[5]), Number(full?.[6] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) throw bad();
  const fraction = Math.floor(Number(`0${full?.[7] ?? ''}`) * 1000);
  const zone = full?.[8] ?? 'Z';
  let offsetMinutes = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const [h, m] = zone.slice(1).split(':').map(Number);
    if ((h ?? 0) > 23 || (m ?? 0) > 59) throw bad();
    offsetMinutes = sign * ((h ?? 0) * 60 + (m ?? 0));
  }
  return new Date(
    Date.UTC(year, month - 1, day, hour, minute, second, fraction) - offsetMinutes * MINUTE_MS,
  );
}

/** Parses and checks a period: from before to, at most MAX_ANALYTICS_RANGE_DAYS long. */
export function parsePeriod(query: { from: string; to: string }): AnalyticsPeriod {
  const from = parseInstant('from', query.from);
  const to = parseInstant('to', query.to);
  if (to.getTime() <= from.getTime())
    throw invalidInput('to', { zh: '结束时间须晚于开始时间', en: 'must be after from' });
  if (to.getTime() - from.getTime() > MAX_ANALYTICS_RANGE_DAYS * DAY_MS)
    throw invalidInput('to', {
      zh: `统计区间不能超过 ${MAX_ANALYTICS_RANGE_DAYS} 天`,
      en: `the period may not be longer than ${MAX_ANALYTICS_RANGE_DAYS} days`,
    });
  return { from, to };
}

/** The equal-length period just before: [from − (to − from), from). */
export function previousPeriod(period: AnalyticsPeriod): AnalyticsPeriod {
  const length = period.to.getTime() - period.from.getTime();
  return { from: new Date(period.from.getTime() - length), to: period.from };
}

/**
 * The region an analysis covers: the asked one (inside the actor's region, else 403
 * OUTSIDE_SCOPE), else the actor's region, else everything (undefined). Only the centre's
 * reading roles may ask; department-scoped users get 403.
 */
export function analyticsRegion(actor: Actor, region: string | undefined): string | undefined {
  requireAnyRole(actor, ANALYTICS_ROLES);
  if (actor.scope.kind === 'department')
    throw forbidden({
      zh: '专业部门不能查看统计分析',
      en: 'Departments cannot see analytics',
    });
  if (actor.scope.kind === 'region') {
    if (!region) return actor.scope.divisionCode;
    requireRegion(actor, region);
  }
  return region;
}

/** Start of the local bucket holding `at`, as local wall-clock milliseconds. */
function localBucketStart(at: Date, unit: AnalyticsBucketUnit): number {
  const local = new Date(at.getTime() + OFFSET_MS);
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  if (unit === 'day') return midnight;
  if (unit === 'week') return midnight - ((local.getUTCDay() + 6) % 7) * DAY_MS;
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1);
}

function nextLocalStart(localStart: number, unit: AnalyticsBucketUnit): number {
  if (unit === 'day') return localStart + DAY_MS;
  if (unit === 'week') return localStart + 7 * DAY_MS;
  const d = new Date(localStart);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/**
 * The local days, ISO weeks (Monday first) or months a period touches, in order, each clipped
 * to the period; a period not starting on a bucket boundary has a partial first bucket.
 */
export function bucketsOf(period: AnalyticsPeriod, unit: AnalyticsBucketUnit): AnalyticsBucket[] {
  const buckets: AnalyticsBucket[] = [];
  let localStart = localBucketStart(period.from, unit);
  while (localStart - OFFSET_MS < period.to.getTime()) {
    const next = nextLocalStart(localStart, unit);
    buckets.push({
      key: new Date(localStart).toISOString().slice(0, 10),
      start: new Date(Math.max(localStart - OFFSET_MS, period.from.getTime())),
      end: new Date(Math.min(next - OFFSET_MS, period.to.getTime())),
    });
    localStart = next;
  }
  return buckets;
}

/** count − previous, and the relative change (null when there was nothing before). */
export function changeOf(count: number, previous: number) {
  return {
    change: count - previous,
    changeRate:
      previous === 0 ? null : Math.round(((count - previous) / previous) * 10_000) / 10_000,
  };
}

export type AnalyticsPeriodQuery = { from: string; to: string; region?: string };

/** The checked period and region of a query, and the repository filter for them. */
export function scopedPeriod(actor: Actor, query: AnalyticsPeriodQuery) {
  const regionPrefix = analyticsRegion(actor, query.region);
  const period = parsePeriod(query);
  return {
    period,
    region: regionPrefix ?? null,
    filter: { ...period, ...(regionPrefix ? { regionPrefix } : {}) },
  };
}

/** A share of a whole, 0–1 with four decimals (0 of nothing is 0). */
export const shareOf = (part: number, whole: number) =>
  whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
