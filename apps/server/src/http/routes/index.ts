import type { RouteModule } from './route-types';
import { adminRoutes } from './admin/admin.routes';
import { adminAuditRoutes } from './admin/audit.routes';
import { evaluationRoutes } from './evaluation/evaluation.routes';
import { evaluationPublicationRoutes } from './evaluation/evaluation-publications.routes';
import { screenRoutes } from './screen/screen.routes';
import { apiTokenRoutes } from './api-tokens/api-tokens.routes';
import { authRoutes } from './auth/auth.routes';
import { calendarRoutes } from './calendars/calendars.routes';
import { caseRoutes } from './cases/cases.routes';
import { slipRoutes } from './cases/slips.routes';
import { routingRoutes } from './cases/routing.routes';
import { photoRoutes } from './cases/photos.routes';
import { keySupervisionRoutes } from './cases/key-supervision.routes';
import { webhookRoutes } from './cases/webhooks.routes';
import { slaSettingsRoutes } from './cases/sla-settings.routes';
import { classRoutes } from './classes/classes.routes';
import { componentRoutes } from './components/components.routes';
import { divisionRoutes } from './divisions/divisions.routes';
import { gridRoutes } from './grids/grids.routes';
import { importRoutes } from './imports/imports.routes';
import { healthRoutes } from './health/health.routes';
import { organisationRoutes } from './organisations/organisations.routes';
import { userRoutes } from './users/users.routes';
import { open311Routes } from './open311/open311.routes';
import { hotlineRoutes } from './hotline/hotline.routes';
import { deviceRoutes } from './devices/devices.routes';
import { mobileRoutes } from './mobile/mobile.routes';
import { citizenRoutes } from './citizen/citizen.routes';
import { mapRoutes } from './map/map.routes';
import { analyticsRoutes } from './analytics/analytics.routes';

/** Every feature's routes, registered in this order. */
export const routeModules: RouteModule[] = [
  healthRoutes,
  authRoutes,
  userRoutes,
  organisationRoutes,
  apiTokenRoutes,
  calendarRoutes,
  divisionRoutes,
  gridRoutes,
  classRoutes,
  componentRoutes,
  importRoutes,
  caseRoutes,
  slipRoutes,
  routingRoutes,
  photoRoutes,
  keySupervisionRoutes,
  webhookRoutes,
  slaSettingsRoutes,
  adminRoutes,
  adminAuditRoutes,
  evaluationRoutes,
  evaluationPublicationRoutes,
  screenRoutes,
  hotlineRoutes,
  deviceRoutes,
  mobileRoutes,
  citizenRoutes,
  mapRoutes,
  open311Routes,
  analyticsRoutes,
];
