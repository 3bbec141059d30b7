export * from './document';
export * from './attributes';
export * from './public-status';
