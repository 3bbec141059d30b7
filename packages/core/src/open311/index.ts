export * from './open311-services';
export * from './open311-requests';
export * from './public-requests';
