import { createRouter, createWebHashHistory } from 'vue-router';
import { ADMIN_AREAS } from './admin';
import { EVALUATION_ROUTES } from './evaluation/routes';
import { loadMe } from './session';

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
    { path: '/', component: () => import('./views/HomeView.vue') },
    { path: '/cases', component: () => import('./views/CaseListView.vue') },
    { path: '/cases/:id(\\d+)', component: () => import('./views/CaseView.vue'), props: true },
    { path: '/map', component: () => import('./views/MapView.vue') },
    { path: '/analytics', component: () => import('./analytics/AnalyticsPage.vue') },
    {
      path: '/evaluation',
      component: () => import('./evaluation/EvaluationRoot.vue'),
      children: EVALUATION_ROUTES,
    },
    {
      path: '/admin',
      component: () => import('./admin/AdminLayout.vue'),
      children: ADMIN_AREAS.flatMap((area) => area.routes).map((page) => ({
        path: page.path,
        component: page.component,
        meta: { roles: page.roles },
      })),
    },
  ],
});

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  return (await loadMe()) ? true : { path: '/login', query: { next: to.fullPath } };
});
