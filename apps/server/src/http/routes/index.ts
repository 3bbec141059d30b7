import type { RouteModule } from './route-types';
import { apiTokenRoutes } from './api-tokens/api-tokens.routes';
import { authRoutes } from './auth/auth.routes';
import { healthRoutes } from './health/health.routes';
import { organisationRoutes } from './organisations/organisations.routes';
import { userRoutes } from './users/users.routes';

/** Every feature's routes, registered in this order. */
export const routeModules: RouteModule[] = [
  healthRoutes,
  authRoutes,
  userRoutes,
  organisationRoutes,
  apiTokenRoutes,
];
