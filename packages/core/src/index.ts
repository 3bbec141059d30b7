export * from './context';
export * from './shared/pagination';
export { hashPassword, verifyPassword } from './auth/password';
export * from './auth/login.command';
export * from './auth/authenticate.query';
export * from './auth/api-token.commands';
export * from './users/user.commands';
export * from './organisations/organisation.commands';
export type { UserRow, OrganisationRow, ApiTokenRow, DivisionRow } from '@xiuhua/db';
export * from './calendars/calendar.queries';
export * from './calendars/calendar.commands';
export * from './imports/import-report';
export * from './divisions/division.commands';
export * from './grids/grid-locator.cache';
export * from './grids/grid.queries';
export * from './grids/import-grids.command';
export * from './grids/responsibility-grid.commands';
export * from './catalogue/catalogue.commands';
export * from './catalogue/catalogue.queries';
export * from './components/component.commands';
export type { UnitGridRow, CaseClassRow, ClassRuleRow, ComponentRow } from '@xiuhua/db';
export * from './demo/seed-demo.command';
export { DEMO_PASSWORD } from './demo/demo-organisations';
export * from './demo/demo-input';
export * from './cases/create-case.command';
export * from './cases/perform-case-action.command';
export * from './cases/case.queries';
export { verifyCaseChain } from './cases/case-log';
export type { CaseRow, CaseActionRow } from '@xiuhua/db';
export type { CaseView } from './cases/case.queries';
export * from './supervision/sla-sweep.command';
export * from './supervision/slip.commands';
export type { SlipRow } from '@xiuhua/db';
export * from './cases/routing-and-duplicates';
export * from './photos/photo.commands';
export type { CasePhotoRow } from '@xiuhua/db';
export * from './key-supervision/key-supervision';
export * from './key-supervision/key-supervision.commands';
export * from './webhooks/webhook-dispatch.command';
export * from './webhooks/webhook.commands';
export type { WebhookDeliveryRow, WebhookSubscriptionRow } from '@xiuhua/db';
export {
  reserveIdempotencyKey,
  completeIdempotencyKey,
  releaseIdempotencyKey,
} from './cases/idempotency';
export * from './supervision/sla-settings.commands';
