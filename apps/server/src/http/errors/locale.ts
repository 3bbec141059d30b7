import type { FastifyRequest } from 'fastify';

export type Lang = 'zh' | 'en';

/** zh-CN unless the client prefers English (Accept-Language: en…). */
export function requestLang(request: FastifyRequest): Lang {
  const header: string = request.headers['accept-language'] ?? '';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}
