import type { RouteRecordRaw } from 'vue-router';

/** Roles that read evaluations (the server checks again). */
export const EVALUATION_ROLES = [
  'commander',
  'leader',
  'admin',
  'shift_leader',
  'dispatcher',
  'operator',
  'department_handler',
];
export const PUBLISHER_ROLES = ['admin', 'commander'];

/** The evaluation pages under /evaluation, each loaded on demand with the messages they need. */
export const EVALUATION_ROUTES: RouteRecordRaw[] = [
  { path: '', component: () => import('./EvaluationPage.vue') },
  { path: 'report', component: () => import('./ReportPage.vue') },
];
