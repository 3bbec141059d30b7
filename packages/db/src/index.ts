export { createDb } from './connection/create-db';
export type { Db, Engine, CreateDbOptions } from './connection/create-db';
export { runMigrations } from './migrations/run-migrations';
export type { MigrationResult } from './migrations/run-migrations';
export type * from './schema/database';
export * from './repositories/index';
export type { Transaction } from 'kysely';
