import { mkdirSync } from 'node:fs';
import { TEST_PASSWORD, type Session } from '@xiuhua/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserWorld, type BrowserWorld } from './browser';

const SHOTS = 'test-results/console';
type Scheme = {
  formulas: Record<
    string,
    { terms: { key: string; weight: number }[]; minimumSample: { minimum: number } | null }
  >;
  rules: { nullRate: string };
  countTables: Record<string, { classes: Record<string, { min: number; score: number }[]> }>;
};

/** An administrator changes the evaluation scheme in the console: weights, a rule, a sample. */
describe('console administration: the evaluation scheme', () => {
  let world: BrowserWorld;
  let page: Page;
  let admin: Session;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    world = await startBrowserWorld({ desktop: true });
    page = world.page;
    admin = await world.t.loginAs({ roles: ['admin'] });
    await page.goto(`${world.base}/#/login`);
    await page.getByTestId('username').fill(admin.username);
    await page.getByTestId('password').fill(TEST_PASSWORD);
    await page.getByTestId('login').click();
    await page.getByTestId('login').waitFor({ state: 'detached' });
  }, 120_000);

  afterAll(async () => {
    await world?.close();
  });

  const stored = async () =>
    (await admin.request({ method: 'GET', url: '/api/evaluation/scheme' })).json<Scheme>();

  it('refuses weights that do not add up, then saves a valid change (audited)', async () => {
    const before = await stored();
    const [first, second] = before.formulas.department_first?.terms ?? [];
    if (!first || !second) throw new Error('no department terms');
    await page.goto(`${world.base}/#/admin/evaluation-scheme`);
    const weight = (key: string) =>
      page.getByTestId(`weight-department_first-${key}`).locator('input');
    await weight(first.key).fill(String(first.weight + 10));
    await weight(first.key).press('Tab');
    await expect
      .poll(() => page.getByTestId('sum-department_first').textContent())
      .toContain('110');
    await page.getByTestId('scheme-save').click();
    await page.getByTestId('scheme-problems').waitFor();
    expect(await page.getByTestId('scheme-problems').textContent()).toContain('department_first');
    expect((await stored()).formulas.department_first?.terms[0]?.weight).toBe(first.weight);
    await page.screenshot({ path: `${SHOTS}/admin-evaluation-scheme-refused.png` });

    await weight(second.key).fill(String(second.weight - 10));
    await weight(second.key).press('Tab');
    await page.getByTestId('sample-department_first').locator('input').fill('3');
    await page.getByTestId('sample-department_first').locator('input').press('Tab');
    // A region with nine or more filed cases now still earns 20 of the count term's points.
    const band = page.getByTestId('band-region_filed-1-5-score').locator('input');
    await band.fill('20');
    await band.press('Tab');
    await page.getByTestId('null-rule').click();
    await page.getByRole('option', { name: '按零分计', exact: true }).click();
    await page.getByTestId('scheme-save').click();
    await expect
      .poll(async () => (await stored()).formulas.department_first?.terms[0]?.weight)
      .toBe(first.weight + 10);
    const after = await stored();
    expect(after.formulas.department_first?.terms[1]?.weight).toBe(second.weight - 10);
    expect(after.formulas.department_first?.minimumSample?.minimum).toBe(3);
    expect(after.rules.nullRate).toBe('zero');
    expect(after.countTables.region_filed?.classes['1']?.[5]).toEqual({ min: 9, score: 20 });
    const audit = await world.t.ctx.db.kysely
      .selectFrom('admin_audit')
      .select('action')
      .where('entity', '=', 'evaluation_scheme')
      .where('actor_user_id', '=', admin.userId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['put']);
    await page.screenshot({ path: `${SHOTS}/admin-evaluation-scheme.png`, fullPage: true });
  });

  it('speaks English after a language switch', async () => {
    await page.getByTestId('language').click();
    await page.getByRole('heading', { name: 'Evaluation scheme' }).waitFor();
    await page.getByText('Weights per object').waitFor();
    await page.getByTestId('language').click();
    await page.getByRole('heading', { name: '评价方案' }).waitFor();
  });
});
