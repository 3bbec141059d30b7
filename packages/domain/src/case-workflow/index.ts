export * from './case-states';
export * from './workflow-case';
export * from './transition-table';
export * from './apply-transition';
export * from './workflow-diagram';
