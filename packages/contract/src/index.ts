export * from './common.schema';
export * from './access.schema';
