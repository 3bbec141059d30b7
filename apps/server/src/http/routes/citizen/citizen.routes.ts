import { Type } from '@sinclair/typebox';
import {
  addCitizenPhoto,
  classPicker,
  publicMap,
  rateCitizenReport,
  readCitizenPhoto,
  submitCitizenReport,
  trackCitizenReport,
  type CitizenView,
} from '@xiuhua/core';
import {
  CitizenRatingBody,
  CitizenReportBody,
  CitizenReportOut,
  PickerClassOut,
  TrackingCodeParams,
  errorResponses,
} from '@xiuhua/contract';
import { CASE_STATE_LABELS, invalidInput } from '@xiuhua/domain';
import type { Lang } from '../../errors/locale';
import { requestLang } from '../../errors/locale';
import { idempotencyKeyOf } from '../../idempotency.plugin';
import { createRateLimiter } from '../../rate-limit';
import { withTypes, type RouteModule } from '../route-types';

const tags = ['citizen'];
const publicRoute = { auth: 'public' as const };
const conflict = { 404: { $ref: 'ErrorResponse#' }, 409: { $ref: 'ErrorResponse#' } } as const;

function present(view: CitizenView, lang: Lang) {
  const r = view.request;
  const code = view.trackingCode;
  return {
    trackingCode: code,
    caseNumber: r.caseNumber,
    status: r.status,
    state: r.state,
    stateLabel: CASE_STATE_LABELS[r.state][lang],
    statusNotes: r.statusNotes ? r.statusNotes[lang] : null,
    serviceName: r.serviceName,
    description: r.description,
    address: r.address,
    lng: r.lng,
    lat: r.lat,
    requestedAt: r.requestedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    expectedAt: r.expectedAt?.toISOString() ?? null,
    timeline: r.notes.map((n) => ({
      at: n.at.toISOString(),
      type: n.type,
      summary: n.summary[lang],
    })),
    photos: view.photos.map((p) => ({
      url: `/api/public/reports/${code}/photos/${p.sha256}`,
      kind: p.kind,
    })),
    rating: view.rating ? { ...view.rating, ratedAt: view.rating.ratedAt.toISOString() } : null,
    canRate: view.canRate,
  };
}

/** The citizen page's API: report, add photos, follow by tracking code, rate. No login. */
export const citizenRoutes: RouteModule = (app, ctx) => {
  const api = withTypes(app);
  const reports = createRateLimiter({ limit: 10, windowMinutes: 60, clock: ctx.clock });
  const uploads = createRateLimiter({ limit: 30, windowMinutes: 60, clock: ctx.clock });

  api.get(
    '/api/public/map',
    {
      config: publicRoute,
      schema: { tags, summary: 'District outline and street names for the report map / 底图' },
    },
    async () => publicMap(ctx),
  );

  api.get(
    '/api/public/classes',
    {
      config: publicRoute,
      schema: {
        tags,
        summary: 'Classes a citizen may choose (optional) / 问题类别',
        response: { 200: Type.Object({ items: Type.Array(PickerClassOut) }) },
      },
    },
    async () => ({ items: await classPicker(ctx) }),
  );

  api.post(
    '/api/public/reports',
    {
      config: { ...publicRoute, idempotency: 'handled' },
      schema: {
        tags,
        summary:
          'A citizen reports a problem (anonymous unless a name or phone is left) / 市民反映',
        body: CitizenReportBody,
        response: { 201: CitizenReportOut, ...errorResponses, ...conflict },
      },
    },
    async (request, reply) => {
      reports.take(request.ip);
      const key = idempotencyKeyOf(request);
      const created = await submitCitizenReport(
        ctx,
        request.body,
        key ? { idempotencyKey: key } : {},
      );
      const view = await trackCitizenReport(ctx, created.trackingCode);
      return reply.status(201).send(present(view, requestLang(request)));
    },
  );

  api.get(
    '/api/public/reports/:code',
    {
      config: publicRoute,
      schema: {
        tags,
        summary: 'Follow a report by its tracking code / 进度查询',
        params: TrackingCodeParams,
        response: { 200: CitizenReportOut, ...errorResponses, ...conflict },
      },
    },
    async (request) =>
      present(await trackCitizenReport(ctx, request.params.code), requestLang(request)),
  );

  api.post(
    '/api/public/reports/:code/photos',
    {
      config: { ...publicRoute, idempotency: 'off' },
      schema: {
        tags,
        summary: 'Add a photo within an hour of reporting (multipart "file", ≤ 3) / 补充照片',
        params: TrackingCodeParams,
        consumes: ['multipart/form-data'],
        response: { 201: CitizenReportOut, ...errorResponses, ...conflict },
      },
    },
    async (request, reply) => {
      uploads.take(request.ip);
      if (!request.isMultipart())
        throw invalidInput('file', {
          zh: '请以 multipart/form-data 上传',
          en: 'Upload as multipart/form-data',
        });
      const file = await request.file();
      if (!file) throw invalidInput('file', { zh: '缺少照片', en: 'no file' });
      await addCitizenPhoto(ctx, request.params.code, await file.toBuffer());
      const view = await trackCitizenReport(ctx, request.params.code);
      return reply.status(201).send(present(view, requestLang(request)));
    },
  );

  api.get(
    '/api/public/reports/:code/photos/:sha256',
    {
      config: publicRoute,
      schema: {
        tags,
        summary: 'A photo of the report / 照片',
        params: Type.Object({
          code: Type.String(),
          sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
        }),
      },
    },
    async (request, reply) => {
      const photo = await readCitizenPhoto(ctx, request.params.code, request.params.sha256);
      return reply
        .header('content-type', photo.mime)
        .header('cache-control', 'private, max-age=86400')
        .send(photo.bytes);
    },
  );

  api.post(
    '/api/public/reports/:code/rating',
    {
      config: { ...publicRoute, idempotency: 'off' },
      schema: {
        tags,
        summary: 'Rate the result after closure (once) / 评价',
        params: TrackingCodeParams,
        body: CitizenRatingBody,
        response: { 201: CitizenReportOut, ...errorResponses, ...conflict },
      },
    },
    async (request, reply) => {
      await rateCitizenReport(ctx, request.params.code, request.body);
      const view = await trackCitizenReport(ctx, request.params.code);
      return reply.status(201).send(present(view, requestLang(request)));
    },
  );
};
