import type { Static } from '@sinclair/typebox';
import type { HotlineOrderOut } from '@xiuhua/contract';
import type { HotlineOrderView } from '@xiuhua/core';
import {
  APPEAL_TYPE_LABELS,
  o311Status,
  SATISFACTION_LABELS,
  type CaseState,
  type Satisfaction,
} from '@xiuhua/domain';
import type { Lang } from '../errors/locale';

export function presentHotlineOrder(
  view: HotlineOrderView,
  lang: Lang,
): Static<typeof HotlineOrderOut> {
  const { order, caseRow } = view;
  const status = caseRow ? o311Status(caseRow.state as CaseState) : 'unplaced';
  return {
    id: order.id,
    channel: order.channel,
    orderNumber: order.order_number,
    appealType: order.appeal_type,
    appealTypeLabel: APPEAL_TYPE_LABELS[order.appeal_type][lang],
    ...(view.showCaller ? { callerName: order.caller_name, callerPhone: order.caller_phone } : {}),
    content: order.content,
    address: order.address,
    lng: order.lng,
    lat: order.lat,
    locatedBy: order.located_by,
    receivedAt: order.received_at.toISOString(),
    dueAt: order.due_at?.toISOString() ?? null,
    status,
    linkedAs: order.linked_as,
    caseId: caseRow?.id ?? null,
    caseNumber: caseRow?.case_number ?? null,
    caseState: caseRow?.state ?? null,
    visits: view.visits.map((v) => ({
      id: v.id,
      satisfaction: v.satisfaction as Satisfaction,
      satisfactionLabel: SATISFACTION_LABELS[v.satisfaction as Satisfaction][lang],
      score: v.score,
      comment: v.comment,
      visitedAt: v.visited_at.toISOString(),
      reopened: v.reopened,
    })),
  };
}
