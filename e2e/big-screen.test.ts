import { mkdirSync } from 'node:fs';
import { act, openDispatched, TEST_PASSWORD, uploadPhoto, type CaseWorld } from '@xiuhua/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserWorld, type BrowserWorld } from './browser';

const SHOTS = 'test-results/screen';
type CaseOut = { id: number; version: number };

/**
 * The command big screen at 1920×1080 in Chromium: today's numbers, the lights chart, the map and
 * the trend; a case closed through the API shows on the screen within two seconds, pushed by the
 * server (no reload).
 */
describe('command big screen in Chromium', () => {
  let world: BrowserWorld;
  let w: CaseWorld;
  let page: Page;
  let ready: CaseOut;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    world = await startBrowserWorld({ desktop: true });
    w = world.w;
    const context = await world.browser.newContext({
      viewport: { width: 1920, height: 1080 },
      locale: 'zh-CN',
    });
    page = await context.newPage();
    let c = await openDispatched<CaseOut>(w, '大屏测试案件');
    expect((await uploadPhoto(w.as.department, c.id, 'after')).statusCode).toBe(201);
    c = await act(w.as.department, c, 'feed_back', { opinion: '已处理' });
    c = await act(w.as.operator, c, 'send_check');
    ready = await act(w.as.supervisor, c, 'check_pass');
  }, 120_000);

  afterAll(async () => {
    await world?.close();
  });

  const value = (key: string) => page.getByTestId(`kpi-${key}`).getAttribute('data-value');

  it('signs in and shows today’s numbers, charts and the map', async () => {
    await page.goto(`${world.base}/screen/`);
    await page.getByTestId('screen-username').fill(w.as.commander.username);
    await page.getByTestId('screen-password').fill(TEST_PASSWORD);
    await page.getByTestId('screen-login').click();
    await expect.poll(() => value('reported')).toBe('1');
    expect(await value('filed')).toBe('1');
    expect(await value('closed')).toBe('0');
    await expect.poll(() => page.getByTestId('live').getAttribute('data-live')).toBe('true');
    await expect
      .poll(() => page.getByTestId('screen-map').getAttribute('data-ready'), { timeout: 30_000 })
      .toBe('true');
    await expect.poll(() => page.getByTestId('screen-map').getAttribute('data-cases')).toBe('1');
    expect(await page.locator('[data-testid="lights-chart"] canvas').count()).toBe(1);
    expect(await page.locator('[data-testid="trend-chart"] canvas').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/big-screen.png` });
  });

  it('shows a case closed through the API within two seconds, without a reload', async () => {
    await act(w.as.shift_leader, ready, 'close');
    const closedAt = Date.now();
    await expect.poll(() => value('closed'), { timeout: 2000, interval: 50 }).toBe('1');
    const took = Date.now() - closedAt;
    expect(took).toBeLessThan(2000);
    await expect.poll(() => page.getByTestId('screen-map').getAttribute('data-cases')).toBe('0');
    await page.screenshot({ path: `${SHOTS}/big-screen-after-close.png` });
  });

  it('speaks English with ?lang=en', async () => {
    await page.goto(`${world.base}/screen/?lang=en`);
    await page.getByText('Closed today').waitFor();
    await page.getByText('Reported and closed, last 14 days').waitFor();
  });
});
