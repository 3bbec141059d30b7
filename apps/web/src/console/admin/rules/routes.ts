import type { AdminRoute } from '../admin-route';

/** Pages of this administration area (lazy-loaded). Reading is open; the server checks each change. */
export const routes: AdminRoute[] = [
  {
    path: 'classes',
    label: 'rules.menu.classes',
    roles: ['admin'],
    component: () => import('./ClassesPage.vue'),
  },
  {
    path: 'routing-rules',
    label: 'rules.menu.routing',
    roles: ['admin'],
    component: () => import('./RoutingRulesPage.vue'),
  },
  {
    path: 'calendars',
    label: 'rules.menu.calendars',
    roles: ['admin'],
    component: () => import('./CalendarsPage.vue'),
  },
  {
    path: 'key-supervision',
    label: 'rules.menu.key',
    roles: ['admin', 'commander'],
    component: () => import('./KeySupervisionPage.vue'),
  },
  {
    path: 'sla',
    label: 'rules.menu.sla',
    roles: ['admin', 'commander'],
    component: () => import('./SlaSettingsPage.vue'),
  },
  {
    path: 'evaluation-scheme',
    label: 'rules.menu.scheme',
    roles: ['admin'],
    component: () => import('./EvaluationSchemePage.vue'),
  },
];
