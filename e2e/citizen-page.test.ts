import { act, tinyJpeg, uploadPhoto, type CaseWorld, type TestApp } from '@xiuhua/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserWorld, type BrowserWorld } from './browser';

type CaseOut = {
  id: number;
  version: number;
  state: string;
  caseNumber: string;
  reporterName: string | null;
};

/** The citizen page in Chromium on a phone: report with a pin and a photo, follow it, rate it. */
describe('市民随手拍 citizen page in Chromium', () => {
  let world: BrowserWorld;
  let t: TestApp;
  let w: CaseWorld;
  let page: Page;
  let base = '';

  beforeAll(async () => {
    world = await startBrowserWorld();
    ({ t, w, page, base } = world);
  }, 120_000);

  afterAll(async () => {
    await world?.close();
  });

  it('reports anonymously with a located pin and a photo, then follows and rates the result', async () => {
    await page.goto(`${base}/citizen/`);
    await page.getByTestId('report-map').waitFor();
    await page.getByTestId('use-location').click();
    await page.getByTestId('pin').waitFor();
    const text = `人行道护栏倒了 ${Date.now()}`;
    await page.getByTestId('description').fill(text);
    await page.getByTestId('photos').setInputFiles({
      name: 'rail.jpg',
      mimeType: 'image/jpeg',
      buffer: tinyJpeg(77),
    });
    await page.getByTestId('submit').click();
    await page.getByTestId('tracking-code').waitFor();
    const code = ((await page.getByTestId('tracking-code').textContent()) ?? '').replace(/\s/g, '');
    expect(code).toMatch(/^[A-Z2-9]{12}$/);
    await expect.poll(() => page.getByTestId('timeline').textContent()).toContain('已收到反映');

    const found = await w.as.operator.request({
      method: 'GET',
      url: `/api/cases?q=${encodeURIComponent(text)}`,
    });
    let c = found.json<{ items: CaseOut[] }>().items[0] as CaseOut;
    expect(c).toMatchObject({ state: 'PENDING_ACCEPT', reporterName: null });
    const photos = await w.as.operator.request({ method: 'GET', url: `/api/cases/${c.id}/photos` });
    expect(photos.json<{ items: unknown[] }>().items).toHaveLength(1);

    c = await act(w.as.operator, c, 'send_verify');
    c = await act(w.as.supervisor, c, 'verify_true');
    c = await act(w.as.shift_leader, c, 'file', { classId: w.classId, urgency: 'normal' });
    c = await act(w.as.dispatcher, c, 'dispatch', { departmentIds: [w.departments[0]?.id] });
    await uploadPhoto(w.as.department, c.id, 'after');
    c = await act(w.as.department, c, 'feed_back', { opinion: '已扶正护栏' });
    c = await act(w.as.operator, c, 'send_check');
    c = await act(w.as.supervisor, c, 'check_pass');
    await act(w.as.shift_leader, c, 'close');

    // Later, on another visit, with the code typed in.
    await page.goto(`${base}/citizen/`);
    await page.getByTestId('code-input').fill(code.toLowerCase());
    await page.getByTestId('code-input').press('Enter');
    await expect.poll(() => page.getByTestId('state').textContent()).toBe('已结案');
    await page.getByTestId('rate-very_satisfied').check();
    await page.getByTestId('rate-submit').click();
    await page.getByTestId('rated').waitFor();
    const view = await t.app.inject({ method: 'GET', url: `/api/public/reports/${code}` });
    expect(view.json()).toMatchObject({ rating: { score: 100 }, canRate: false });
  });

  it('places the pin where the map is tapped', async () => {
    await page.goto(`${base}/citizen/`);
    const map = page.getByTestId('report-map');
    await map.waitFor();
    await map.click({ position: { x: 195, y: 160 } });
    await expect.poll(() => page.getByTestId('pin').textContent()).toMatch(/^\d+\.\d+, \d+\.\d+$/);
  });
});
