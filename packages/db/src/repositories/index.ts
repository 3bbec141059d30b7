export type { Executor } from './executor';
export * from './user.repository';
export * from './session.repository';
export * from './api-token.repository';
export * from './login-attempt.repository';
export * from './organisation.repository';
export * from './admin-audit.repository';
export * from './division.repository';
