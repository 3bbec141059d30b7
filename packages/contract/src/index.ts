export * from './common.schema';
export * from './access.schema';
export * from './calendar.schema';
export * from './geo.schema';
export * from './catalogue.schema';
export * from './components.schema';
export * from './imports.schema';
export * from './cases.schema';
