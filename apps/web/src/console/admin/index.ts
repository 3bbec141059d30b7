import type { AdminRoute } from './admin-route';
import { routes as access } from './access/routes';
import { routes as geo } from './geo/routes';
import { routes as rules } from './rules/routes';

/** The administration menu, grouped by area, in the order it is shown. */
export const ADMIN_AREAS: { key: 'access' | 'rules' | 'geo'; routes: AdminRoute[] }[] = [
  { key: 'geo', routes: geo },
  { key: 'rules', routes: rules },
  { key: 'access', routes: access },
];

export function adminRoutesFor(roles: readonly string[]): AdminRoute[] {
  return ADMIN_AREAS.flatMap((area) => area.routes).filter((r) =>
    r.roles.some((role) => roles.includes(role)),
  );
}
