import {
  AppError,
  O311_CONTENT_TYPES,
  errorsDocument,
  render,
  type O311Format,
} from '@xiuhua/domain';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { requestLang } from '../../errors/locale';

/** An error that already carries its Open311 HTTP code. */
export class Open311Problem extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    message: string,
  ) {
    super(message);
  }
}

export function open311Problem(status: 400 | 403 | 404, message: string): Open311Problem {
  return new Open311Problem(status, message);
}

/** Our error codes → the three Open311 codes: 404 missing, 403 key problems, 400 the rest. */
function statusOf(code: string): 400 | 403 | 404 {
  if (code === 'NOT_FOUND') return 404;
  if (['UNAUTHENTICATED', 'FORBIDDEN', 'ROLE_NOT_ALLOWED', 'OUTSIDE_SCOPE'].includes(code))
    return 403;
  return 400;
}

/** The response format: the URL's extension when it names one, else XML (the mandatory one). */
function formatOf(request: FastifyRequest): O311Format {
  const path = request.url.split('?')[0] ?? '';
  return path.endsWith('.json') ? 'json' : 'xml';
}

function sendErrors(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  errors: { code: number; description: string }[],
) {
  const format = formatOf(request);
  return reply
    .status(status)
    .header('content-type', O311_CONTENT_TYPES[format])
    .send(render(errorsDocument(errors), format));
}

export async function open311ErrorHandler(
  error: FastifyError | AppError | Open311Problem,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  if (error instanceof Open311Problem)
    return sendErrors(request, reply, error.status, [
      { code: error.status, description: error.message },
    ]);
  if (error instanceof AppError) {
    const status = statusOf(error.code);
    const lang = requestLang(request);
    const withFields = error.details.filter((d) => d.field);
    const errors =
      withFields.length > 0
        ? withFields.map((d) => ({ code: status, description: `${d.field}: ${d.reason}` }))
        : [{ code: status, description: error.text[lang] }];
    return sendErrors(request, reply, status, errors);
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500)
    return sendErrors(request, reply, 400, [{ code: 400, description: error.message }]);
  request.log.error({ err: error }, 'open311 request failed');
  return sendErrors(request, reply, 500, [{ code: 500, description: 'internal server error' }]);
}

export async function open311NotFound(request: FastifyRequest, reply: FastifyReply) {
  return sendErrors(request, reply, 404, [
    { code: 404, description: `no such resource: ${request.method} ${request.url.split('?')[0]}` },
  ]);
}
