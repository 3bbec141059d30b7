import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createTestApp, type Session, type TestApp } from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const reference = (name: string) =>
  readFileSync(
    fileURLToPath(new URL(`../../../../../../data/reference/${name}`, import.meta.url)),
    'utf8',
  );

type ClassOut = {
  id: number;
  standard: string;
  kind: string;
  code: string;
  name: string;
  keySupervision: boolean;
  rules: {
    conditionCode: string;
    urgency: string;
    limitValue: number;
    limitUnit: string;
    filingCondition: string;
  }[];
};

describe('class catalogue', () => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.loginAs({ roles: ['admin'] });
    const csv = (standard: string, file: string) =>
      admin.request({
        method: 'POST',
        url: `/api/imports/classes?standard=${standard}`,
        headers: { 'content-type': 'text/csv' },
        payload: reference(file),
      });
    const current = await csv('gbt2026', 'gbt47678.5-2026-classes.csv');
    expect(current.statusCode, current.body).toBe(200);
    expect(current.json()).toMatchObject({ imported: 403, rejected: [] });
    const legacy = await csv('legacy', 'legacy-cjt214-classes.csv');
    expect(legacy.json()).toMatchObject({ imported: 137, rejected: [] });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists all 403 GB/T 47678.5-2026 rows and the legacy rows, each with its standard', async () => {
    const reader = await t.loginAs({ roles: ['leader'] });
    const current = (
      await reader.request({ method: 'GET', url: '/api/classes?standard=gbt2026' })
    ).json<{ items: ClassOut[] }>().items;
    expect(current).toHaveLength(403);
    expect(current.filter((c) => c.kind === 'component')).toHaveLength(153);
    expect(current.filter((c) => c.kind === 'matter')).toHaveLength(250);
    expect(current.every((c) => c.standard === 'GB/T 47678.5-2026' && /^\d{5}$/.test(c.code))).toBe(
      true,
    );

    const legacy = (
      await reader.request({ method: 'GET', url: '/api/classes?standard=legacy' })
    ).json<{ items: ClassOut[] }>().items;
    expect(legacy).toHaveLength(137);
    expect(legacy.every((c) => c.standard === 'CJ/T 214-2007' && /^\d{4}$/.test(c.code))).toBe(
      true,
    );

    const all = (await reader.request({ method: 'GET', url: '/api/classes' })).json<{
      total: number;
    }>();
    expect(all.total).toBe(540);
  });

  it('gives every class a normal and an urgent rule with a filing condition and a limit', async () => {
    const items = (await admin.request({ method: 'GET', url: '/api/classes' })).json<{
      items: ClassOut[];
    }>().items;
    for (const c of items) {
      const urgencies = new Set(c.rules.map((r) => r.urgency));
      expect(urgencies, `${c.standard} ${c.code}`).toEqual(new Set(['normal', 'urgent']));
      expect(c.rules.every((r) => r.filingCondition.length > 0 && r.limitValue > 0)).toBe(true);
    }
  });

  it('finds classes by Chinese name and maps legacy manhole covers to the 2026 codes', async () => {
    const found = (
      await admin.request({
        method: 'GET',
        url: `/api/classes?q=${encodeURIComponent('污水井盖')}`,
      })
    ).json<{ items: ClassOut[] }>().items;
    expect(found.map((c) => `${c.standard}:${c.code}`)).toEqual(
      expect.arrayContaining(['GB/T 47678.5-2026:01002', 'CJ/T 214-2007:0102']),
    );
    const mappings = (await admin.request({ method: 'GET', url: '/api/class-mappings' })).json<{
      items: { legacy: { code: string }; current: { code: string } }[];
    }>().items;
    expect(mappings.some((m) => m.legacy.code === '0102' && m.current.code === '01002')).toBe(true);
  });

  it('lets an admin edit a time limit and flag key supervision, and refuses others', async () => {
    const items = (
      await admin.request({ method: 'GET', url: '/api/classes?standard=gbt2026&kind=component' })
    ).json<{ items: ClassOut[] }>().items;
    const target = items[0];
    if (!target) throw new Error('no classes');
    const rule = {
      filingCondition: '路灯不亮',
      closingCondition: '路灯恢复照明',
      limitValue: 6,
      limitUnit: 'working_hour',
    };
    const put = await admin.request({
      method: 'PUT',
      url: `/api/classes/${target.id}/rules/dark/normal`,
      payload: rule,
    });
    expect(put.statusCode).toBe(200);
    expect(put.json<ClassOut>().rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          conditionCode: 'dark',
          urgency: 'normal',
          limitValue: 6,
          limitUnit: 'working_hour',
        }),
      ]),
    );

    const flagged = await admin.request({
      method: 'PATCH',
      url: `/api/classes/${target.id}`,
      payload: { keySupervision: true },
    });
    expect(flagged.json<ClassOut>().keySupervision).toBe(true);

    const badUnit = await admin.request({
      method: 'PUT',
      url: `/api/classes/${target.id}/rules/dark/normal`,
      payload: { ...rule, limitUnit: 'fortnight' },
    });
    expect(badUnit.statusCode).toBe(400);
    expect(badUnit.json()).toMatchObject({ error: { details: [{ field: 'limitUnit' }] } });

    const operator = await t.loginAs({ roles: ['operator'] });
    expect(
      (
        await operator.request({
          method: 'PATCH',
          url: `/api/classes/${target.id}`,
          payload: { keySupervision: false },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('adds a local extension class with default rules and refuses a duplicate', async () => {
    const body = {
      kind: 'matter',
      bigCode: '21',
      bigName: '本地扩展',
      code: '21001',
      name: '共享单车乱停放',
    };
    const created = await admin.request({ method: 'POST', url: '/api/classes', payload: body });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json<ClassOut>()).toMatchObject({ standard: 'local', code: '21001' });
    expect(created.json<ClassOut>().rules.length).toBeGreaterThanOrEqual(2);
    expect(
      (await admin.request({ method: 'POST', url: '/api/classes', payload: body })).statusCode,
    ).toBe(409);
    const mismatch = await admin.request({
      method: 'POST',
      url: '/api/classes',
      payload: { ...body, code: '22001' },
    });
    expect(mismatch.statusCode).toBe(400);
  });

  it('reports bad rows of a class file with their lines', async () => {
    const csv =
      'kind,big_code,big_name,code,name\nmatter,06,市容环境类,0600X,坏代码\nmatter,06,市容环境类,06999,\n';
    const res = await admin.request({
      method: 'POST',
      url: '/api/imports/classes?standard=local&dryRun=true',
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(res.statusCode).toBe(200);
    const rejected = res.json<{ rejected: { line: number }[] }>().rejected;
    expect(rejected.map((r) => r.line).sort()).toEqual([2, 3]);
  });
});
