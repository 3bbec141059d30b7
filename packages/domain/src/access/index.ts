export * from './roles';
export type * from './actor';
export * from './policies';
