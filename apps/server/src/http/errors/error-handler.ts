import { AppError, type ErrorDetail, type LocalizedText } from '@xiuhua/domain';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { statusForCode } from './error-status';
import { requestLang } from './locale';
import { reasonZh, type ValidationIssue } from './validation-reason';

type Mapped = { status: number; code: string; text: LocalizedText; details: ErrorDetail[] };

function fieldOf(issue: ValidationIssue, context: string | undefined): string {
  const path = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const missing = issue.params?.missingProperty;
  const extra = issue.params?.additionalProperty;
  const leaf = typeof missing === 'string' ? missing : typeof extra === 'string' ? extra : '';
  const joined = [path, leaf].filter(Boolean).join('.');
  return joined || context || 'body';
}

/**
 * One detail per field: a union of literals fails once per branch in AJV, which reads badly,
 * so those collapse into "must be one of …".
 */
function fromValidation(error: FastifyError): Mapped {
  const issues = (error.validation ?? []) as ValidationIssue[];
  const context = error.validationContext;
  const byField = new Map<string, { reasons: string[]; reasonsZh: string[]; allowed: unknown[] }>();
  for (const issue of issues) {
    const field = fieldOf(issue, context);
    const entry = byField.get(field) ?? { reasons: [], reasonsZh: [], allowed: [] };
    if (issue.keyword === 'const' && issue.params && 'allowedValue' in issue.params)
      entry.allowed.push(issue.params.allowedValue);
    else if (issue.keyword !== 'anyOf') {
      const reason = issue.params?.additionalProperty
        ? 'is not allowed'
        : (issue.message ?? 'is invalid');
      if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
      const zh = reasonZh(issue);
      if (!entry.reasonsZh.includes(zh)) entry.reasonsZh.push(zh);
    }
    byField.set(field, entry);
  }
  const details = [...byField.entries()].map(([field, entry]) => ({
    field,
    reason:
      entry.allowed.length > 0
        ? `must be one of: ${entry.allowed.join(', ')}`
        : entry.reasons.join('; ') || 'is invalid',
    reason_zh:
      entry.allowed.length > 0
        ? `须为以下之一：${entry.allowed.join('、')}`
        : entry.reasonsZh.join('；') || '无效',
    in: context,
  }));
  const first = details[0];
  const summary = first ? `${first.field} ${first.reason}` : 'invalid request';
  const summaryZh = first ? `${first.field} ${first.reason_zh}` : '请求无效';
  return {
    status: 400,
    code: 'VALIDATION_FAILED',
    text: { zh: `请求参数无效：${summaryZh}`, en: `Invalid request: ${summary}` },
    details,
  };
}

/** PostgreSQL errors a client can cause despite validation (races on unique keys, etc.). */
function fromDatabase(error: {
  code?: unknown;
  detail?: unknown;
  constraint?: unknown;
}): Mapped | undefined {
  const detail = typeof error.detail === 'string' ? error.detail : undefined;
  const constraint = typeof error.constraint === 'string' ? error.constraint : undefined;
  const extra = { reason: detail ?? 'constraint violated', ...(constraint ? { constraint } : {}) };
  switch (error.code) {
    case '23505':
      return {
        status: 409,
        code: 'ALREADY_EXISTS',
        text: { zh: '记录已存在', en: 'Record already exists' },
        details: [extra],
      };
    case '23503':
      return {
        status: 409,
        code: 'CONFLICT',
        text: {
          zh: '引用的记录不存在或仍被引用',
          en: 'A referenced record is missing or still in use',
        },
        details: [extra],
      };
    case '23514':
    case '22P02':
    case '22001':
    case '22003':
      return {
        status: 400,
        code: 'VALIDATION_FAILED',
        text: { zh: '数据不符合约束', en: 'Data violates a constraint' },
        details: [extra],
      };
    case '40001':
    case '40P01':
      return {
        status: 409,
        code: 'CONFLICT',
        text: { zh: '并发冲突，请重试', en: 'Concurrent update; please retry' },
        details: [extra],
      };
    default:
      return undefined;
  }
}

function map(error: FastifyError | AppError): Mapped {
  if (error instanceof AppError) {
    return {
      status: statusForCode(error.code),
      code: error.code,
      text: error.text,
      details: error.details,
    };
  }
  if (error.validation) return fromValidation(error);
  const db = fromDatabase(error);
  if (db) return db;
  const status = error.statusCode ?? 500;
  if (status === 413) {
    return {
      status,
      code: 'PAYLOAD_TOO_LARGE',
      text: { zh: '请求体过大', en: 'Request body too large' },
      details: [{ reason: error.message }],
    };
  }
  if (status === 415) {
    return {
      status,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      text: { zh: '不支持的内容类型', en: 'Unsupported content type' },
      details: [{ reason: error.message }],
    };
  }
  if (status >= 400 && status < 500) {
    return {
      status,
      code: 'BAD_REQUEST',
      text: { zh: `请求无效：${error.message}`, en: `Bad request: ${error.message}` },
      details: [{ reason: error.message }],
    };
  }
  return {
    status: 500,
    code: 'INTERNAL',
    text: { zh: '服务器内部错误', en: 'Internal server error' },
    details: [],
  };
}

/** Every error leaves as { error: { code, message, details } } in the caller's language. */
export async function errorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const mapped = map(error);
  if (mapped.status >= 500) request.log.error({ err: error }, 'request failed');
  const lang = requestLang(request);
  if (mapped.code === 'RATE_LIMITED') {
    const retry = mapped.details.find(
      (d) => typeof d.retryAfterSeconds === 'number',
    )?.retryAfterSeconds;
    if (typeof retry === 'number') void reply.header('retry-after', String(retry));
  }
  return reply.status(mapped.status).send({
    error: { code: mapped.code, message: mapped.text[lang], details: mapped.details },
  });
}

export async function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  const lang = requestLang(request);
  const text = {
    zh: `接口不存在：${request.method} ${request.url}`,
    en: `No such endpoint: ${request.method} ${request.url}`,
  };
  return reply
    .status(404)
    .send({ error: { code: 'NOT_FOUND', message: text[lang], details: [{ reason: 'no route' }] } });
}
