/**
 * Errors are values with stable codes. The HTTP layer maps each code to a status once
 * (apps/server/src/http/errors/error-status.ts); messages exist in zh-CN and en.
 */
export type ErrorDetail = { field?: string; reason: string; [key: string]: unknown };

export type LocalizedText = { zh: string; en: string };

export class AppError extends Error {
  readonly code: string;
  readonly text: LocalizedText;
  readonly details: ErrorDetail[];

  constructor(options: { code: string; text: LocalizedText; details?: ErrorDetail[] }) {
    super(options.text.en);
    this.name = 'AppError';
    this.code = options.code;
    this.text = options.text;
    this.details = options.details ?? [];
  }
}

/** Bad input: names the field and the reason. */
export function invalidInput(
  field: string,
  reason: LocalizedText,
  extra: Record<string, unknown> = {},
): AppError {
  return new AppError({
    code: 'VALIDATION_FAILED',
    text: { zh: `参数 ${field} 无效：${reason.zh}`, en: `Invalid ${field}: ${reason.en}` },
    details: [{ field, reason: reason.en, reason_zh: reason.zh, ...extra }],
  });
}

export function notFound(what: LocalizedText, id: string): AppError {
  return new AppError({
    code: 'NOT_FOUND',
    text: { zh: `未找到${what.zh}：${id}`, en: `${what.en} not found: ${id}` },
    details: [{ reason: 'not found', id }],
  });
}

export function conflict(code: string, text: LocalizedText, details: ErrorDetail[] = []): AppError {
  return new AppError({ code, text, details });
}
