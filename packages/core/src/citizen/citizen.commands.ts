import {
  casePhotoRepository,
  divisionRepository,
  publicCaseRepository,
  type CaseRow,
} from '@xiuhua/db';
import {
  AppError,
  conflict,
  notFound,
  SATISFACTION_SCORES,
  type Actor,
  type Satisfaction,
} from '@xiuhua/domain';
import { createCase } from '../cases/create-case.command';
import { normaliseTrackingCode, TRACKING_CODE_PATTERN } from '../cases/tracking-code';
import type { AppContext } from '../context';
import { inTransaction } from '../context';
import { toPublicRequests, type PublicRequest } from '../open311/public-requests';
import { addCasePhoto, photoPath } from '../photos/photo.commands';
import { placePoints } from '../intake/geocode';
import { readFile } from 'node:fs/promises';

/** Citizens act through the centre's intake, anonymously: no user, no staff name on the log. */
export const CITIZEN_ACTOR: Actor = {
  userId: 0,
  username: 'public',
  displayName: '公众 / Public',
  roles: ['operator'],
  scope: { kind: 'all' },
  organisationId: null,
  via: 'system',
};

/** Photos may be added for this long after the report, at most this many. */
export const CITIZEN_PHOTO_WINDOW_MINUTES = 60;
export const CITIZEN_MAX_PHOTOS = 3;

const REPORT = { zh: '反映', en: 'Report' };

export type CitizenReportInput = {
  description: string;
  lng: number;
  lat: number;
  address?: string | null;
  classId?: number | null;
  /** Optional; reports are anonymous unless the citizen leaves a name or phone. */
  name?: string | null;
  phone?: string | null;
};

/** A citizen's report from the web page: a case (source citizen_web) with a tracking code. */
export async function submitCitizenReport(
  ctx: AppContext,
  input: CitizenReportInput,
  options: { idempotencyKey?: string } = {},
): Promise<{ trackingCode: string; caseNumber: string }> {
  const result = await createCase(
    ctx,
    CITIZEN_ACTOR,
    {
      source: 'citizen_web',
      description: input.description,
      lng: input.lng,
      lat: input.lat,
      address: input.address ?? null,
      classId: input.classId ?? null,
      reporterName: input.name ?? null,
      reporterPhone: input.phone ?? null,
      withTrackingCode: true,
      intake: { channel: 'citizen_web', anonymous: !input.name && !input.phone },
    },
    options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {},
  );
  return { trackingCode: result.body.tracking_code ?? '', caseNumber: result.body.case_number };
}

async function byCode(ctx: AppContext, code: string): Promise<CaseRow> {
  const normalised = normaliseTrackingCode(code);
  const row = TRACKING_CODE_PATTERN.test(normalised)
    ? await publicCaseRepository.findByTrackingCode(ctx.db.kysely, normalised)
    : undefined;
  if (!row || row.state === 'DRAFT') throw notFound(REPORT, code);
  return row;
}

/** Adds a photo to one's own fresh report (within the hour, at most three). */
export async function addCitizenPhoto(ctx: AppContext, code: string, bytes: Buffer) {
  const row = await byCode(ctx, code);
  const ageMinutes = (ctx.clock.now().getTime() - row.created_at.getTime()) / 60_000;
  if (ageMinutes > CITIZEN_PHOTO_WINDOW_MINUTES)
    throw conflict('CASE_NOT_IN_STATE', {
      zh: `照片须在提交后 ${CITIZEN_PHOTO_WINDOW_MINUTES} 分钟内补充`,
      en: `photos can be added within ${CITIZEN_PHOTO_WINDOW_MINUTES} minutes of reporting`,
    });
  const photos = await casePhotoRepository.forCase(ctx.db.kysely, row.id);
  if (photos.length >= CITIZEN_MAX_PHOTOS)
    throw new AppError({
      code: 'VALIDATION_FAILED',
      text: {
        zh: `最多 ${CITIZEN_MAX_PHOTOS} 张照片`,
        en: `at most ${CITIZEN_MAX_PHOTOS} photos per report`,
      },
      details: [{ field: 'file', reason: `at most ${CITIZEN_MAX_PHOTOS} photos` }],
    });
  return addCasePhoto(ctx, CITIZEN_ACTOR, { caseId: row.id, kind: 'before', bytes });
}

export type CitizenView = {
  request: PublicRequest;
  trackingCode: string;
  photos: { sha256: string; kind: 'before' | 'after' }[];
  rating: { satisfaction: string; score: number; ratedAt: Date } | null;
  canRate: boolean;
};

/** What the reporter sees: status, the public timeline, photos and their rating. */
export async function trackCitizenReport(ctx: AppContext, code: string): Promise<CitizenView> {
  const row = await byCode(ctx, code);
  const db = ctx.db.kysely;
  const { rows } = await publicCaseRepository.list(db, {
    caseNumbers: [row.case_number],
    limit: 1,
    offset: 0,
  });
  const [request] = await toPublicRequests(ctx, rows, { withNotes: true });
  if (!request) throw notFound(REPORT, code);
  const rating = await publicCaseRepository.rating(db, row.id);
  return {
    request,
    trackingCode: row.tracking_code ?? code,
    photos: (await casePhotoRepository.forCase(db, row.id)).map((p) => ({
      sha256: p.sha256,
      kind: p.kind,
    })),
    rating: rating
      ? { satisfaction: rating.satisfaction, score: rating.score, ratedAt: rating.rated_at }
      : null,
    canRate: row.state === 'CLOSED' && !rating,
  };
}

/** A photo of the report the code stands for (no other case's photos). */
export async function readCitizenPhoto(ctx: AppContext, code: string, sha256: string) {
  const row = await byCode(ctx, code);
  const photo = (await casePhotoRepository.forCase(ctx.db.kysely, row.id)).find(
    (p) => p.sha256 === sha256,
  );
  if (!photo) throw notFound({ zh: '照片', en: 'Photo' }, sha256);
  return { bytes: await readFile(photoPath(ctx, sha256, photo.mime)), mime: photo.mime };
}

/** The reporter rates the result once, after closure. */
export async function rateCitizenReport(
  ctx: AppContext,
  code: string,
  input: { satisfaction: Satisfaction; comment?: string | null },
): Promise<void> {
  const row = await byCode(ctx, code);
  if (row.state !== 'CLOSED')
    throw conflict('CASE_NOT_IN_STATE', {
      zh: '结案后才能评价',
      en: 'The result can be rated once the case is closed',
    });
  const inserted = await inTransaction(ctx, (trx) =>
    publicCaseRepository.insertRating(trx, {
      case_id: row.id,
      channel: row.source === 'open311' ? 'open311' : 'citizen_web',
      satisfaction: input.satisfaction,
      score: SATISFACTION_SCORES[input.satisfaction],
      comment: input.comment ?? null,
      rated_at: ctx.clock.now(),
    }),
  );
  if (!inserted)
    throw conflict('ALREADY_EXISTS', { zh: '已评价过', en: 'Already rated' }, [
      { field: 'satisfaction', reason: 'this report was rated before' },
    ]);
}

export type PublicMap = {
  districts: {
    code: string;
    name: string;
    outline: unknown;
    bbox: [number, number, number, number] | null;
  }[];
  places: { code: string; name: string; level: 'street' | 'community'; lng: number; lat: number }[];
};

/** A plain basemap from our own data: the district outlines and street name points. */
export async function publicMap(ctx: AppContext): Promise<PublicMap> {
  const db = ctx.db.kysely;
  const codes = await publicCaseRepository.districtsWithGrids(db);
  const districts = (await divisionRepository.list(db, { level: 'district', withOutline: true }))
    .filter((d) => codes.includes(d.code))
    .map((d) => ({
      code: d.code,
      name: d.name,
      outline: 'outline' in d ? d.outline : null,
      bbox:
        d.min_lng !== null && d.min_lat !== null && d.max_lng !== null && d.max_lat !== null
          ? ([d.min_lng, d.min_lat, d.max_lng, d.max_lat] as [number, number, number, number])
          : null,
    }));
  const places = (await placePoints(ctx)).filter((p) => p.level === 'street');
  return { districts, places };
}
