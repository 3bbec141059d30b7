import { mkdirSync } from 'node:fs';
import {
  buildDistrict,
  latticeGrids,
  TEST_PASSWORD,
  type Session,
  type TestDistrict,
} from '@xiuhua/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserWorld, type BrowserWorld } from './browser';

const SHOTS = 'test-results/console';
/** WebGL and MapLibre's 300 kB chunk start slowly on a busy 2-core machine. */
const MAP_READY_MS = 30_000;
const square = { west: 121.61, south: 31.41, side: 0.01 };

/**
 * Administration of grids, responsibility grids and components through the console in Chromium:
 * a refused grid file shows its problems on the map, a good one is checked and imported, a
 * responsibility grid is set up, components are imported and their status changed; all audited.
 */
describe('console administration: grids and components', () => {
  let world: BrowserWorld;
  let page: Page;
  let base = '';
  let admin: Session;
  let district: TestDistrict;
  let community = '';

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    world = await startBrowserWorld({ desktop: true });
    ({ page, base } = world);
    admin = await world.t.loginAs({ roles: ['admin'] });
    district = await buildDistrict(world.t.ctx.db.kysely, {
      streets: 1,
      communities: 1,
      outline: square,
    });
    community = district.streets[0]?.communities[0]?.code ?? '';
    const classes = await admin.request({
      method: 'POST',
      url: '/api/imports/classes?standard=gbt2026',
      headers: { 'content-type': 'text/csv' },
      payload: 'kind,big_code,big_name,code,name\ncomponent,01,市政公用设施,01002,污水井盖\n',
    });
    expect(classes.statusCode, classes.body).toBe(200);
    await page.goto(`${base}/#/login`);
    await page.getByTestId('username').fill(admin.username);
    await page.getByTestId('password').fill(TEST_PASSWORD);
    await page.getByTestId('login').click();
    await page.getByTestId('login').waitFor({ state: 'detached' });
  }, 120_000);

  afterAll(async () => {
    await world?.close();
  });

  const audited = async (entity: string, action: string) =>
    (
      await world.t.ctx.db.kysely
        .selectFrom('admin_audit')
        .select('id')
        .where('entity', '=', entity)
        .where('action', '=', action)
        .where('actor_user_id', '=', admin.userId)
        .execute()
    ).length;

  const gridFile = (content: unknown, name = 'grids.geojson') => ({
    name,
    mimeType: 'application/geo+json',
    buffer: Buffer.from(JSON.stringify(content)),
  });

  it('refuses a bad grid file, lists its problems and draws them on the map; writes nothing', async () => {
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-nav-grids').click();
    const bad = latticeGrids(square, community, 1);
    const half = latticeGrids({ ...square, side: square.side / 2 }, community, 1).features[0];
    if (!half) throw new Error('no half grid');
    half.properties = { code: `${community}002` };
    bad.features.push(half, {
      ...half,
      properties: { code: '12345' },
    });
    await page.getByTestId('grid-file').setInputFiles(gridFile(bad));
    await page.getByTestId('grid-check').click();
    await expect
      .poll(() => page.getByTestId('grid-report').getAttribute('data-status'))
      .toBe('rejected');
    const problems = await page.getByTestId('grid-problems').textContent();
    expect(problems).toContain('编码无效');
    expect(problems).toContain('重叠');
    await expect
      .poll(async () =>
        Number(await page.getByTestId('grid-import-map').getAttribute('data-problems')),
      )
      .toBeGreaterThanOrEqual(2);
    await expect
      .poll(() => page.getByTestId('grid-import-map').getAttribute('data-ready'), {
        timeout: MAP_READY_MS,
      })
      .toBe('true');
    await page.getByRole('alert').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/admin-grids-rejected.png`, fullPage: true });
    const stored = await admin.request({ method: 'GET', url: `/api/grids?division=${community}` });
    expect(stored.json<{ total: number }>().total).toBe(0);
  });

  it('checks a good grid file without writing, then imports it (audited)', async () => {
    await page
      .getByTestId('grid-file')
      .setInputFiles(gridFile(latticeGrids(square, community, 2), 'good.geojson'));
    await page.getByTestId('grid-check').click();
    await expect
      .poll(() => page.getByTestId('grid-report').getAttribute('data-status'))
      .toBe('valid');
    expect(
      (await admin.request({ method: 'GET', url: `/api/grids?division=${community}` })).json<{
        total: number;
      }>().total,
    ).toBe(0);
    await page.getByTestId('grid-import').click();
    await expect
      .poll(() => page.getByTestId('grid-report').getAttribute('data-status'))
      .toBe('applied');
    expect(
      (await admin.request({ method: 'GET', url: `/api/grids?division=${community}` })).json<{
        total: number;
      }>().total,
    ).toBe(4);
    expect(await audited('unit_grid', 'import')).toBe(1);
    await page.getByTestId('grid-division').fill(community);
    await page.getByTestId('grid-division').press('Enter');
    await expect
      .poll(() => page.getByTestId('grid-list').locator('.el-table__row').count())
      .toBe(4);
    await page.screenshot({ path: `${SHOTS}/admin-grids.png`, fullPage: true });
  });

  it('sets up a responsibility grid, and shows the server refusing an unknown grid', async () => {
    await page.getByTestId('admin-nav-responsibility-grids').click();
    await page.getByTestId('rg-new').click();
    await page.getByTestId('rg-code').fill('RG-E2E');
    await page.getByTestId('rg-name').fill('东片责任网格');
    // A community code is refused in the form: the grid belongs to a district or street.
    await page.getByTestId('rg-division').fill(community);
    await page.getByTestId('rg-save').click();
    await page.getByText('填写区县（6 位）或街道（9 位）编码').waitFor();
    await page.getByTestId('rg-division').fill(district.streets[0]?.code ?? '');
    await page.getByTestId('rg-grids').fill(`${community}001\n${community}999`);
    await page.getByTestId('rg-save').click();
    await page.locator('.el-dialog .el-alert').waitFor();
    expect(await page.locator('.el-dialog .el-alert').textContent()).toContain('999');
    await page.getByTestId('rg-grids').fill(`${community}001, ${community}002`);
    await page.getByTestId('rg-save').click();
    await page.getByTestId('rg-edit-RG-E2E').waitFor();
    expect(await page.getByTestId('rg-list').textContent()).toContain('东片责任网格');
    const grids = await admin.request({
      method: 'GET',
      url: '/api/grids?responsibilityGrid=RG-E2E',
    });
    expect(
      grids
        .json<{ items: { code: string }[] }>()
        .items.map((g) => g.code)
        .sort(),
    ).toEqual([`${community}001`, `${community}002`]);
    expect(await audited('responsibility_grid', 'put')).toBe(1);
    await page.screenshot({ path: `${SHOTS}/admin-responsibility-grids.png` });
  });

  it('imports components with a rejected row listed, and changes a status (audited)', async () => {
    await page.getByTestId('admin-nav-components').click();
    const at = (dx: number) => (square.west + 0.001 + dx).toFixed(6);
    const lat = (square.south + 0.002).toFixed(6);
    const id = `${district.code}01002000001`;
    const csv = [
      'id,name,class_code,status,lng,lat,maintenance_unit',
      `${id},污水井盖1,01002,完好,${at(0)},${lat},道路养护所`,
      `${district.code}01002000002,界外,01002,完好,120.000000,30.000000,`,
    ].join('\n');
    await page
      .getByTestId('component-import-file')
      .setInputFiles({ name: 'components.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('component-import-run').click();
    await expect
      .poll(() => page.getByTestId('component-import-summary').textContent())
      .toContain('已导入 1 条');
    expect(await page.getByTestId('component-import-rejected').textContent()).toContain('3');
    await page.getByTestId(`edit-${id}`).click();
    await page.getByTestId('component-status').click();
    await page.getByRole('option', { name: '破损', exact: true }).click();
    await page.getByTestId('component-save').click();
    await expect.poll(() => page.getByTestId(`status-${id}`).textContent()).toBe('破损');
    const stored = await admin.request({ method: 'GET', url: `/api/components/${id}` });
    expect(stored.json<{ status: string }>().status).toBe('damaged');
    expect(await audited('component', 'update_status')).toBe(1);
    await page.screenshot({ path: `${SHOTS}/admin-components.png`, fullPage: true });
  });

  it('speaks English after a language switch', async () => {
    await page.getByTestId('language').click();
    await page.getByRole('heading', { name: 'Components' }).waitFor();
    await page.getByTestId('admin-nav-grids').click();
    await page.getByRole('heading', { name: 'Unit grids' }).waitFor();
    await page.getByTestId('language').click();
    await page.getByRole('heading', { name: '单元网格' }).waitFor();
  });
});
