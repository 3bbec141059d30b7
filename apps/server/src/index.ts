export { buildApp } from './app';
export type { BuildAppOptions } from './app';
export { configFromEnv, openContext, startServer } from './main';
export type { ServerConfig, RunningServer } from './main';
