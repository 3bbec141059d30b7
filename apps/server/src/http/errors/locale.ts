import type { FastifyRequest } from 'fastify';

export type Lang = 'zh' | 'en';

/** zh-CN unless the client prefers English (Accept-Language: en…). */
export function requestLang(request: FastifyRequest): Lang {
  const header = request.headers['accept-language'];
  const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}
