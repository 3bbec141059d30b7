import { Type } from '@sinclair/typebox';
import { Nullable, Timestamp } from './common.schema';

const Text = Type.Object({ zh: Type.String(), en: Type.String() });

export const EvaluationObjectTypeSchema = Type.Union(
  [
    Type.Literal('district'),
    Type.Literal('street'),
    Type.Literal('community'),
    Type.Literal('grid'),
    Type.Literal('department_first'),
    Type.Literal('department_second'),
    Type.Literal('supervisor'),
    Type.Literal('operator'),
    Type.Literal('shift_leader'),
    Type.Literal('dispatcher'),
  ],
  { description: 'regions, departments (first / second level) or positions' },
);

export const EvaluationQuery = Type.Object({
  objectType: EvaluationObjectTypeSchema,
  period: Type.String({
    description: 'YYYY-MM, YYYY-Qn, YYYY, or custom with from/to (local days, China time)',
    examples: ['2026-11', '2026-Q4', '2026', 'custom'],
  }),
  from: Type.Optional(Type.String({ description: 'custom period: first local day YYYY-MM-DD' })),
  to: Type.Optional(Type.String({ description: 'custom period: last local day YYYY-MM-DD' })),
  region: Type.Optional(Type.String({ pattern: '^[0-9]{6}([0-9]{3}){0,3}$' })),
});

export const EvaluationPeriodSchema = Type.Object({
  kind: Type.String(),
  label: Type.String(),
  from: Timestamp,
  to: Timestamp,
});

export const EvaluationTerm = Type.Object({
  kind: Type.Union([Type.Literal('rate'), Type.Literal('count')]),
  key: Type.String(),
  label: Text,
  weight: Type.Number(),
  effectiveWeight: Type.Number(),
  value: Nullable(Type.Number({ description: 'what earned points, 0–1; null when skipped' })),
  points: Type.Number(),
  capped: Type.Boolean(),
  nullRule: Nullable(Type.String()),
  rate: Nullable(
    Type.Object({
      numeratorIndicator: Type.String(),
      denominatorIndicator: Type.String(),
      numerator: Type.Number(),
      denominator: Type.Number(),
      rate: Nullable(Type.Number()),
      complement: Type.Boolean(),
    }),
  ),
  count: Nullable(
    Type.Object({ indicator: Type.String(), count: Type.Number(), score: Type.Number() }),
  ),
});

export const EvaluationRowSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  rank: Nullable(Type.Integer()),
  unranked: Nullable(Type.Object({ code: Type.String(), reason: Text })),
  score: Nullable(Type.Number()),
  grade: Nullable(Type.Object({ grade: Type.String(), label: Text })),
  sample: Nullable(
    Type.Object({
      indicator: Type.String(),
      count: Type.Number(),
      minimum: Type.Number(),
      met: Type.Boolean(),
    }),
  ),
  counts: Type.Record(Type.String(), Type.Number()),
  terms: Type.Array(EvaluationTerm),
});

export const EvaluationResult = Type.Object({
  objectType: Type.String(),
  period: EvaluationPeriodSchema,
  asOf: Timestamp,
  rows: Type.Array(EvaluationRowSchema),
});

export const EvaluationDrillQuery = Type.Intersect([
  EvaluationQuery,
  Type.Object({
    id: Type.String({
      minLength: 1,
      maxLength: 40,
      description: 'the object id from the evaluation',
    }),
    indicator: Type.String({ pattern: '^[a-z_]{1,40}$' }),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  }),
]);

export const EvaluationDrillResult = Type.Object({
  indicator: Type.String(),
  period: EvaluationPeriodSchema,
  total: Type.Integer({ description: 'equals the indicator value in the evaluation' }),
  items: Type.Array(
    Type.Object({
      caseId: Type.Integer(),
      caseNumber: Type.String(),
      at: Timestamp,
      finishedAt: Nullable(Timestamp),
      onTime: Nullable(Type.Boolean()),
    }),
  ),
});

export const EvaluationSchemeBody = Type.Object(
  {
    rates: Type.Record(Type.String(), Type.Unknown()),
    countTables: Type.Record(Type.String(), Type.Unknown()),
    formulas: Type.Record(Type.String(), Type.Unknown()),
    grades: Type.Array(Type.Unknown()),
    rules: Type.Record(Type.String(), Type.Unknown()),
  },
  { description: 'weights, rates, count-score tables, grades and rules (checked as a whole)' },
);
