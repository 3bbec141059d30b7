import {
  caseRepository,
  hotlineRepository,
  type CaseRow,
  type HotlineOrderRow,
  type HotlineReturnVisitRow,
} from '@xiuhua/db';
import { forbidden, hasAnyRole, notFound, type Actor } from '@xiuhua/domain';
import type { AppContext } from '../context';
import { toLimitOffset, type Page, type Paged } from '../shared/pagination';

export type HotlineOrderView = {
  order: HotlineOrderRow;
  /** The case the order follows: its own, or the case it was merged into. */
  caseRow: CaseRow | null;
  visits: HotlineReturnVisitRow[];
  /** Callers' identity is for the centre's operators only. */
  showCaller: boolean;
};

function requireOrderReader(actor: Actor): void {
  if (actor.scope.kind === 'department')
    throw forbidden({
      zh: '专业部门不能查看热线工单',
      en: 'Departments cannot read hotline orders',
    });
}

const showCaller = (actor: Actor) => hasAnyRole(actor, ['operator', 'admin', 'shift_leader']);

async function followedCase(ctx: AppContext, order: HotlineOrderRow): Promise<CaseRow | null> {
  if (order.case_id === null) return null;
  const own = await caseRepository.findById(ctx.db.kysely, order.case_id);
  if (own?.parent_case_id)
    return (await caseRepository.findById(ctx.db.kysely, own.parent_case_id)) ?? own;
  return own ?? null;
}

/** The followed case of each order's case id, in two queries for a whole page of orders. */
async function followedCases(
  ctx: AppContext,
  orders: readonly HotlineOrderRow[],
): Promise<Map<number, CaseRow>> {
  const db = ctx.db.kysely;
  const own = await caseRepository.findByIds(
    db,
    orders.flatMap((o) => (o.case_id === null ? [] : [o.case_id])),
  );
  const parents = new Map(
    (
      await caseRepository.findByIds(
        db,
        own.flatMap((c) => (c.parent_case_id === null ? [] : [c.parent_case_id])),
      )
    ).map((p) => [p.id, p]),
  );
  return new Map(
    own.map((c) => [c.id, (c.parent_case_id !== null && parents.get(c.parent_case_id)) || c]),
  );
}

export async function getHotlineOrder(
  ctx: AppContext,
  actor: Actor,
  id: number,
): Promise<HotlineOrderView> {
  requireOrderReader(actor);
  const order = await hotlineRepository.findById(ctx.db.kysely, id);
  if (!order) throw notFound({ zh: '热线工单', en: 'Hotline order' }, String(id));
  const caseRow = await followedCase(ctx, order);
  if (
    caseRow?.grid_code &&
    actor.scope.kind === 'region' &&
    !caseRow.grid_code.startsWith(actor.scope.divisionCode)
  )
    throw notFound({ zh: '热线工单', en: 'Hotline order' }, String(id));
  return {
    order,
    caseRow,
    visits: await hotlineRepository.visits(ctx.db.kysely, id),
    showCaller: showCaller(actor),
  };
}

export async function listHotlineOrders(
  ctx: AppContext,
  actor: Actor,
  query: { unplaced?: boolean; channel?: string; caseId?: number },
  page: Page,
): Promise<Paged<HotlineOrderView>> {
  requireOrderReader(actor);
  const { limit, offset } = toLimitOffset(page);
  const { rows, total } = await hotlineRepository.list(ctx.db.kysely, {
    ...query,
    ...(actor.scope.kind === 'region' ? { regionPrefix: actor.scope.divisionCode } : {}),
    limit,
    offset,
  });
  const followed = await followedCases(ctx, rows);
  const items = rows.map((order) => ({
    order,
    caseRow: order.case_id === null ? null : (followed.get(order.case_id) ?? null),
    visits: [],
    showCaller: showCaller(actor),
  }));
  return { items, total, page: page.page, pageSize: page.pageSize };
}
