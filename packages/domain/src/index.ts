// Public surface of @xiuhua/domain. Each area exports through its own index.
export * from './clock';
export * from './errors/app-error';
export * from './access/index';
