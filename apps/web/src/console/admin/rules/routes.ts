import type { AdminRoute } from '../admin-route';

/** Pages of this administration area (lazy-loaded). */
export const routes: AdminRoute[] = [];
