import type {
  Open311Created,
  Open311Definition,
  Open311Service,
  Open311Update,
  PublicRequest,
} from '@xiuhua/core';
import {
  attributeNode,
  list,
  o311DateTime,
  obj,
  updateStatus,
  PUBLIC_NOTES,
  type CaseState,
  type ClosureType,
  type O311Document,
  type VoidType,
} from '@xiuhua/domain';
import type { Lang } from '../errors/locale';

export const GEOREPORT_SPEC = 'http://wiki.open311.org/GeoReport_v2';

export function discoveryDocument(baseUrl: string, changeset: Date): O311Document {
  const at = o311DateTime(changeset);
  return {
    root: 'discovery',
    body: obj({
      changeset: at,
      contact: '城市网格化综合管理中心 / City grid management centre',
      key_service:
        '向中心申请 API 令牌（管理员在“API 令牌”中签发） / Ask the centre for an API token',
      endpoints: list('endpoint', [
        obj({
          specification: GEOREPORT_SPEC,
          url: baseUrl,
          changeset: at,
          type: 'production',
          formats: list('format', ['text/xml', 'application/json']),
        }),
      ]),
    }),
  };
}

export function servicesDocument(services: readonly Open311Service[]): O311Document {
  return {
    root: 'services',
    body: list(
      'service',
      services.map((s) =>
        obj({
          service_code: s.code,
          service_name: s.name,
          description: s.description,
          metadata: true,
          type: 'realtime',
          keywords: s.keywords.join(','),
          group: s.group,
        }),
      ),
    ),
  };
}

export function definitionDocument(definition: Open311Definition): O311Document {
  return {
    root: 'service_definition',
    body: obj({
      service_code: definition.service.code,
      attributes: list('attribute', definition.attributes.map(attributeNode)),
    }),
  };
}

export function createdDocument(created: Open311Created): O311Document {
  return {
    root: 'service_requests',
    body: list('request', [
      obj({
        service_request_id: created.serviceRequestId,
        token: created.token,
        service_notice: created.serviceNotice,
        account_id: created.accountId,
      }),
    ]),
  };
}

export function tokenDocument(token: { serviceRequestId: string; token: string }): O311Document {
  return {
    root: 'service_requests',
    body: list('request', [
      obj({ service_request_id: token.serviceRequestId, token: token.token }),
    ]),
  };
}

function requestNode(r: PublicRequest, lang: Lang, extensions: boolean) {
  const fields = {
    service_request_id: r.caseNumber,
    status: r.status,
    status_notes: r.statusNotes ? r.statusNotes[lang] : null,
    service_name: r.serviceName,
    service_code: r.serviceCode,
    description: r.description,
    agency_responsible: r.agencies.length > 0 ? r.agencies.join('、') : null,
    service_notice: null,
    requested_datetime: o311DateTime(r.requestedAt),
    updated_datetime: o311DateTime(r.updatedAt),
    expected_datetime: o311DateTime(r.expectedAt),
    address: r.address,
    address_id: r.addressId,
    zipcode: null,
    lat: r.lat,
    long: r.lng,
    media_url: r.mediaUrl,
  };
  if (!extensions) return obj(fields);
  return obj({
    ...fields,
    extended_attributes: obj({
      grid_code: r.gridCode,
      street: r.streetName,
      community: r.communityName,
      channel: r.channel,
      duplicate: r.duplicate,
      parent_service_request_id: r.parentCaseNumber,
      photos: list('photo', r.mediaUrl ? [r.mediaUrl] : []),
    }),
    notes: list(
      'note',
      r.notes.map((n) =>
        obj({
          datetime: o311DateTime(n.at),
          summary: n.summary[lang],
          description: null,
          type: n.type,
        }),
      ),
    ),
  });
}

export function requestsDocument(
  requests: readonly PublicRequest[],
  lang: Lang,
  extensions: boolean,
): O311Document {
  return {
    root: 'service_requests',
    body: list(
      'request',
      requests.map((r) => requestNode(r, lang, extensions)),
    ),
  };
}

export function updatesDocument(updates: readonly Open311Update[], lang: Lang): O311Document {
  return {
    root: 'service_requests_updates',
    body: list(
      'request_update',
      updates.map((u) =>
        obj({
          update_id: u.updateId,
          service_request_id: u.serviceRequestId,
          status: updateStatus(
            u.toState as CaseState,
            u.closureType as ClosureType | null,
            u.voidType as VoidType | null,
          ),
          updated_datetime: o311DateTime(u.at),
          description: PUBLIC_NOTES[u.action]?.summary[lang] ?? null,
          media_url: null,
        }),
      ),
    ),
  };
}
