export * from './hotline-orders.commands';
export * from './hotline-orders.queries';
export { HOTLINE_EVENT } from './hotline-feedback';
