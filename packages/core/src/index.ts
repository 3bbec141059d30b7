export * from './context';
export * from './shared/pagination';
export { hashPassword, verifyPassword } from './auth/password';
export * from './auth/login.command';
export * from './auth/authenticate.query';
export * from './auth/api-token.commands';
export * from './users/user.commands';
export * from './organisations/organisation.commands';
export type { UserRow, OrganisationRow, ApiTokenRow, DivisionRow } from '@xiuhua/db';
