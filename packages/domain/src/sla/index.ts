export * from './lights';
export * from './step-timer';
export * from './limit-factor';
