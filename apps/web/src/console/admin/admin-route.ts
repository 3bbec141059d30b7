import type { RouteComponent } from 'vue-router';

/**
 * One administration page: its path under /admin, the message key of its menu label, the roles
 * that see it (the server checks again) and the lazily loaded page.
 */
export type AdminRoute = {
  path: string;
  label: string;
  roles: readonly string[];
  component: () => Promise<RouteComponent | { default: RouteComponent }>;
};
