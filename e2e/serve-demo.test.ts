import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDb, type TestDb } from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../apps/cli/src/main.ts', import.meta.url));

/**
 * The README's promise: `npm start` on an empty database seeds the Yangpu demo, prints the
 * logins and an Open311 api_key, and serves the API. Runs the real CLI in a child process.
 */
describe('npm start with the demo district', () => {
  let child: ChildProcess;
  let output = '';
  let baseUrl = '';
  let testDb: TestDb | undefined;
  let startedInMs = 0;

  beforeAll(async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'xiuhua-e2e-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      XIUHUA_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    };
    delete env.DATABASE_URL;
    if (process.env.DATABASE_URL) {
      testDb = await createTestDb();
      env.DATABASE_URL = testDb.url;
      await testDb.close(); // the server process opens its own connections
    }
    const started = Date.now();
    child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    baseUrl = await new Promise<string>((resolve, reject) => {
      const onData = () => {
        const match = /running at (http:\/\/\S+)/.exec(output);
        if (match?.[1] && output.includes('Open311 api_key')) resolve(match[1]);
      };
      child.stdout?.on('data', onData);
      child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
    });
    startedInMs = Date.now() - started;
  }, 180_000);

  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await testDb?.drop();
  });

  it('prints one login per role and an Open311 api_key line', () => {
    for (const username of [
      'admin',
      'supervisor',
      'operator',
      'shiftleader',
      'dispatcher',
      'department',
      'commander',
      'leader',
    ]) {
      expect(output).toMatch(new RegExp(`^\\s+${username}\\s`, 'm'));
    }
    expect(output).toMatch(/^Open311 api_key: xht_[A-Za-z0-9_-]{20,}$/m);
    expect(output).toContain('演示划分');
    process.stdout.write(`demo start took ${startedInMs} ms\n`);
  });

  it('locates 121.52, 31.29 in a Yangpu unit grid and refuses a point outside', async () => {
    const login = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'operator', password: 'Xiuhua-demo-2026' }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const located = await fetch(`${baseUrl}/api/grids/locate?lng=121.52&lat=31.29`, {
      headers: { cookie },
    });
    expect(located.status).toBe(200);
    const body = (await located.json()) as {
      grid: { code: string };
      street: { code: string; name: string };
      community: { name: string };
      district: { name: string };
    };
    expect(body.grid.code).toMatch(/^310110\d{9}$/);
    expect(body.street.name).toMatch(/街道$/);
    expect(body.community.name.length).toBeGreaterThan(0);
    expect(body.district.name).toBe('杨浦区');
    const outside = await fetch(`${baseUrl}/api/grids/locate?lng=121.30&lat=31.10`, {
      headers: { cookie },
    });
    expect(outside.status).toBe(404);
  });

  it('comes with three weeks of cases through the workflow, so the evaluation has numbers', async () => {
    const login = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'commander', password: 'Xiuhua-demo-2026' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const cases = (await (
      await fetch(`${baseUrl}/api/cases?pageSize=1`, { headers: { cookie } })
    ).json()) as { total: number };
    expect(cases.total).toBeGreaterThanOrEqual(40);
    const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    const now = Date.now();
    const evaluation = (await (
      await fetch(
        `${baseUrl}/api/evaluation?objectType=department_first&period=custom&from=${day(now - 30 * 86_400_000)}&to=${day(now)}`,
        { headers: { cookie } },
      )
    ).json()) as { rows: { counts: { dispose_due: number }; score: number | null }[] };
    const busy = evaluation.rows.filter((r) => r.counts.dispose_due > 0);
    expect(busy.length).toBeGreaterThanOrEqual(2);
    expect(busy.every((r) => r.score !== null)).toBe(true);
  });

  it('serves health, the OpenAPI document and the web page', async () => {
    expect(await (await fetch(`${baseUrl}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(
      ((await (await fetch(`${baseUrl}/api/openapi.json`)).json()) as { openapi: string }).openapi,
    ).toBe('3.1.0');
    const page = await fetch(`${baseUrl}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('绣花');
  });
});
