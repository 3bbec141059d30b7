import { Type } from '@sinclair/typebox';
import { CaseSourceSchema } from './cases.schema';
import { Nullable, Timestamp } from './common.schema';

const PeriodBound = (description: string) =>
  Type.String({
    pattern:
      '^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,9})?)?(Z|z|[+-][0-9]{2}:[0-9]{2}))?$',
    description: `YYYY-MM-DD (local midnight, UTC+8) or an ISO 8601 date-time with offset; ${description}`,
  });

const period = {
  from: PeriodBound('inclusive'),
  to: PeriodBound('exclusive; after from, at most 366 days later'),
  region: Type.Optional(
    Type.String({
      pattern: '^[0-9]{6}([0-9]{3}){0,2}$',
      description:
        'district 6, street 9 or community 12 digits; default: your region (region-scoped users may only narrow it)',
    }),
  ),
};
const ClassId = Type.Optional(Type.Integer({ minimum: 1, description: 'one class only' }));
const Limit = (fallback: number, maximum: number, description: string) =>
  Type.Integer({ minimum: 1, maximum, default: fallback, description });

export const HotspotsQuery = Type.Object({
  ...period,
  classId: ClassId,
  level: Type.Union([Type.Literal('grid'), Type.Literal('community'), Type.Literal('street')], {
    default: 'grid',
    description: 'rank unit grids, communities or streets',
  }),
  limit: Limit(20, 200, 'areas answered'),
  cellM: Type.Integer({
    minimum: 50,
    maximum: 2000,
    default: 100,
    description: 'heat-map cell size in metres',
  }),
});

export const TrendsQuery = Type.Object({
  ...period,
  classId: ClassId,
  source: Type.Optional(CaseSourceSchema),
  bucket: Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month')], {
    default: 'day',
    description: 'local (UTC+8) days, ISO weeks from Monday, or months',
  }),
  groupBy: Type.Union([Type.Literal('class'), Type.Literal('source')], {
    default: 'class',
    description: 'one series per class or per source',
  }),
  limit: Limit(20, 100, 'series answered, the largest first; the rest add up to "other"'),
});

export const RecurrenceQuery = Type.Object({
  ...period,
  classId: ClassId,
  days: Type.Integer({
    minimum: 1,
    maximum: 365,
    default: 30,
    description: 'at most this many days between two cases of a recurrence',
  }),
  radiusM: Type.Integer({
    minimum: 1,
    maximum: 1000,
    default: 50,
    description: 'at most this many metres between two cases of a recurrence',
  }),
  limit: Limit(50, 500, 'clusters answered'),
});

export const PatternsQuery = Type.Object({ ...period, classId: ClassId });

export const OverdueDepartmentsQuery = Type.Object({
  ...period,
  limit: Limit(20, 200, 'departments answered'),
});

const PeriodOut = {
  from: Timestamp,
  to: Timestamp,
  region: Nullable(Type.String({ description: 'the region counted; null = everything' })),
};

export const HotspotsOut = Type.Object({
  ...PeriodOut,
  level: Type.String(),
  total: Type.Integer({ description: 'cases counted' }),
  areas: Type.Integer({ description: 'areas with any case' }),
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Nullable(Type.String()),
      count: Type.Integer(),
      share: Type.Number({ description: 'of all cases counted, 0–1' }),
      classes: Type.Array(
        Type.Object({
          classId: Nullable(Type.Integer({ description: 'null: not classified yet' })),
          code: Nullable(Type.String()),
          name: Nullable(Type.String()),
          count: Type.Integer(),
        }),
        { description: 'the three commonest classes' },
      ),
    }),
  ),
  heat: Type.Object({
    cellM: Type.Integer({
      description: 'cell size used: cellM, or larger when that gave more than 5,000 cells',
    }),
    requestedCellM: Type.Integer(),
    points: Type.Array(
      Type.Object({ lng: Type.Number(), lat: Type.Number(), weight: Type.Integer() }),
      { description: 'cell centres and case counts, heaviest first' },
    ),
    maxWeight: Type.Integer(),
    cells: Type.Integer({ description: 'non-empty cells' }),
    truncated: Type.Boolean({
      description: 'more than 5,000 cells even at 5 km: the lightest are left out',
    }),
  }),
});

const Change = {
  count: Type.Integer(),
  previous: Type.Integer({ description: 'the same in the previous equal-length period' }),
  change: Type.Integer({ description: 'count − previous' }),
  changeRate: Nullable(Type.Number({ description: '(count − previous) / previous; null if 0' })),
};
const TrendPoints = Type.Array(
  Type.Object({
    bucket: Type.String(),
    count: Type.Integer(),
    previous: Type.Integer({
      description: 'the bucket at the same position of the previous period',
    }),
    change: Type.Integer(),
  }),
);

export const TrendsOut = Type.Object({
  ...PeriodOut,
  previousFrom: Timestamp,
  previousTo: Timestamp,
  bucket: Type.String(),
  groupBy: Type.String(),
  buckets: Type.Array(
    Type.Object({
      key: Type.String({ description: 'local date the bucket starts on (YYYY-MM-DD)' }),
      start: Timestamp,
      end: Timestamp,
    }),
  ),
  total: Type.Object({ ...Change, points: TrendPoints }),
  series: Type.Array(
    Type.Object({
      key: Type.String({ description: 'class id, source, "unclassified" or "other"' }),
      label: Type.String(),
      classId: Nullable(Type.Integer()),
      classCode: Nullable(Type.String()),
      ...Change,
      points: TrendPoints,
    }),
  ),
});

export const RecurrenceOut = Type.Object({
  ...PeriodOut,
  days: Type.Integer(),
  radiusM: Type.Integer(),
  clusters: Type.Integer(),
  cases: Type.Integer(),
  pairs: Type.Integer(),
  truncated: Type.Boolean({ description: 'more than 50,000 linked pairs: narrow the query' }),
  items: Type.Array(
    Type.Object({
      classId: Type.Integer(),
      classCode: Nullable(Type.String()),
      className: Nullable(Type.String()),
      count: Type.Integer(),
      pairs: Type.Integer(),
      maxDistanceM: Type.Number(),
      centre: Type.Object({ lng: Type.Number(), lat: Type.Number() }),
      gridCodes: Type.Array(Type.String()),
      firstAt: Timestamp,
      lastAt: Timestamp,
      caseIds: Type.Array(Type.Integer()),
      cases: Type.Array(
        Type.Object({
          id: Type.Integer(),
          caseNumber: Type.String(),
          createdAt: Timestamp,
          gridCode: Nullable(Type.String()),
          lng: Type.Number(),
          lat: Type.Number(),
        }),
      ),
    }),
  ),
});

export const PatternsOut = Type.Object({
  ...PeriodOut,
  utcOffsetMinutes: Type.Integer(),
  weekdays: Type.Array(Type.String(), { description: 'row labels, Monday first' }),
  matrix: Type.Array(Type.Array(Type.Integer()), {
    description: '7 rows (Monday … Sunday) × 24 local hours',
  }),
  byWeekday: Type.Array(Type.Integer()),
  byHour: Type.Array(Type.Integer()),
  total: Type.Integer(),
  peak: Nullable(
    Type.Object({ weekday: Type.Integer(), hour: Type.Integer(), count: Type.Integer() }),
  ),
});

export const OverdueDepartmentsOut = Type.Object({
  ...PeriodOut,
  asOf: Timestamp,
  total: Type.Object({
    disposals: Type.Integer(),
    overdue: Type.Integer(),
    overdueShare: Type.Number(),
    openOverdue: Type.Integer(),
  }),
  items: Type.Array(
    Type.Object({
      departmentId: Type.Integer(),
      code: Type.String(),
      name: Type.String(),
      disposals: Type.Integer(),
      overdue: Type.Integer(),
      overdueShare: Type.Number(),
      finishedLate: Type.Integer(),
      openOverdue: Type.Integer(),
    }),
  ),
});
