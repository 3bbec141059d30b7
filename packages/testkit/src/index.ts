export * from './fake-clock';
export * from './test-db';
export * from './test-context';
export * from './factories';
export * from './test-app';
export * from './case-world';
export * from './photos';
export * from './open311-xml';
