import { addressPointRepository, catalogueRepository, publicCaseRepository } from '@xiuhua/db';
import {
  AppError,
  CASE_STATES,
  TERMINAL_STATES,
  collectAttributeParams,
  notFound,
  validateAttributes,
  type Actor,
  type ErrorDetail,
} from '@xiuhua/domain';
import { createCase } from '../cases/create-case.command';
import type { AppContext } from '../context';
import { geocodeAddress } from '../intake/geocode';
import { listOpen311Services, open311Definition, parseServiceCode } from './open311-services';
import { PUBLIC_ACTIONS, toPublicRequests, type PublicRequest } from './public-requests';

/** The parsed form of `POST requests`: single values as strings, repeated keys as lists. */
export type Open311Form = Readonly<Record<string, string | readonly string[] | undefined>>;

export type Open311Created = {
  serviceRequestId: string;
  token: string;
  serviceNotice: string;
  accountId: string | null;
};

const DAY_MS = 86_400_000;
export const OPEN311_MAX_RANGE_DAYS = 90;

function single(form: Open311Form, key: string): string | undefined {
  const value = form[key];
  const text = typeof value === 'string' ? value : value?.[0];
  const trimmed = text?.trim();
  return trimmed === '' ? undefined : trimmed;
}

function problem(details: ErrorDetail[]): AppError {
  const first = details[0];
  const summary = details.map((d) => `${d.field ?? ''} ${d.reason}`.trim()).join('; ');
  return new AppError({
    code: 'VALIDATION_FAILED',
    text: { zh: `请求参数无效：${summary}`, en: `Invalid request: ${summary}` },
    details: first ? details : [{ reason: 'invalid request' }],
  });
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;
const PHONE = /^\+?[0-9][0-9 ()-]{3,29}$/;

function checkOptional(form: Open311Form, details: ErrorDetail[]): void {
  const limits: [string, number][] = [
    ['first_name', 50],
    ['last_name', 50],
    ['account_id', 100],
    ['device_id', 100],
    ['description', 4000],
    ['address_string', 200],
    ['media_url', 2000],
  ];
  for (const [field, max] of limits) {
    const value = single(form, field);
    if (value !== undefined && value.length > max)
      details.push({ field, reason: `longer than ${max} characters` });
  }
  const email = single(form, 'email');
  if (email !== undefined && !EMAIL.test(email))
    details.push({ field: 'email', reason: 'not an e-mail address' });
  const phone = single(form, 'phone');
  if (phone !== undefined && !PHONE.test(phone))
    details.push({ field: 'phone', reason: 'not a phone number' });
  const media = single(form, 'media_url');
  if (media !== undefined && !/^https?:\/\/\S+$/i.test(media))
    details.push({ field: 'media_url', reason: 'must be an http(s) URL' });
}

type Location = { lng: number; lat: number; address: string | null; addressId: string | null };

async function locate(ctx: AppContext, form: Open311Form): Promise<Location> {
  const latText = single(form, 'lat');
  const longText = single(form, 'long');
  const addressString = single(form, 'address_string') ?? null;
  const addressId = single(form, 'address_id');
  if (latText !== undefined || longText !== undefined) {
    const lat = Number(latText);
    const lng = Number(longText);
    const details: ErrorDetail[] = [];
    if (latText === undefined || !Number.isFinite(lat) || lat < -90 || lat > 90)
      details.push({ field: 'lat', reason: 'must be a WGS84 latitude between -90 and 90' });
    if (longText === undefined || !Number.isFinite(lng) || lng < -180 || lng > 180)
      details.push({ field: 'long', reason: 'must be a WGS84 longitude between -180 and 180' });
    if (details.length > 0) throw problem(details);
    return { lng, lat, address: addressString, addressId: null };
  }
  if (addressId !== undefined) {
    const point = await addressPointRepository.findById(ctx.db.kysely, addressId);
    if (!point) throw problem([{ field: 'address_id', reason: 'unknown address_id' }]);
    return { lng: point.lng, lat: point.lat, address: addressString ?? point.address, addressId };
  }
  if (addressString !== null) {
    const found = await geocodeAddress(ctx, addressString);
    if (!found)
      throw problem([
        {
          field: 'address_string',
          reason: 'could not be located; send lat and long instead',
        },
      ]);
    return { lng: found.lng, lat: found.lat, address: addressString, addressId: null };
  }
  throw problem([
    {
      field: 'lat,long',
      reason: 'a location is required: lat and long, address_string or address_id',
    },
  ]);
}

/**
 * `POST requests`: validates everything before writing anything, then opens a case with source
 * open311 (one transaction, idempotent with a key) and answers with its id and tracking token.
 */
export async function createOpen311Request(
  ctx: AppContext,
  actor: Actor,
  form: Open311Form,
  options: { idempotencyKey?: string } = {},
): Promise<Open311Created> {
  const serviceCode = single(form, 'service_code');
  if (serviceCode === undefined) throw problem([{ field: 'service_code', reason: 'is required' }]);
  const definition = await open311Definition(ctx, serviceCode);
  const details: ErrorDetail[] = [];
  checkOptional(form, details);
  const checked = validateAttributes(definition.attributes, collectAttributeParams(form));
  if (!checked.ok)
    for (const p of checked.problems)
      details.push({ field: `attribute[${p.code}]`, reason: p.reason });
  if (details.length > 0) throw problem(details);
  const answers = checked.ok ? checked.answers : {};
  const location = await locate(ctx, form);
  const componentId = typeof answers.component_id === 'string' ? answers.component_id : null;
  if (componentId !== null && !/^[0-9]{16,17}$/.test(componentId))
    throw problem([{ field: 'attribute[component_id]', reason: 'must be 16 or 17 digits' }]);
  const names = [single(form, 'last_name'), single(form, 'first_name')].filter(Boolean);
  const description = single(form, 'description') ?? `${definition.classRow.name}（未填写描述）`;
  const condition =
    typeof answers.condition === 'string' ? answers.condition : definition.defaultCondition;
  const intake: Record<string, unknown> = {
    channel: 'open311',
    serviceCode: definition.service.code,
    attributes: answers,
  };
  for (const [key, field] of [
    ['email', 'email'],
    ['deviceId', 'device_id'],
    ['accountId', 'account_id'],
    ['mediaUrl', 'media_url'],
  ] as const) {
    const value = single(form, field);
    if (value !== undefined) intake[key] = value;
  }
  if (location.addressId) intake.addressId = location.addressId;
  const phone = single(form, 'phone');
  const result = await createCase(
    ctx,
    actor,
    {
      source: 'open311',
      description,
      lng: location.lng,
      lat: location.lat,
      address: location.address,
      classId: definition.classRow.id,
      conditionCode: condition,
      componentId,
      reporterName: names.length > 0 ? names.join(' ') : null,
      reporterPhone: phone ?? null,
      withTrackingCode: true,
      intake,
    },
    options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {},
  );
  const row = result.body;
  return {
    serviceRequestId: row.case_number,
    token: row.tracking_code ?? '',
    serviceNotice:
      '已收到，受理后将派遣至责任单位处置；凭 token 可查询进度 / Received; it will be checked and sent to the responsible department. Follow it with the token.',
    accountId: single(form, 'account_id') ?? null,
  };
}

export type Open311Query = {
  serviceRequestIds?: string[];
  serviceCodes?: string[];
  statuses?: ('open' | 'closed')[];
  startDate?: Date;
  endDate?: Date;
  page: number;
  pageSize: number;
  districtCode?: string;
  extensions: boolean;
};

/** Every state the public sees as open (drafts are never public). */
const OPEN_STATES = CASE_STATES.filter((s) => s !== 'DRAFT' && !TERMINAL_STATES.includes(s));

/** The requested-time window: default the last 90 days; at most 90 days. */
export function requestWindow(
  now: Date,
  start: Date | undefined,
  end: Date | undefined,
): { from: Date; to: Date } {
  const to =
    end ?? (start ? new Date(Math.min(now.getTime(), start.getTime() + 90 * DAY_MS)) : now);
  const from = start ?? new Date(to.getTime() - OPEN311_MAX_RANGE_DAYS * DAY_MS);
  if (from > to) throw problem([{ field: 'start_date', reason: 'is after end_date' }]);
  if (to.getTime() - from.getTime() > OPEN311_MAX_RANGE_DAYS * DAY_MS)
    throw problem([
      { field: 'start_date,end_date', reason: `span more than ${OPEN311_MAX_RANGE_DAYS} days` },
    ]);
  return { from, to };
}

/** `GET requests`: public cases by id list, or by service, status and requested time. */
export async function queryOpen311Requests(
  ctx: AppContext,
  query: Open311Query,
): Promise<PublicRequest[]> {
  const db = ctx.db.kysely;
  const limit = query.pageSize;
  const offset = (query.page - 1) * query.pageSize;
  const scope = query.districtCode ? { districtCode: query.districtCode } : {};
  let result;
  if (query.serviceRequestIds) {
    result = await publicCaseRepository.list(db, {
      caseNumbers: query.serviceRequestIds,
      limit,
      offset,
      ...scope,
    });
  } else {
    const { from, to } = requestWindow(ctx.clock.now(), query.startDate, query.endDate);
    let classIds: number[] | undefined;
    if (query.serviceCodes) {
      classIds = [];
      for (const code of query.serviceCodes) {
        const parsed = parseServiceCode(code);
        if (!parsed) continue;
        for (const row of await catalogueRepository.findByCode(db, parsed)) classIds.push(row.id);
      }
      if (classIds.length === 0) return [];
    }
    const statuses = query.statuses ?? [];
    const states =
      statuses.length === 0 || statuses.length === 2
        ? undefined
        : statuses[0] === 'open'
          ? OPEN_STATES
          : ['CLOSED', 'VOID'];
    result = await publicCaseRepository.list(db, {
      createdFrom: from,
      createdTo: to,
      limit,
      offset,
      ...(classIds ? { classIds } : {}),
      ...(states ? { states } : {}),
      ...scope,
    });
  }
  return toPublicRequests(ctx, result.rows, { withNotes: query.extensions });
}

/** `GET requests/{id}`: one public case by its number; unknown → 404. */
export async function getOpen311Request(
  ctx: AppContext,
  id: string,
  extensions: boolean,
): Promise<PublicRequest> {
  const { rows } = await publicCaseRepository.list(ctx.db.kysely, {
    caseNumbers: [id],
    limit: 1,
    offset: 0,
  });
  const [view] = await toPublicRequests(ctx, rows, { withNotes: extensions });
  if (!view) throw notFound({ zh: '服务请求', en: 'service request' }, id);
  return view;
}

/** `GET tokens/{token}`: the request a token stands for. */
export async function open311Token(
  ctx: AppContext,
  token: string,
): Promise<{ serviceRequestId: string; token: string }> {
  const row = await publicCaseRepository.findByTrackingCode(ctx.db.kysely, token.toUpperCase());
  if (!row || row.state === 'DRAFT') throw notFound({ zh: '令牌', en: 'token' }, token);
  return { serviceRequestId: row.case_number, token: row.tracking_code ?? token };
}

export type Open311Update = {
  updateId: string;
  serviceRequestId: string;
  toState: string;
  closureType: string | null;
  voidType: string | null;
  at: Date;
  action: string;
};

/** mySociety `servicerequestupdates`: public log entries in a time window, oldest first. */
export async function open311Updates(
  ctx: AppContext,
  query: { startDate?: Date; endDate?: Date; districtCode?: string; limit: number },
): Promise<Open311Update[]> {
  const { from, to } = requestWindow(ctx.clock.now(), query.startDate, query.endDate);
  const rows = await publicCaseRepository.actionsBetween(ctx.db.kysely, {
    actions: PUBLIC_ACTIONS,
    from,
    to,
    limit: query.limit,
    ...(query.districtCode ? { districtCode: query.districtCode } : {}),
  });
  return rows.map((r) => ({
    updateId: String(r.id),
    serviceRequestId: r.case_number,
    toState: r.to_state,
    closureType: r.closure_type,
    voidType: r.void_type,
    at: r.at,
    action: r.action,
  }));
}

export { listOpen311Services, open311Definition };
