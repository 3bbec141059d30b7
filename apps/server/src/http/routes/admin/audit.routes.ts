import { listAdminAudit, type AuditRow } from '@xiuhua/core';
import { AdminAuditEntry, AdminAuditQuery, Paged, errorResponses } from '@xiuhua/contract';
import { actorOf } from '../../auth/auth.plugin';
import { withTypes, type RouteModule } from '../route-types';

const presentAudit = (row: AuditRow) => ({
  id: Number(row.id),
  at: row.at.toISOString(),
  actor:
    row.actor_user_id === null
      ? null
      : {
          id: row.actor_user_id,
          username: row.actor_username ?? '',
          displayName: row.actor_display_name ?? '',
        },
  action: row.action,
  entity: row.entity,
  entityId: row.entity_id,
  detail: row.detail,
});

export const adminAuditRoutes: RouteModule = (app, ctx) => {
  withTypes(app).get(
    '/api/admin/audit',
    {
      schema: {
        tags: ['admin'],
        summary: 'The administration audit log, newest first (admin) / 管理操作日志',
        description:
          'Every administrative change (users, organisations, tokens, webhooks, catalogue, calendars, grids, rules …) with who made it and what changed. `to` is exclusive.',
        querystring: AdminAuditQuery,
        response: { 200: Paged(AdminAuditEntry), ...errorResponses },
      },
    },
    async (request) => {
      const { from, to, actor, ...rest } = request.query;
      const page = await listAdminAudit(ctx, actorOf(request), {
        ...rest,
        ...(actor !== undefined ? { actorUserId: actor } : {}),
        ...(from ? { from: new Date(from) } : {}),
        ...(to ? { to: new Date(to) } : {}),
      });
      return { ...page, items: page.items.map(presentAudit) };
    },
  );
};
