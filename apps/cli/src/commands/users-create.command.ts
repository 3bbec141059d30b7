import { parseArgs } from 'node:util';
import { openClient } from '../client';
import { reportApiError } from '../output';

const HELP = `xiuhua users create --username NAME --name 显示名 --password PW --role ROLE [--role ROLE…]
                    [--scope all | region:<division code> | department:<organisation code>]
                    [--org <organisation code>] [--phone N] [--url URL --token T]`;

function parseScope(value: string | undefined) {
  if (!value || value === 'all') return { kind: 'all' as const };
  const [kind, code] = value.split(':');
  if (kind === 'region' && code) return { kind: 'region' as const, divisionCode: code };
  if (kind === 'department' && code) return { kind: 'department' as const, organisationCode: code };
  throw new Error(`--scope must be all, region:<code> or department:<code> (got "${value}")`);
}

export async function usersCreateCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string', multiple: true },
      scope: { type: 'string' },
      org: { type: 'string' },
      phone: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.username || !values.password || !values.role) {
    process.stderr.write(`${HELP}\n`);
    return values.help ? 0 : 2;
  }
  const client = await openClient(values);
  try {
    const result = await client.request({
      method: 'POST',
      url: '/api/users',
      body: {
        username: values.username,
        displayName: values.name ?? values.username,
        password: values.password,
        roles: values.role,
        scope: parseScope(values.scope),
        ...(values.org ? { organisationCode: values.org } : {}),
        ...(values.phone ? { phone: values.phone } : {}),
      },
    });
    if (result.status !== 201) return reportApiError(result.status, result.body);
    const user = result.body as { id: number; username: string; roles: string[] };
    process.stdout.write(
      `已创建用户 / created user #${user.id} ${user.username} (${user.roles.join(', ')})\n`,
    );
    return 0;
  } finally {
    await client.close();
  }
}
