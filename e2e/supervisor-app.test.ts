import {
  act,
  openDispatched,
  TEST_PASSWORD,
  tinyJpeg,
  uploadPhoto,
  type CaseWorld,
} from '@xiuhua/testkit';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserWorld, type BrowserWorld } from './browser';

type CaseOut = {
  id: number;
  version: number;
  state: string;
  caseNumber: string;
  reworkCount: number;
};

/**
 * The supervisor app (PWA) in real Chromium on a phone-sized screen with a mocked GPS: reports
 * survive going offline and a reload and are sent exactly once; verify and check tasks are done
 * from the app.
 */
describe('城管通 supervisor app in Chromium', () => {
  let world: BrowserWorld;
  let w: CaseWorld;
  let context: BrowserContext;
  let page: Page;
  let base = '';
  let dropNextCreate = false;
  let dropped = 0;

  beforeAll(async () => {
    world = await startBrowserWorld({
      // Loses the answer to one create call after the server committed it (a dropped connection).
      beforeWorld: (app) =>
        app.app.addHook('onSend', async (request, _reply, payload) => {
          if (dropNextCreate && request.method === 'POST' && request.url === '/api/cases') {
            dropNextCreate = false;
            dropped += 1;
            request.raw.socket.destroy();
          }
          return payload;
        }),
    });
    ({ w, context, page, base } = world);
    await page.goto(`${base}/app/`);
    await page.getByTestId('username').fill(w.as.supervisor.username);
    await page.getByTestId('password').fill(TEST_PASSWORD);
    await page.getByTestId('login').click();
    await page.getByTestId('tab-report').waitFor();
    // Wait until the service worker has cached the shell and controls the page.
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await page.reload();
    await page.waitForFunction('navigator.serviceWorker.controller !== null');
  }, 120_000);

  afterAll(async () => {
    await world?.close();
  });

  const cases = async (q: string) =>
    (
      await w.as.operator.request({ method: 'GET', url: `/api/cases?q=${encodeURIComponent(q)}` })
    ).json<{ items: CaseOut[] }>().items;
  const pendingCount = () => page.getByTestId('pending-count').getAttribute('data-count');

  it('serves the installable shell: /app redirects, manifest and service worker are there', async () => {
    const bare = await fetch(`${base}/app`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([301, '/app/']);
    const manifest = (await (await fetch(`${base}/app/manifest.webmanifest`)).json()) as {
      start_url: string;
      display: string;
    };
    expect(manifest).toMatchObject({ start_url: '/app/', display: 'standalone' });
    const sw = await fetch(`${base}/app/sw.js`);
    expect(sw.headers.get('content-type')).toMatch(/javascript/);
  });

  it('keeps an offline report through a reload and sends it exactly once when back online', async () => {
    await page.getByTestId('tab-report').click();
    await page.getByTestId('position').waitFor();
    const text = `离线上报 ${Date.now()}`;
    await page.getByTestId('description').fill(text);
    await page.getByTestId('photos-before').setInputFiles({
      name: 'scene.jpg',
      mimeType: 'image/jpeg',
      buffer: tinyJpeg(41),
    });
    await context.setOffline(true);
    try {
      await page.getByTestId('submit-report').click();
      await expect.poll(pendingCount).toBe('1');

      await page.reload();
      await expect.poll(pendingCount).toBe('1');
      await expect.poll(() => page.getByTestId('network').textContent()).toContain('离线');
      expect(await cases(text)).toEqual([]);
    } finally {
      await context.setOffline(false);
    }
    await expect.poll(pendingCount, { timeout: 20_000 }).toBe('0');
    const sent = await cases(text);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.state).toBe('PENDING_ACCEPT');
    const photos = await w.as.operator.request({
      method: 'GET',
      url: `/api/cases/${sent[0]?.id}/photos`,
    });
    expect(photos.json<{ items: { kind: string }[] }>().items).toEqual([
      expect.objectContaining({ kind: 'before' }),
    ]);
  });

  it('sends a self-disposal once even when the answer to the create call is lost', async () => {
    dropNextCreate = true;
    try {
      await page.getByTestId('tab-report').click();
      await page.getByTestId('position').waitFor();
      const text = `自行处置 ${Date.now()}`;
      await page.getByTestId('description').fill(text);
      await page.getByTestId('photos-before').setInputFiles({
        name: 'before.jpg',
        mimeType: 'image/jpeg',
        buffer: tinyJpeg(51),
      });
      await page.getByTestId('self-dispose').check();
      await page.getByTestId('photos-after').setInputFiles({
        name: 'after.jpg',
        mimeType: 'image/jpeg',
        buffer: tinyJpeg(52),
      });
      await page.getByTestId('submit-report').click();
      await expect
        .poll(async () => (await cases(text)).map((c) => c.state), { timeout: 20_000 })
        .toEqual(['SELF_DISPOSED_REVIEW']);
      await expect.poll(pendingCount).toBe('0');
      expect(dropped).toBe(1);
    } finally {
      dropNextCreate = false;
    }
  });

  it('finds classes by pinyin initials in the picker', async () => {
    await page.getByTestId('tab-report').click();
    await page.getByTestId('class-search').fill('csbl');
    await page.getByTestId('class-option').first().click();
    await expect
      .poll(() => page.getByTestId('class-chosen').textContent())
      .toContain('测试暴露垃圾');
  });

  it('does a verify task from the inbox', async () => {
    let c = (
      await w.as.operator.request({
        method: 'POST',
        url: '/api/cases',
        payload: { source: 'hotline_12345', description: '市民来电：垃圾未清运', ...w.point },
      })
    ).json<CaseOut>();
    c = await act(w.as.operator, c, 'send_verify');
    await page.getByTestId('tab-history').click();
    await page.getByTestId('tab-tasks').click();
    const task = page.locator(`[data-testid="task"][data-case-number="${c.caseNumber}"]`);
    await task.getByTestId('verify-true').click();
    await expect
      .poll(
        async () =>
          (
            await w.as.operator.request({ method: 'GET', url: `/api/cases/${c.id}` })
          ).json<CaseOut>().state,
      )
      .toBe('PENDING_FILE');
  });

  it('fails a check task from the app and the case goes back to rework', async () => {
    let c = await openDispatched<CaseOut>(w, '待核查的案件');
    expect((await uploadPhoto(w.as.department, c.id, 'after')).statusCode).toBe(201);
    c = await act(w.as.department, c, 'feed_back', { opinion: '已处理' });
    c = await act(w.as.operator, c, 'send_check');
    await page.getByTestId('tab-history').click();
    await page.getByTestId('tab-tasks').click();
    const task = page.locator(`[data-testid="task"][data-case-number="${c.caseNumber}"]`);
    await task.getByTestId('opinion').fill('现场仍有垃圾');
    await task.getByTestId('check-fail').click();
    await expect
      .poll(async () =>
        (await w.as.operator.request({ method: 'GET', url: `/api/cases/${c.id}` })).json<CaseOut>(),
      )
      .toMatchObject({ state: 'DISPOSING', reworkCount: 1 });
  });
});
