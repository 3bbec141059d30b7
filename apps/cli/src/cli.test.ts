import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDb, type TestDb } from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

describe('the xiuhua command', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'xiuhua-cli-'));
  const env: NodeJS.ProcessEnv = { ...process.env, XIUHUA_DATA_DIR: dir, LOG_LEVEL: 'warn' };
  let testDb: TestDb | undefined;

  beforeAll(async () => {
    delete env.DATABASE_URL;
    if (process.env.DATABASE_URL) {
      testDb = await createTestDb();
      env.DATABASE_URL = testDb.url;
      await testDb.close();
    }
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  const run = (...args: string[]) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      env,
      encoding: 'utf8',
    });
    return { code: result.status, out: result.stdout, err: result.stderr };
  };
  const file = (name: string, content: string) => {
    const target = path.join(dir, name);
    writeFileSync(target, content);
    return target;
  };

  it('imports divisions and lists refused rows with line and reason', () => {
    const csv = file(
      'divisions.csv',
      [
        'code,name',
        '990001,测试区',
        '990001001,测试街道',
        '990001001001,测试社区',
        '99000100200,坏编码',
        '990002001,无上级街道',
      ].join('\n'),
    );
    const result = run('import', 'divisions', csv);
    expect(result.code).toBe(1);
    expect(result.out).toContain('imported 3 of 5');
    expect(result.out).toMatch(/line 5 \[99000100200\] code: .*6、9 或 12 位/);
    expect(result.out).toMatch(/line 6 \[990002001\] code: .*990002/);
  });

  it('refuses a grid file with its problems and exit code 2, writing nothing', () => {
    const square = (w: number, s: number, d: number) => [
      [
        [w, s],
        [w + d, s],
        [w + d, s + d],
        [w, s + d],
        [w, s],
      ],
    ];
    const grids = file(
      'grids.geojson',
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { code: '990001001001001' },
            geometry: { type: 'Polygon', coordinates: square(121, 31, 0.001) },
          },
          {
            type: 'Feature',
            properties: { code: '990001001001002' },
            geometry: { type: 'Polygon', coordinates: square(121.0005, 31, 0.001) },
          },
        ],
      }),
    );
    const refused = run('import', 'grids', grids);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('IMPORT_REJECTED');
    expect(refused.err).toContain('"kind":"overlap"');
  });

  it('creates a user, and refuses a duplicate with a clear message', () => {
    const args = [
      'users',
      'create',
      '--username',
      'zhang',
      '--name',
      '张三',
      '--password',
      'Zhang-pass-1',
      '--role',
      'operator',
      '--scope',
      'region:990001',
    ];
    const created = run(...args);
    expect(created.code, created.err).toBe(0);
    expect(created.out).toContain('zhang (operator)');
    const again = run(...args);
    expect(again.code).toBe(2);
    expect(again.err).toContain('ALREADY_EXISTS');
  });

  it('verifies the audit chains', () => {
    const result = run('verify-audit');
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('all chains intact');
  });

  it('explains its usage and refuses unknown commands', () => {
    expect(run('help').out).toContain('xiuhua import grids');
    const unknown = run('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command');
  });
});
