export * from './derive-facts';
