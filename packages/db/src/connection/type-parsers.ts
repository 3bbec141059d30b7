/**
 * Both engines must hand the same JavaScript values to repositories. Counts and ids
 * (int8) become numbers, numerics become numbers, and calendar dates stay 'YYYY-MM-DD'
 * strings so that no time zone can shift a working day.
 */
export const PG_TYPE_INT8 = 20;
export const PG_TYPE_NUMERIC = 1700;
export const PG_TYPE_DATE = 1082;

export const parseInt8 = (value: string): number => Number.parseInt(value, 10);
export const parseNumeric = (value: string): number => Number.parseFloat(value);
export const parseDate = (value: string): string => value;
