import {
  importAddressPoints,
  importClasses,
  importComponents,
  importDivisions,
  importGrids,
} from '@xiuhua/core';
import { GridImportReport, ImportQuery, ImportSummary, errorResponses } from '@xiuhua/contract';
import { invalidInput } from '@xiuhua/domain';
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../../auth/auth.plugin';
import { withTypes, type RouteModule } from '../route-types';

/** Imports carry whole files; everything else keeps the 1 MiB default. */
export const IMPORT_BODY_LIMIT_BYTES = 256 * 1024 * 1024;

const rejectedResponse = { 422: { $ref: 'ErrorResponse#' } } as const;

function fileText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  if (body && typeof body === 'object') return JSON.stringify(body);
  throw invalidInput('body', { zh: '请求体为空', en: 'the request body is empty' });
}

function formatOf(
  request: FastifyRequest,
  explicit: 'csv' | 'geojson' | undefined,
): 'csv' | 'geojson' {
  if (explicit) return explicit;
  const type = request.headers['content-type'] ?? '';
  return type.includes('json') ? 'geojson' : 'csv';
}

const description =
  'Send the file as the request body: text/csv, application/geo+json or application/json. ' +
  'Query: format (csv|geojson; default from the content type), crs (wgs84|gcj02), dryRun.';

export const importRoutes: RouteModule = (app, ctx) => {
  for (const type of ['text/csv', 'application/geo+json']) {
    app.addContentTypeParser(
      type,
      { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT_BYTES },
      (_request, body, done) => done(null, body),
    );
  }
  const api = withTypes(app);
  const tags = ['imports'];
  const options = { bodyLimit: IMPORT_BODY_LIMIT_BYTES };

  api.post(
    '/api/imports/divisions',
    {
      ...options,
      schema: {
        tags,
        summary: 'Import districts/streets/communities (admin) / 导入行政区划',
        description,
        querystring: ImportQuery,
        response: { 200: ImportSummary, ...errorResponses },
      },
    },
    async (request) =>
      importDivisions(ctx, actorOf(request), {
        format: formatOf(request, request.query.format),
        content: fileText(request.body),
        ...(request.query.crs ? { crs: request.query.crs } : {}),
        ...(request.query.dryRun ? { dryRun: true } : {}),
        fileName: request.query.fileName ?? null,
      }),
  );

  api.post(
    '/api/imports/grids',
    {
      ...options,
      schema: {
        tags,
        summary: 'Import unit grids, all or nothing (admin) / 导入单元网格',
        description: `${description} allowGaps reports gaps as warnings. A refused file answers 422 IMPORT_REJECTED with every problem (bad codes, open rings, overlaps and gaps with areas and positions) in error.details.`,
        querystring: ImportQuery,
        response: { 200: GridImportReport, ...errorResponses, ...rejectedResponse },
      },
    },
    async (request) =>
      importGrids(ctx, actorOf(request), {
        content: request.body,
        ...(request.query.crs ? { crs: request.query.crs } : {}),
        ...(request.query.dryRun ? { dryRun: true } : {}),
        ...(request.query.allowGaps ? { allowGaps: true } : {}),
        fileName: request.query.fileName ?? null,
      }),
  );

  api.post(
    '/api/imports/components',
    {
      ...options,
      schema: {
        tags,
        summary: 'Import components (admin) / 导入部件',
        description,
        querystring: ImportQuery,
        response: { 200: ImportSummary, ...errorResponses },
      },
    },
    async (request) =>
      importComponents(ctx, actorOf(request), {
        format: formatOf(request, request.query.format),
        content: fileText(request.body),
        ...(request.query.dryRun ? { dryRun: true } : {}),
        fileName: request.query.fileName ?? null,
      }),
  );

  api.post(
    '/api/imports/address-points',
    {
      ...options,
      schema: {
        tags,
        summary: 'Import address points for the geocoder (admin) / 导入地址点',
        description:
          'CSV id,address,lng,lat (WGS84); each point must lie in a unit grid. Query: dryRun.',
        querystring: ImportQuery,
        response: { 200: ImportSummary, ...errorResponses },
      },
    },
    async (request) =>
      importAddressPoints(ctx, actorOf(request), {
        content: fileText(request.body),
        ...(request.query.dryRun ? { dryRun: true } : {}),
        fileName: request.query.fileName ?? null,
      }),
  );

  api.post(
    '/api/imports/classes',
    {
      ...options,
      schema: {
        tags,
        summary: 'Import a class directory CSV (admin) / 导入类别目录',
        description:
          'CSV kind,big_code,big_name,code,name; query standard=gbt2026|legacy|local (required).',
        querystring: ImportQuery,
        response: { 200: ImportSummary, ...errorResponses },
      },
    },
    async (request) => {
      const standard = request.query.standard;
      if (!standard)
        throw invalidInput('standard', {
          zh: '须指定标准：gbt2026、legacy 或 local',
          en: 'required: gbt2026, legacy or local',
        });
      const names = {
        gbt2026: 'GB/T 47678.5-2026',
        legacy: 'CJ/T 214-2007',
        local: 'local',
      } as const;
      return importClasses(ctx, actorOf(request), {
        content: fileText(request.body),
        standard: names[standard],
        ...(request.query.dryRun ? { dryRun: true } : {}),
        fileName: request.query.fileName ?? null,
      });
    },
  );
};
