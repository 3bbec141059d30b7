import { parseArgs } from 'node:util';
import { openClient } from '../client';
import { reportApiError } from '../output';

/** xiuhua verify-audit [--case ID]: re-computes the action-log hash chain. Exit 1 when broken. */
export async function verifyAuditCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { case: { type: 'string' }, url: { type: 'string' }, token: { type: 'string' } },
  });
  const client = await openClient(values);
  try {
    if (values.case) {
      const result = await client.request({
        method: 'GET',
        url: `/api/cases/${encodeURIComponent(values.case)}/audit`,
      });
      if (result.status !== 200) return reportApiError(result.status, result.body);
      const body = result.body as { ok: boolean; actions: number; brokenAt: number | null };
      process.stdout.write(
        body.ok
          ? `案件 ${values.case} 审计链完好 / chain intact (${body.actions} actions)\n`
          : `案件 ${values.case} 审计链断裂于第 ${body.brokenAt} 条 / chain broken at action ${body.brokenAt}\n`,
      );
      return body.ok ? 0 : 1;
    }
    const result = await client.request({ method: 'GET', url: '/api/audit/verify' });
    if (result.status !== 200) return reportApiError(result.status, result.body);
    const body = result.body as {
      ok: boolean;
      cases: number;
      actions: number;
      broken: { caseId: number; brokenAt: number | null }[];
    };
    process.stdout.write(
      `${body.cases} cases, ${body.actions} actions: ${body.ok ? '审计链完好 / all chains intact' : `${body.broken.length} broken`}\n`,
    );
    for (const b of body.broken)
      process.stdout.write(`  case ${b.caseId}: broken at action ${b.brokenAt}\n`);
    return body.ok ? 0 : 1;
  } finally {
    await client.close();
  }
}
