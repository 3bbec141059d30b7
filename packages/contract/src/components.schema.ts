import { Type } from '@sinclair/typebox';
import { DateOnly, Nullable } from './common.schema';

export const ComponentStatus = Type.Union(
  [
    Type.Literal('intact'),
    Type.Literal('damaged'),
    Type.Literal('lost'),
    Type.Literal('scrapped'),
    Type.Literal('removed'),
  ],
  { description: '完好 / 破损 / 丢失 / 废弃 / 移除' },
);

export const Component = Type.Object({
  id: Type.String({
    description: '16-digit (CJ/T 214) or 17-digit (GB/T 47678.5-2026) component ID',
  }),
  classId: Type.Integer(),
  name: Type.String(),
  status: ComponentStatus,
  competentUnitCode: Nullable(Type.String()),
  competentUnitName: Nullable(Type.String()),
  ownerUnit: Nullable(Type.String()),
  maintenanceUnit: Nullable(Type.String()),
  lng: Type.Number(),
  lat: Type.Number(),
  gridCode: Nullable(Type.String()),
  streetCode: Nullable(Type.String()),
  communityCode: Nullable(Type.String()),
  surveyDate: Nullable(DateOnly),
  changeDate: Nullable(DateOnly),
  dataSource: Nullable(Type.String()),
  note: Nullable(Type.String()),
});

export const ComponentsQuery = Type.Object({
  bbox: Type.Optional(
    Type.String({
      pattern: '^-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,-?[0-9.]+$',
      description: 'minLng,minLat,maxLng,maxLat',
    }),
  ),
  classCode: Type.Optional(Type.String({ pattern: '^[0-9]{4,5}$' })),
  grid: Type.Optional(Type.String({ pattern: '^[0-9]{15}$' })),
  status: Type.Optional(ComponentStatus),
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
});

export const ComponentParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{16,17}$' }) });
export const UpdateComponentStatusBody = Type.Object(
  { status: ComponentStatus, changeDate: Type.Optional(DateOnly) },
  { additionalProperties: false },
);
