export * from './component-id';
export * from './component-status';
export * from './credit-code';
export * from './component-rows';
