import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import { addCasePhoto, casePhotos, readPhoto, type CasePhotoRow } from '@xiuhua/core';
import { CaseIdParams, CasePhoto, PhotoParams, PhotoQuery, errorResponses } from '@xiuhua/contract';
import { AppError, MAX_PHOTO_BYTES } from '@xiuhua/domain';
import { actorOf } from '../../auth/auth.plugin';
import { withTypes, type RouteModule } from '../route-types';

const presentPhoto = (row: CasePhotoRow) => ({
  sha256: row.sha256,
  kind: row.kind,
  mime: row.mime,
  sizeBytes: row.size_bytes,
  uploadedAt: row.uploaded_at.toISOString(),
  url: `/api/photos/${row.sha256}`,
});

export const photoRoutes: RouteModule = (app, ctx) => {
  void app.register(multipart, { limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 5 } });
  const api = withTypes(app);
  const tags = ['cases'];

  api.post(
    '/api/cases/:id/photos',
    {
      schema: {
        tags,
        summary: 'Upload a before/after photo (multipart, field "file") / 上传照片',
        description: `JPEG, PNG or WebP (recognised by content), at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB. Stored once by SHA-256.`,
        params: CaseIdParams,
        querystring: PhotoQuery,
        consumes: ['multipart/form-data'],
        response: {
          201: CasePhoto,
          ...errorResponses,
          404: { $ref: 'ErrorResponse#' },
          413: { $ref: 'ErrorResponse#' },
          415: { $ref: 'ErrorResponse#' },
        },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new AppError({
          code: 'UNSUPPORTED_MEDIA_TYPE',
          text: { zh: '请以 multipart/form-data 上传', en: 'Upload as multipart/form-data' },
          details: [{ field: 'file', reason: 'not multipart' }],
        });
      }
      const file = await request.file();
      if (!file)
        throw new AppError({
          code: 'VALIDATION_FAILED',
          text: { zh: '缺少文件', en: 'No file' },
          details: [{ field: 'file', reason: 'missing' }],
        });
      const bytes = await file.toBuffer();
      const row = await addCasePhoto(ctx, actorOf(request), {
        caseId: request.params.id,
        kind: request.query.kind,
        bytes,
      });
      return reply.status(201).send(presentPhoto(row));
    },
  );

  api.get(
    '/api/cases/:id/photos',
    {
      schema: {
        tags,
        summary: 'Photos of a case / 案件照片',
        params: CaseIdParams,
        response: {
          200: Type.Object({ items: Type.Array(CasePhoto) }),
          ...errorResponses,
          404: { $ref: 'ErrorResponse#' },
        },
      },
    },
    async (request) => ({
      items: (await casePhotos(ctx, actorOf(request), request.params.id)).map(presentPhoto),
    }),
  );

  api.get(
    '/api/photos/:sha256',
    { schema: { tags, summary: 'A photo / 照片', params: PhotoParams } },
    async (request, reply) => {
      const photo = await readPhoto(ctx, actorOf(request), request.params.sha256);
      return reply
        .header('content-type', photo.mime)
        .header('cache-control', 'private, max-age=31536000, immutable')
        .send(photo.bytes);
    },
  );
};
