import { parseArgs } from 'node:util';
import { configFromEnv, startServer } from '@xiuhua/server';

export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { 'no-demo': { type: 'boolean' }, port: { type: 'string' } },
  });
  const config = configFromEnv(values.port ? { ...process.env, PORT: values.port } : process.env);
  const server = await startServer(config, { seedDemoIfEmpty: !values['no-demo'] });
  process.stdout.write(
    `\n绣花 Xiuhua 已启动 / running at ${server.url}  (database: ${server.ctx.db.engine} ${server.ctx.db.location})\n`,
  );
  const stop = (signal: string) => {
    server.app.log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  return -1; // keep running
}
