import { mkdirSync } from 'node:fs';
import { TEST_PASSWORD, type CaseWorld, type Session } from '@xiuhua/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserWorld, type BrowserWorld } from './browser';

const SHOTS = 'test-results/console';
/** WebGL and MapLibre's 300 kB chunk start slowly on a busy 2-core machine. */
const MAP_READY_MS = 30_000;
type CaseOut = { id: number; caseNumber: string };

/**
 * The console map in Chromium (WebGL in headless Chromium, the offline basemap): cases, clusters,
 * grids and supervisors from the map API, click-through from a case and a grid.
 */
describe('console map in Chromium', () => {
  let world: BrowserWorld;
  let w: CaseWorld;
  let page: Page;
  let base = '';
  const cases: CaseOut[] = [];
  let supervisorName = '';

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    world = await startBrowserWorld({ desktop: true });
    ({ w, page, base } = world);
    for (const description of ['地图上的第一件', '地图上的第二件'])
      cases.push(
        (
          await w.as.supervisor.request({
            method: 'POST',
            url: '/api/cases',
            payload: { source: 'supervisor', description, ...w.point },
          })
        ).json<CaseOut>(),
      );
    const now = world.t.ctx.clock.now().getTime();
    supervisorName = (await w.as.supervisor.request({ method: 'GET', url: '/api/auth/me' })).json<{
      displayName: string;
    }>().displayName;
    const points = await w.as.supervisor.request({
      method: 'POST',
      url: '/api/patrol/points',
      payload: {
        points: [2, 1].map((minutes, i) => ({
          at: new Date(now - minutes * 60_000).toISOString(),
          lng: w.point.lng + i * 0.001,
          lat: w.point.lat,
          accuracyM: 5,
        })),
      },
    });
    expect(points.statusCode, points.body).toBeLessThan(300);
  }, 120_000);

  afterAll(async () => {
    await world?.close();
  });

  async function loginAs(who: Session) {
    await page.goto(`${base}/#/login`);
    await page.getByTestId('username').fill(who.username);
    await page.getByTestId('password').fill(TEST_PASSWORD);
    await page.getByTestId('login').click();
    await page.getByTestId('login').waitFor({ state: 'detached' });
  }

  const map = () => page.getByTestId('map');
  const mapNumber = async (name: string) => Number(await map().getAttribute(`data-${name}`));
  const day = () => world.t.ctx.clock.now().toISOString().slice(0, 10);

  async function openMap(z: number) {
    const { lng, lat } = w.point;
    await page.goto(`${base}/#/map?lng=${lng}&lat=${lat}&z=${z}&day=${day()}`);
    await expect
      .poll(() => map().getAttribute('data-ready'), { timeout: MAP_READY_MS })
      .toBe('true');
  }

  it('shows a cluster with its count when zoomed out, and no grids', async () => {
    await loginAs(w.as.operator);
    await openMap(12);
    await expect.poll(() => mapNumber('cases')).toBe(2);
    await page.getByTestId('zoom-hint').waitFor();
    expect(await mapNumber('grids')).toBe(0);
    await expect.poll(() => page.locator('.cluster-count').allTextContents()).toEqual(['2']);
  });

  it('lists the cases and supervisors in view and opens a case from its pin', async () => {
    await openMap(17);
    await expect.poll(() => mapNumber('grids')).toBeGreaterThan(0);
    // The map may refresh more than once while it settles on the view: wait for the last answer.
    await expect.poll(() => mapNumber('cases')).toBe(2);
    for (const c of cases) await page.getByTestId(`map-list-case-${c.caseNumber}`).waitFor();
    await expect
      .poll(() => page.getByTestId('map-supervisors').textContent())
      .toContain(supervisorName);
    await page.screenshot({ path: `${SHOTS}/map.png` });

    const box = await map().boundingBox();
    if (!box) throw new Error('no map box');
    // Both cases stand at the centre of the view; the pin on top opens one of them.
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const link = page.getByTestId('map-case-link');
    await link.waitFor();
    const number = await link.textContent();
    expect(cases.map((c) => c.caseNumber)).toContain(number);
    await link.click();
    await expect.poll(() => page.url()).toMatch(/#\/cases\/\d+$/);
    await page.getByTestId('case-state').waitFor();
    // The case page has its own small map with the grid outline, and a way back to the big one.
    await expect
      .poll(() => page.getByTestId('case-map').getAttribute('data-ready'), {
        timeout: MAP_READY_MS,
      })
      .toBe('true');
    await page.getByTestId('case-open-map').click();
    await expect.poll(() => page.url()).toContain('#/map?lng=');
    await expect.poll(() => mapNumber('cases')).toBe(2);
  });

  it('opens the case list of a grid from the grid, in either colouring', async () => {
    await openMap(17);
    await expect.poll(() => mapNumber('grids')).toBeGreaterThan(0);
    await page.getByText('责任网格', { exact: true }).click();
    const box = await map().boundingBox();
    if (!box) throw new Error('no map box');
    await page.mouse.click(box.x + box.width / 2 + 40, box.y + box.height / 2 + 40);
    const link = page.getByTestId('map-grid-link');
    await link.waitFor();
    await link.click();
    await expect.poll(() => page.url()).toContain('grid=');
    for (const c of cases) await page.getByTestId(`case-link-${c.caseNumber}`).waitFor();
  });

  it('hides layers on request and speaks English after a language switch', async () => {
    await openMap(17);
    await expect.poll(() => mapNumber('grids')).toBeGreaterThan(0);
    await page.getByTestId('layer-grids').click();
    await expect.poll(() => mapNumber('grids')).toBe(0);
    await page.getByTestId('language').click();
    await page.getByRole('heading', { name: 'Layers' }).waitFor();
    await page.getByTestId('language').click();
    await page.getByRole('heading', { name: '图层' }).waitFor();
  });

  it('shows departments no patrol layer', async () => {
    await loginAs(w.as.department);
    await openMap(17);
    await page.getByTestId('layer-cases').waitFor();
    expect(await page.getByTestId('layer-patrols').count()).toBe(0);
  });
});
