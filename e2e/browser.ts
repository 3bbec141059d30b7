import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { buildCaseWorld, createTestApp, type TestApp } from '@xiuhua/testkit';
import { chromium, type Browser } from 'playwright-core';

/** The built web app; XIUHUA_WEB_DIST points elsewhere (e.g. a build made in another folder). */
export const WEB_DIST =
  process.env.XIUHUA_WEB_DIST ?? fileURLToPath(new URL('../apps/web/dist/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless; the web build must exist (npm install builds it). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`,
    );
  if (!existsSync(`${WEB_DIST}app/index.html`))
    throw new Error('apps/web/dist is missing: run npm run build -w @xiuhua/web');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

/**
 * A test district served with the built web app on a loopback port, and a phone-sized Chromium
 * context whose GPS says it stands at the world's point.
 */
export async function startBrowserWorld(
  options: { beforeWorld?: (t: TestApp) => void; desktop?: boolean } = {},
) {
  const t = await createTestApp({ webDir: WEB_DIST });
  t.ctx.settings.sessionIdleMinutes = 60 * 24 * 365;
  options.beforeWorld?.(t);
  const w = await buildCaseWorld(t);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  const context = await browser.newContext({
    ...(options.desktop
      ? { viewport: { width: 1280, height: 800 } }
      : { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }),
    locale: 'zh-CN',
    geolocation: { longitude: w.point.lng, latitude: w.point.lat, accuracy: 5 },
    permissions: ['geolocation'],
  });
  const page = await context.newPage();
  return {
    t,
    w,
    base,
    browser,
    context,
    page,
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

export type BrowserWorld = Awaited<ReturnType<typeof startBrowserWorld>>;
