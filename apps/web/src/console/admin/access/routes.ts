import type { AdminRoute } from '../admin-route';

/**
 * Pages of this administration area (lazy-loaded). Anyone may read organisations and commanders
 * may list users (the API allows it), so they get read-only views; the rest is for admins.
 */
export const routes: AdminRoute[] = [
  {
    path: 'organisations',
    label: 'access.orgs.title',
    roles: ['admin', 'commander'],
    component: () => import('./OrganisationsPage.vue'),
  },
  {
    path: 'users',
    label: 'access.users.title',
    roles: ['admin', 'commander'],
    component: () => import('./UsersPage.vue'),
  },
  {
    path: 'api-tokens',
    label: 'access.tokens.title',
    roles: ['admin'],
    component: () => import('./ApiTokensPage.vue'),
  },
  {
    path: 'webhooks',
    label: 'access.webhooks.title',
    roles: ['admin'],
    component: () => import('./WebhooksPage.vue'),
  },
  {
    path: 'audit',
    label: 'access.audit.title',
    roles: ['admin'],
    component: () => import('./AuditPage.vue'),
  },
];
