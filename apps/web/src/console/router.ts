import { createRouter, createWebHashHistory } from 'vue-router';
import { loadMe } from './session';

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
    { path: '/', component: () => import('./views/HomeView.vue') },
    { path: '/cases', component: () => import('./views/CaseListView.vue') },
    { path: '/cases/:id(\\d+)', component: () => import('./views/CaseView.vue'), props: true },
  ],
});

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  return (await loadMe()) ? true : { path: '/login', query: { next: to.fullPath } };
});
