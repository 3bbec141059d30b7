import type { AdminRoute } from '../admin-route';

const ADMIN = ['admin'] as const;

/** Grids, responsibility grids, components and the geographic imports (admin). */
export const routes: AdminRoute[] = [
  {
    path: 'grids',
    label: 'geo.grids.title',
    roles: ADMIN,
    component: () => import('./GridsPage.vue'),
  },
  {
    path: 'responsibility-grids',
    label: 'geo.responsibility.title',
    roles: ADMIN,
    component: () => import('./ResponsibilityGridsPage.vue'),
  },
  {
    path: 'components',
    label: 'geo.components.title',
    roles: ADMIN,
    component: () => import('./ComponentsPage.vue'),
  },
  {
    path: 'imports',
    label: 'geo.imports.title',
    roles: ADMIN,
    component: () => import('./ImportsPage.vue'),
  },
];
