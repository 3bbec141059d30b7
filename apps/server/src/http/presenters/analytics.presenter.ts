import type {
  AnalyticsHotspots,
  AnalyticsOverdueDepartments,
  AnalyticsPatterns,
  AnalyticsRecurrence,
  AnalyticsTrends,
} from '@xiuhua/core';

const iso = (at: Date) => at.toISOString();

const period = (r: { from: Date; to: Date; region: string | null }) => ({
  from: iso(r.from),
  to: iso(r.to),
  region: r.region,
});

export const presentHotspots = (r: AnalyticsHotspots) => ({
  ...r,
  ...period(r),
});

export const presentTrends = (r: AnalyticsTrends) => ({
  ...r,
  ...period(r),
  previousFrom: iso(r.previousFrom),
  previousTo: iso(r.previousTo),
  buckets: r.buckets.map((b) => ({ key: b.key, start: iso(b.start), end: iso(b.end) })),
});

export const presentRecurrence = (r: AnalyticsRecurrence) => ({
  ...r,
  ...period(r),
  items: r.items.map((c) => ({
    ...c,
    firstAt: iso(c.firstAt),
    lastAt: iso(c.lastAt),
    cases: c.cases.map((k) => ({ ...k, createdAt: iso(k.createdAt) })),
  })),
});

/** Row labels of the weekday × hour matrix, Monday first (ISO). */
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export const presentPatterns = (r: AnalyticsPatterns) => ({
  ...r,
  ...period(r),
  weekdays: WEEKDAYS,
});

export const presentOverdueDepartments = (r: AnalyticsOverdueDepartments) => ({
  ...r,
  ...period(r),
  asOf: iso(r.asOf),
});
