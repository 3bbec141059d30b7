import type { ColumnType, JSONColumnType } from 'kysely';

/** Timestamps come back as Date; writes accept Date or ISO strings. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>;
/** Calendar dates are kept as 'YYYY-MM-DD' strings on both engines. */
export type DateOnly = string;

/** A GeoJSON geometry as stored (Polygon or MultiPolygon, WGS84). */
export type StoredGeometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

export type Json<T extends object | null> = JSONColumnType<T, string, string>;
