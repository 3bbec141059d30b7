import { Type } from '@sinclair/typebox';
import { Nullable } from './common.schema';

export const RejectedRow = Type.Object({
  line: Type.Optional(Type.Integer()),
  featureIndex: Type.Optional(Type.Integer()),
  id: Type.Optional(Type.String()),
  field: Type.Optional(Type.String()),
  reason: Type.String(),
  reason_zh: Type.String(),
});

export const ImportSummary = Type.Object({
  total: Type.Integer(),
  imported: Type.Integer(),
  rejected: Type.Array(RejectedRow),
  dryRun: Type.Boolean(),
});

export const ImportQuery = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('geojson')])),
  crs: Type.Optional(Type.Union([Type.Literal('wgs84'), Type.Literal('gcj02')])),
  dryRun: Type.Optional(Type.Boolean()),
  allowGaps: Type.Optional(Type.Boolean()),
  standard: Type.Optional(
    Type.Union([Type.Literal('gbt2026'), Type.Literal('legacy'), Type.Literal('local')]),
  ),
  fileName: Type.Optional(Type.String({ maxLength: 200 })),
});

export const GridProblem = Type.Object({
  kind: Type.String(),
  reason: Type.String(),
  reason_zh: Type.String(),
  featureIndex: Type.Optional(Type.Integer()),
  code: Type.Optional(Type.String()),
  codes: Type.Optional(Type.Array(Type.String())),
  position: Type.Optional(Type.Array(Type.Number())),
  areaM2: Type.Optional(Type.Number()),
  bbox: Type.Optional(Type.Array(Type.Number())),
});

export const GridImportReport = Type.Object({
  status: Type.Union([Type.Literal('applied'), Type.Literal('valid')]),
  featureCount: Type.Integer(),
  imported: Type.Integer(),
  errors: Type.Array(GridProblem),
  warnings: Type.Array(GridProblem),
  boundary: Nullable(Type.Object({ code: Nullable(Type.String()), areaM2: Type.Number() })),
  coveredAreaM2: Nullable(Type.Number()),
  batchId: Nullable(Type.Integer()),
});

export const DemoSeedReport = Type.Object({
  district: Type.Object({ code: Type.String(), name: Type.String() }),
  label: Type.String(),
  counts: Type.Record(Type.String(), Type.Integer()),
  logins: Type.Array(
    Type.Object({ username: Type.String(), role: Type.String(), scope: Type.String() }),
  ),
  password: Type.String(),
  open311ApiKey: Type.String(),
});
