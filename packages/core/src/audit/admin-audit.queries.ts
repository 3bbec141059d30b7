import { adminAuditRepository, type AuditRow } from '@xiuhua/db';
import { invalidInput, requireAnyRole, type Actor } from '@xiuhua/domain';
import type { AppContext } from '../context';
import { toLimitOffset, type Page, type Paged } from '../shared/pagination';

export type AdminAuditFilter = {
  entity?: string;
  entityId?: string;
  actorUserId?: number;
  action?: string;
  from?: Date;
  to?: Date;
};

/** The administration audit log (every admin command writes it), newest first; admins only. */
export async function listAdminAudit(
  ctx: AppContext,
  actor: Actor,
  filter: AdminAuditFilter & Page,
): Promise<Paged<AuditRow>> {
  requireAnyRole(actor, ['admin']);
  if (filter.from && filter.to && filter.from.getTime() >= filter.to.getTime())
    throw invalidInput('to', { zh: '结束时间须晚于开始时间', en: 'must be after from' });
  const { page, pageSize, ...where } = filter;
  const { rows, total } = await adminAuditRepository.list(ctx.db.kysely, {
    ...where,
    ...toLimitOffset({ page, pageSize }),
  });
  return { items: rows, total, page, pageSize };
}
