import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { caseRepository, casePhotoRepository, type CasePhotoRow } from '@xiuhua/db';
import {
  AppError,
  EXTENSION_OF,
  MAX_PHOTO_BYTES,
  notFound,
  sniffImage,
  type Actor,
  type ImageMime,
} from '@xiuhua/domain';
import { inTransaction, type AppContext } from '../context';
import { requireCaseVisible } from '../cases/perform-case-action.command';

/** Where a photo lives: <data dir>/photos/<first two hex>/<sha256>.<ext>. */
export function photoPath(ctx: AppContext, sha256: string, mime: ImageMime): string {
  return path.join(ctx.dataDir, 'photos', sha256.slice(0, 2), `${sha256}.${EXTENSION_OF[mime]}`);
}

/**
 * Stores a case photo by content: checked for size and for being a JPEG, PNG or WebP by its
 * bytes, written once (atomically) whatever the number of uploads, and linked to the case.
 */
export async function addCasePhoto(
  ctx: AppContext,
  actor: Actor,
  input: { caseId: number; kind: 'before' | 'after'; bytes: Buffer },
): Promise<CasePhotoRow> {
  if (input.bytes.length === 0) {
    throw new AppError({
      code: 'VALIDATION_FAILED',
      text: { zh: '照片为空', en: 'The photo is empty' },
      details: [{ field: 'file', reason: 'empty' }],
    });
  }
  if (input.bytes.length > MAX_PHOTO_BYTES) {
    throw new AppError({
      code: 'PAYLOAD_TOO_LARGE',
      text: {
        zh: `照片不能超过 ${MAX_PHOTO_BYTES / 1024 / 1024} MB`,
        en: `A photo may be at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB`,
      },
      details: [{ field: 'file', reason: 'too large', maxBytes: MAX_PHOTO_BYTES }],
    });
  }
  const mime = sniffImage(input.bytes);
  if (!mime) {
    throw new AppError({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      text: {
        zh: '只接受 JPEG、PNG 或 WebP 图片',
        en: 'Only JPEG, PNG or WebP images are accepted',
      },
      details: [{ field: 'file', reason: 'not a JPEG, PNG or WebP image' }],
    });
  }
  const db = ctx.db.kysely;
  const row = await caseRepository.findById(db, input.caseId);
  if (!row) throw notFound({ zh: '案件', en: 'Case' }, String(input.caseId));
  requireCaseVisible(actor, row);
  if (row.state === 'CLOSED' || row.state === 'VOID') {
    throw new AppError({
      code: 'CASE_NOT_IN_STATE',
      text: { zh: '案件已结束，不能再上传照片', en: 'The case is finished; no more photos' },
      details: [{ reason: 'case finished' }],
    });
  }
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const target = photoPath(ctx, sha256, mime);
  if (!existsSync(target)) {
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, input.bytes, { flag: 'wx' });
    await rename(temporary, target);
  }
  const now = ctx.clock.now();
  return inTransaction(ctx, async (trx) => {
    await casePhotoRepository.insert(trx, {
      caseId: row.id,
      kind: input.kind,
      sha256,
      mime,
      sizeBytes: input.bytes.length,
      uploadedBy: actor.via === 'system' ? null : actor.userId,
      at: now,
    });
    const photos = await casePhotoRepository.forCase(trx, row.id);
    const stored = photos.find((p) => p.sha256 === sha256 && p.kind === input.kind);
    if (!stored) throw new Error('photo row missing after insert');
    return stored;
  });
}

export async function casePhotos(
  ctx: AppContext,
  actor: Actor,
  caseId: number,
): Promise<CasePhotoRow[]> {
  const row = await caseRepository.findById(ctx.db.kysely, caseId);
  if (!row) throw notFound({ zh: '案件', en: 'Case' }, String(caseId));
  requireCaseVisible(actor, row);
  return casePhotoRepository.forCase(ctx.db.kysely, caseId);
}

/** A photo's bytes, if the actor may see at least one case it belongs to. */
export async function readPhoto(
  ctx: AppContext,
  actor: Actor,
  sha256: string,
): Promise<{ bytes: Buffer; mime: ImageMime }> {
  const db = ctx.db.kysely;
  const links = await casePhotoRepository.bySha(db, sha256);
  for (const link of links) {
    const row = await caseRepository.findById(db, link.case_id);
    if (!row) continue;
    try {
      requireCaseVisible(actor, row);
    } catch {
      continue;
    }
    return { bytes: await readFile(photoPath(ctx, sha256, link.mime)), mime: link.mime };
  }
  throw notFound({ zh: '照片', en: 'Photo' }, sha256);
}
