// Public surface of @xiuhua/domain. Each area exports through its own index.
export * from './clock';
export * from './errors/app-error';
export * from './access/index';
export * from './calendar/index';
export * from './catalogue/index';
export * from './components/index';
export * from './geo/index';
export * from './demo/index';
export * from './text';
export * from './case-workflow/index';
export * from './sla/index';
export * from './indicator-facts/index';
export * from './media/image-type';
export * from './open311/index';
export * from './hotline/hotline';
export * from './evaluation/index';
