export * from './lights';
export * from './step-timer';
