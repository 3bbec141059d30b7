import { Type } from '@sinclair/typebox';
import { Nullable, Timestamp } from './common.schema';

export const ScreenSummary = Type.Object({
  asOf: Timestamp,
  today: Type.Object({
    reported: Type.Integer(),
    filed: Type.Integer(),
    closed: Type.Integer(),
    disposeDue: Type.Integer({ description: 'disposals whose deadline passed today so far' }),
    disposedOnTime: Type.Integer(),
    onTimeRate: Nullable(Type.Number()),
  }),
  open: Type.Object({
    green: Type.Integer(),
    yellow: Type.Integer(),
    red: Type.Integer(),
    keySupervision: Type.Integer(),
    overdue: Type.Integer(),
  }),
  supervisorsOnShift: Type.Integer(),
  trend: Type.Array(
    Type.Object({ day: Type.String(), reported: Type.Integer(), closed: Type.Integer() }),
  ),
});
