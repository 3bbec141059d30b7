export * from './generate-demo-district';
export { createPrng } from './prng';
