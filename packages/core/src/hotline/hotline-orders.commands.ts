import {
  caseRepository,
  hotlineRepository,
  outboxRepository,
  type CaseRow,
  type Executor,
  type HotlineOrderRow,
  type HotlineReturnVisitRow,
} from '@xiuhua/db';
import {
  AppError,
  conflict,
  invalidInput,
  isDissatisfied,
  notFound,
  o311Status,
  requireAnyRole,
  SATISFACTION_SCORES,
  type Actor,
  type AppealType,
  type CaseState,
  type Satisfaction,
} from '@xiuhua/domain';
import { createCase, type CreateCaseInput } from '../cases/create-case.command';
import { performCaseAction, requireCaseVisible } from '../cases/perform-case-action.command';
import { inTransaction, type AppContext } from '../context';
import { gridIndex } from '../grids/grid-locator.cache';
import { geocodeAddress } from '../intake/geocode';
import { HOTLINE_EVENT } from './hotline-feedback';
import { refreshCaseFacts } from '../evaluation/case-facts';

export type HotlineOrderInput = {
  channel: '12345' | '12319';
  orderNumber: string;
  appealType: AppealType;
  callerName?: string | null;
  callerPhone?: string | null;
  content: string;
  address?: string | null;
  lng?: number | null;
  lat?: number | null;
  receivedAt: Date;
  dueAt?: Date | null;
};

const ORDER = { zh: '热线工单', en: 'Hotline order' };
const HOTLINE_ROLES = ['operator', 'admin'] as const;

type Position = { lng: number; lat: number; locatedBy: NonNullable<HotlineOrderRow['located_by']> };

/** Where the order is: its coordinates, else the geocoded address; null when neither works. */
async function locateOrder(ctx: AppContext, input: HotlineOrderInput): Promise<Position | null> {
  const { locator } = await gridIndex(ctx);
  if (
    input.lng !== undefined &&
    input.lng !== null &&
    input.lat !== undefined &&
    input.lat !== null
  ) {
    return locator.locate(input.lng, input.lat)
      ? { lng: input.lng, lat: input.lat, locatedBy: 'coordinates' }
      : null;
  }
  if (!input.address) return null;
  const found = await geocodeAddress(ctx, input.address);
  return found ? { lng: found.lng, lat: found.lat, locatedBy: found.precision } : null;
}

/** The case an order becomes: the content as description, the caller as private reporter. */
function caseInputOf(
  order: Pick<
    HotlineOrderRow,
    | 'channel'
    | 'content'
    | 'address'
    | 'order_number'
    | 'caller_name'
    | 'caller_phone'
    | 'appeal_type'
  > & { received_at: Date; due_at: Date | null },
  at: { lng: number; lat: number; locatedBy: string },
): CreateCaseInput {
  return {
    source: order.channel === '12345' ? 'hotline_12345' : 'hotline_12319',
    description: order.content,
    lng: at.lng,
    lat: at.lat,
    address: order.address,
    sourceRef: order.order_number,
    reporterName: order.caller_name,
    reporterPhone: order.caller_phone,
    intake: {
      channel: order.channel,
      appealType: order.appeal_type,
      receivedAt: order.received_at.toISOString(),
      dueAt: order.due_at?.toISOString() ?? null,
      locatedBy: at.locatedBy,
    },
  };
}

function sameOrder(row: HotlineOrderRow, input: HotlineOrderInput): boolean {
  return (
    row.content === input.content &&
    row.appeal_type === input.appealType &&
    row.received_at.getTime() === input.receivedAt.getTime()
  );
}

function checkInput(input: HotlineOrderInput, now: Date): void {
  const hasLng = input.lng !== undefined && input.lng !== null;
  const hasLat = input.lat !== undefined && input.lat !== null;
  if (hasLng !== hasLat)
    throw invalidInput(hasLng ? 'lat' : 'lng', {
      zh: '经纬度须同时提供',
      en: 'send lng and lat together',
    });
  if (input.receivedAt.getTime() > now.getTime() + 10 * 60_000)
    throw invalidInput('receivedAt', { zh: '受理时间在未来', en: 'is in the future' });
  if (input.dueAt && input.dueAt.getTime() < input.receivedAt.getTime())
    throw invalidInput('dueAt', { zh: '办结时限早于受理时间', en: 'is before receivedAt' });
}

/**
 * The hotline pushes an order. A located order becomes a case (source hotline_12345/12319) in the
 * same transaction; one that cannot be located waits for an operator to place or link it.
 * Pushing the same order number again returns the order as it stands (nothing created twice);
 * the same number with different content is a 409.
 */
export async function pushHotlineOrder(
  ctx: AppContext,
  actor: Actor,
  input: HotlineOrderInput,
): Promise<{ order: HotlineOrderRow; replayed: boolean }> {
  requireAnyRole(actor, HOTLINE_ROLES);
  const now = ctx.clock.now();
  checkInput(input, now);
  const db = ctx.db.kysely;
  const earlier = await hotlineRepository.findByNumber(db, input.channel, input.orderNumber);
  if (earlier) {
    if (!sameOrder(earlier, input))
      throw conflict(
        'ALREADY_EXISTS',
        {
          zh: `工单 ${input.channel}/${input.orderNumber} 已推送过，内容不同`,
          en: `order ${input.channel}/${input.orderNumber} was already pushed with other content`,
        },
        [{ field: 'orderNumber', reason: 'already pushed with different content' }],
      );
    return { order: earlier, replayed: true };
  }
  const position = await locateOrder(ctx, input);
  const base = {
    channel: input.channel,
    order_number: input.orderNumber,
    appeal_type: input.appealType,
    caller_name: input.callerName ?? null,
    caller_phone: input.callerPhone ?? null,
    content: input.content,
    address: input.address ?? null,
    received_at: input.receivedAt,
    due_at: input.dueAt ?? null,
    pushed_by: actor.via === 'system' ? null : actor.userId,
    created_at: now,
    updated_at: now,
  };
  if (!position) {
    const order = await inTransaction(ctx, (trx) =>
      hotlineRepository.insert(trx, {
        ...base,
        lng: input.lng ?? null,
        lat: input.lat ?? null,
        located_by: null,
        case_id: null,
        linked_as: null,
      }),
    );
    return { order, replayed: false };
  }
  let order: HotlineOrderRow | undefined;
  await createCase(ctx, actor, caseInputOf(base, position), {
    within: async (trx, row) => {
      order = await hotlineRepository.insert(trx, {
        ...base,
        lng: position.lng,
        lat: position.lat,
        located_by: position.locatedBy,
        case_id: row.id,
        linked_as: 'new_case',
      });
    },
  });
  if (!order) throw new Error('order not written with its case');
  return { order, replayed: false };
}

async function lockUnplaced(trx: Executor, id: number): Promise<HotlineOrderRow> {
  const order = await hotlineRepository.lock(trx, id);
  if (!order) throw notFound(ORDER, String(id));
  if (order.case_id !== null)
    throw conflict('CONFLICT', { zh: '该工单已有案件', en: 'This order already has a case' }, [
      { field: 'id', reason: `already linked to case ${order.case_id}` },
    ]);
  return order;
}

/** An operator places an unlocated order on the map: it becomes a case in one transaction. */
export async function placeHotlineOrder(
  ctx: AppContext,
  actor: Actor,
  id: number,
  at: { lng: number; lat: number },
): Promise<HotlineOrderRow> {
  requireAnyRole(actor, HOTLINE_ROLES);
  const order = await hotlineRepository.findById(ctx.db.kysely, id);
  if (!order) throw notFound(ORDER, String(id));
  await createCase(ctx, actor, caseInputOf(order, { ...at, locatedBy: 'operator' }), {
    within: async (trx, row) => {
      await lockUnplaced(trx, id);
      await hotlineRepository.attachCase(trx, id, {
        caseId: row.id,
        linkedAs: 'new_case',
        lng: at.lng,
        lat: at.lat,
        locatedBy: 'operator',
        at: ctx.clock.now(),
      });
      await announceLink(trx, order, row, ctx.clock.now());
    },
  });
  return (await hotlineRepository.findById(ctx.db.kysely, id)) as HotlineOrderRow;
}

async function announceLink(trx: Executor, order: HotlineOrderRow, row: CaseRow, at: Date) {
  await outboxRepository.append(trx, {
    caseId: row.id,
    type: HOTLINE_EVENT,
    payload: {
      orderId: order.id,
      channel: order.channel,
      orderNumber: order.order_number,
      caseNumber: row.case_number,
      viaDuplicate: false,
      action: 'link',
      state: row.state,
      status: o311Status(row.state as CaseState),
      summary: { zh: '已转为城管案件', en: 'Taken on as a city-management case' },
      result: null,
      photos: [],
      at: at.toISOString(),
    },
    at,
  });
}

/** Links an unplaced order to an existing open case about the same problem (a duplicate call). */
export async function linkHotlineOrder(
  ctx: AppContext,
  actor: Actor,
  id: number,
  caseId: number,
): Promise<HotlineOrderRow> {
  requireAnyRole(actor, HOTLINE_ROLES);
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    const order = await lockUnplaced(trx, id);
    const target = await caseRepository.findById(trx, caseId);
    if (!target) throw invalidInput('caseId', { zh: '案件不存在', en: 'no such case' });
    requireCaseVisible(actor, target);
    const root = target.parent_case_id
      ? await caseRepository.findById(trx, target.parent_case_id)
      : target;
    if (!root || root.state === 'CLOSED' || root.state === 'VOID' || root.state === 'DRAFT')
      throw invalidInput('caseId', {
        zh: '只能关联到办理中的案件',
        en: 'orders can only be linked to cases in progress',
      });
    await hotlineRepository.attachCase(trx, id, {
      caseId: root.id,
      linkedAs: 'existing_case',
      lng: root.lng,
      lat: root.lat,
      locatedBy: 'operator',
      at: now,
    });
    await announceLink(trx, order, root, now);
  });
  return (await hotlineRepository.findById(ctx.db.kysely, id)) as HotlineOrderRow;
}

/**
 * Records the hotline's return visit (回访) after the case is closed. A dissatisfied caller's
 * order is re-handled (重办): the case reopens into disposal, in the same transaction as the
 * visit, unless `reopen: false`.
 */
export async function recordReturnVisit(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { satisfaction: Satisfaction; comment?: string | null; reopen?: boolean },
): Promise<{ visit: HotlineReturnVisitRow; caseRow: CaseRow }> {
  requireAnyRole(actor, HOTLINE_ROLES);
  const db = ctx.db.kysely;
  const order = await hotlineRepository.findById(db, id);
  if (!order) throw notFound(ORDER, String(id));
  if (order.case_id === null)
    throw conflict('CASE_NOT_IN_STATE', {
      zh: '工单尚未转为案件，不能回访',
      en: 'The order has no case yet; nothing to visit back on',
    });
  const own = await caseRepository.findById(db, order.case_id);
  const root = own?.parent_case_id ? await caseRepository.findById(db, own.parent_case_id) : own;
  if (!root) throw notFound({ zh: '案件', en: 'Case' }, String(order.case_id));
  requireCaseVisible(actor, root);
  if (root.state !== 'CLOSED')
    throw new AppError({
      code: 'CASE_NOT_IN_STATE',
      text: {
        zh: `案件 ${root.case_number} 尚未结案（${root.state}），结案后再回访`,
        en: `Case ${root.case_number} is not closed yet (${root.state}); visit back after closure`,
      },
      details: [{ field: 'id', reason: `case state ${root.state}` }],
    });
  const now = ctx.clock.now();
  const reopen = isDissatisfied(input.satisfaction) && input.reopen !== false;
  const visitRow = (reopened: boolean) => ({
    order_id: order.id,
    case_id: root.id,
    satisfaction: input.satisfaction,
    score: SATISFACTION_SCORES[input.satisfaction],
    comment: input.comment ?? null,
    visited_at: now,
    reopened,
    recorded_by: actor.via === 'system' ? null : actor.userId,
    created_at: now,
  });
  if (!reopen) {
    const visit = await inTransaction(ctx, async (trx) => {
      const written = await hotlineRepository.insertVisit(trx, visitRow(false));
      await refreshCaseFacts(trx, root.id);
      return written;
    });
    return { visit, caseRow: root };
  }
  let visit: HotlineReturnVisitRow | undefined;
  const caseRow = await performCaseAction(
    ctx,
    actor,
    {
      caseId: root.id,
      action: 'reopen',
      version: root.version,
      input: {
        opinion: `热线回访不满意，重办（工单 ${order.channel}/${order.order_number}）${
          input.comment ? `：${input.comment}` : ''
        }`,
      },
    },
    {
      within: async (trx) => {
        visit = await hotlineRepository.insertVisit(trx, visitRow(true));
      },
    },
  );
  if (!visit) throw new Error('visit not written with the reopening');
  return { visit, caseRow };
}
