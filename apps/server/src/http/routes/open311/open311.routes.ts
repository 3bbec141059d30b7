import {
  actorForApiToken,
  createOpen311Request,
  getOpen311Request,
  listOpen311Services,
  open311Changeset,
  open311Definition,
  open311Token,
  open311Updates,
  queryOpen311Requests,
  resolveJurisdiction,
  type Open311Form,
} from '@xiuhua/core';
import {
  ISO_DATETIME,
  O311_CONTENT_TYPES,
  render,
  type O311Document,
  type O311Format,
} from '@xiuhua/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestLang } from '../../errors/locale';
import {
  createdDocument,
  definitionDocument,
  discoveryDocument,
  requestsDocument,
  servicesDocument,
  tokenDocument,
  updatesDocument,
} from '../../presenters/open311.presenter';
import type { RouteModule } from '../route-types';
import { open311ErrorHandler, open311NotFound, open311Problem } from './open311-errors';

export const OPEN311_PREFIX = '/open311/v2';
const FORM_LIMIT_BYTES = 64 * 1024;

type Query = Record<string, string | string[] | undefined>;

/** `name.xml` / `name.json` → the name and format; other extensions are 404. */
function splitFormat(file: string): { name: string; format: O311Format } {
  const dot = file.lastIndexOf('.');
  const ext = dot > 0 ? file.slice(dot + 1) : '';
  if (ext !== 'json' && ext !== 'xml')
    throw open311Problem(404, `unknown format "${ext}": use .xml or .json`);
  return { name: file.slice(0, dot), format: ext };
}

function send(reply: FastifyReply, doc: O311Document, format: O311Format, status = 200) {
  return reply
    .status(status)
    .header('content-type', O311_CONTENT_TYPES[format])
    .send(render(doc, format));
}

/** Empty optional parameters count as absent; repeated ones take the first value. */
function param(query: Query, key: string): string | undefined {
  const raw = query[key];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function commaList(query: Query, key: string): string[] | undefined {
  const value = param(query, key);
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

function dateParam(query: Query, key: string): Date | undefined {
  const value = param(query, key);
  if (value === undefined) return undefined;
  if (!ISO_DATETIME.test(value) || Number.isNaN(Date.parse(value)))
    throw open311Problem(
      400,
      `${key} must be an ISO 8601 date-time, e.g. 2026-11-22T09:30:00+08:00`,
    );
  return new Date(value);
}

function intParam(query: Query, key: string, fallback: number, max: number): number {
  const value = param(query, key);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw open311Problem(400, `${key} must be a whole number from 1 to ${max}`);
  return n;
}

function boolParam(query: Query, key: string): boolean {
  const value = param(query, key);
  return value === 'true' || value === '1';
}

/** The form of a POST: single values as strings, repeated keys as lists. */
function parseForm(body: string): Open311Form {
  const form: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const earlier = form[key];
    if (earlier === undefined) form[key] = value;
    else form[key] = Array.isArray(earlier) ? [...earlier, value] : [earlier, value];
  }
  return form;
}

function formOf(request: FastifyRequest): Open311Form {
  const body: unknown = request.body;
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object')
    throw open311Problem(400, 'the body must be application/x-www-form-urlencoded');
  return body as Open311Form;
}

const tags = ['open311'];

/**
 * Open311 GeoReport v2 at /open311/v2/: discovery, services and definitions, requests (create,
 * query, one, tokens) and mySociety's servicerequestupdates, each as .xml and .json, with the
 * spec's errors body and codes (own error and not-found handlers inside this scope).
 */
export const open311Routes: RouteModule = (app, ctx) => {
  void app.register(
    async (scope: FastifyInstance) => {
      scope.setErrorHandler(open311ErrorHandler);
      scope.setNotFoundHandler(open311NotFound);
      scope.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string', bodyLimit: FORM_LIMIT_BYTES },
        (_request, body, done) => done(null, parseForm(String(body))),
      );

      const jurisdiction = (query: Query) =>
        resolveJurisdiction(ctx, param(query, 'jurisdiction_id'));

      scope.get(
        '/discovery.:format',
        { schema: { tags, summary: 'Open311 discovery' } },
        async (request, reply) => {
          const { format } = splitFormat(
            `discovery.${(request.params as { format: string }).format}`,
          );
          const base = `${request.protocol}://${request.host}${OPEN311_PREFIX}/`;
          return send(reply, discoveryDocument(base, await open311Changeset(ctx)), format);
        },
      );

      scope.get(
        '/services.:format',
        { schema: { tags, summary: 'Open311 service list' } },
        async (request, reply) => {
          const { format } = splitFormat(
            `services.${(request.params as { format: string }).format}`,
          );
          await jurisdiction(request.query as Query);
          return send(reply, servicesDocument(await listOpen311Services(ctx)), format);
        },
      );

      scope.get(
        '/services/:file',
        { schema: { tags, summary: 'Open311 service definition' } },
        async (request, reply) => {
          const { name, format } = splitFormat((request.params as { file: string }).file);
          await jurisdiction(request.query as Query);
          return send(reply, definitionDocument(await open311Definition(ctx, name)), format);
        },
      );

      scope.post(
        '/requests.:format',
        { schema: { tags, summary: 'Open311 create a service request' } },
        async (request, reply) => {
          const { format } = splitFormat(
            `requests.${(request.params as { format: string }).format}`,
          );
          const form = formOf(request);
          const query = { ...(request.query as Query) };
          const jurisdictionId =
            typeof form.jurisdiction_id === 'string' ? form.jurisdiction_id : undefined;
          await resolveJurisdiction(ctx, jurisdictionId?.trim() || param(query, 'jurisdiction_id'));
          const apiKey = typeof form.api_key === 'string' ? form.api_key.trim() : '';
          const actor = apiKey ? await actorForApiToken(ctx, apiKey) : undefined;
          if (!actor) throw open311Problem(403, 'api_key is missing or invalid');
          const key = request.headers['idempotency-key'];
          const created = await createOpen311Request(
            ctx,
            actor,
            form,
            typeof key === 'string' && key.length > 0 && key.length <= 200
              ? { idempotencyKey: key }
              : {},
          );
          return send(reply, createdDocument(created), format, 201);
        },
      );

      scope.get(
        '/requests.:format',
        { schema: { tags, summary: 'Open311 query service requests' } },
        async (request, reply) => {
          const { format } = splitFormat(
            `requests.${(request.params as { format: string }).format}`,
          );
          const query = request.query as Query;
          const districtCode = await jurisdiction(query);
          const statuses = commaList(query, 'status');
          for (const s of statuses ?? [])
            if (s !== 'open' && s !== 'closed')
              throw open311Problem(400, `status must be open or closed, not "${s}"`);
          const ids = commaList(query, 'service_request_id');
          if (ids && ids.length > 1000)
            throw open311Problem(400, 'at most 1000 service_request_id values');
          const serviceCodes = commaList(query, 'service_code');
          const startDate = dateParam(query, 'start_date');
          const endDate = dateParam(query, 'end_date');
          const requests = await queryOpen311Requests(ctx, {
            page: intParam(query, 'page', 1, 1_000_000),
            pageSize: intParam(query, 'page_size', 50, 500),
            extensions: boolParam(query, 'extensions'),
            ...(ids ? { serviceRequestIds: ids } : {}),
            ...(serviceCodes ? { serviceCodes } : {}),
            ...(statuses ? { statuses: statuses as ('open' | 'closed')[] } : {}),
            ...(startDate ? { startDate } : {}),
            ...(endDate ? { endDate } : {}),
            ...(districtCode ? { districtCode } : {}),
          });
          return send(
            reply,
            requestsDocument(requests, requestLang(request), boolParam(query, 'extensions')),
            format,
          );
        },
      );

      scope.get(
        '/requests/:file',
        { schema: { tags, summary: 'Open311 one service request' } },
        async (request, reply) => {
          const { name, format } = splitFormat((request.params as { file: string }).file);
          const query = request.query as Query;
          await jurisdiction(query);
          const extensions = boolParam(query, 'extensions');
          const one = await getOpen311Request(ctx, name, extensions);
          return send(reply, requestsDocument([one], requestLang(request), extensions), format);
        },
      );

      scope.get(
        '/tokens/:file',
        { schema: { tags, summary: 'Open311 request id from a token' } },
        async (request, reply) => {
          const { name, format } = splitFormat((request.params as { file: string }).file);
          await jurisdiction(request.query as Query);
          return send(reply, tokenDocument(await open311Token(ctx, name)), format);
        },
      );

      scope.get(
        '/servicerequestupdates.:format',
        { schema: { tags, summary: 'mySociety service request updates' } },
        async (request, reply) => {
          const { format } = splitFormat(`x.${(request.params as { format: string }).format}`);
          const query = request.query as Query;
          const districtCode = await jurisdiction(query);
          const startDate = dateParam(query, 'start_date');
          const endDate = dateParam(query, 'end_date');
          const updates = await open311Updates(ctx, {
            limit: 1000,
            ...(startDate ? { startDate } : {}),
            ...(endDate ? { endDate } : {}),
            ...(districtCode ? { districtCode } : {}),
          });
          return send(reply, updatesDocument(updates, requestLang(request)), format);
        },
      );
    },
    { prefix: OPEN311_PREFIX },
  );
};
