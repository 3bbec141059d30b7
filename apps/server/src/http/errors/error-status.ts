/** The one place where error codes become HTTP statuses. Unknown codes are server faults. */
const STATUS_BY_CODE: Record<string, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  ROLE_NOT_ALLOWED: 403,
  OUTSIDE_SCOPE: 403,
  NOT_FOUND: 404,
  OUTSIDE_JURISDICTION: 404,
  ALREADY_EXISTS: 409,
  CONFLICT: 409,
  CASE_NOT_IN_STATE: 409,
  ACTION_NOT_ALLOWED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IMPORT_REJECTED: 422,
  RATE_LIMITED: 429,
};

export function statusForCode(code: string): number {
  return STATUS_BY_CODE[code] ?? 500;
}
