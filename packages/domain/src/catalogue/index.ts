export * from './csv';
export * from './class-row';
export * from './default-rules';
export * from './legacy-mapping';
