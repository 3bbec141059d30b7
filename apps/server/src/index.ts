export { buildApp } from './app';
export type { BuildAppOptions } from './app';
export { configFromEnv, openContext, startServer } from './main';
export type { ServerConfig, RunningServer } from './main';
export { openLocalClient, openRemoteClient } from './local-client';
export type { ApiClient, HttpResult } from './local-client';
export { formatDemoReport } from './demo/demo-report';
export type { DemoSeedReport } from '@xiuhua/core';
export { fetchSender } from './jobs/outbox-dispatch.job';
