import { Type, type Static, type TSchema } from '@sinclair/typebox';

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine code, e.g. VALIDATION_FAILED, NOT_FOUND' }),
      message: Type.String({
        description: 'Human message in the negotiated language (zh-CN default, en)',
      }),
      details: Type.Array(Type.Record(Type.String(), Type.Unknown()), {
        description: 'Per-field problems: { field, reason, … }',
      }),
    }),
  },
  { $id: 'ErrorResponse', title: 'ErrorResponse' },
);
export type ErrorResponse = Static<typeof ErrorResponse>;

export const PageQuery = Type.Object({
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
});
export type PageQuery = Static<typeof PageQuery>;

export const Paged = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });

export const Ok = Type.Object({ ok: Type.Literal(true) });

export const Timestamp = Type.String({ format: 'date-time' });
export const DateOnly = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'YYYY-MM-DD',
});
/** Null first: with type coercion on, AJV would otherwise turn a JSON null into 0 or "". */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([Type.Null(), schema]);

/** Error responses every authenticated route may give. */
export const errorResponses = {
  400: { $ref: 'ErrorResponse#' },
  401: { $ref: 'ErrorResponse#' },
  403: { $ref: 'ErrorResponse#' },
} as const;
