import { parseArgs } from 'node:util';
import { formatDemoReport } from '@xiuhua/server';
import type { DemoSeedReport } from '@xiuhua/server';
import { openClient } from '../client';
import { reportApiError } from '../output';

export async function seedDemoCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { url: { type: 'string' }, token: { type: 'string' } },
  });
  const client = await openClient(values);
  try {
    process.stderr.write('正在生成杨浦区演示数据 / seeding the Yangpu demo district…\n');
    const result = await client.request({ method: 'POST', url: '/api/admin/demo-seed', body: {} });
    if (result.status !== 201) return reportApiError(result.status, result.body);
    process.stdout.write(`${formatDemoReport(result.body as DemoSeedReport)}\n`);
    return 0;
  } finally {
    await client.close();
  }
}
