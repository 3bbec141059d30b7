import { mkdirSync } from 'node:fs';
import {
  act,
  TEST_PASSWORD,
  uploadPhoto,
  type CaseWorld,
  type Session,
  type TestApp,
} from '@xiuhua/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserWorld, type BrowserWorld } from './browser';

type CaseOut = { id: number; version: number };
type Row = { id: string; name: string; rank: number | null; counts: Record<string, number> };
const SHOTS = 'test-results/evaluation';
const NOVEMBER = 'period=2026-11';
/** A busy machine may take a while to answer. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

/**
 * 综合评价 in Chromium (1280 px): a scripted November on the fake clock (as in
 * evaluation.routes.test.ts), read by a commander in December — object types, the score's
 * breakdown, drill-downs as long as their numbers, the Excel link, the printable report with its
 * charts, publishing, and the public results page without a login; once in English.
 */
describe('evaluation pages in Chromium', () => {
  let world: BrowserWorld;
  let t: TestApp;
  let w: CaseWorld;
  let page: Page;
  let base = '';
  const at = (day: number, hhmm: string) =>
    t.ctx.clock.set(`2026-11-${String(day).padStart(2, '0')}T${hhmm}:00+08:00`);

  async function dispatched(department: number, description: string) {
    let c = (
      await w.as.supervisor.request({
        method: 'POST',
        url: '/api/cases',
        payload: { source: 'supervisor', description, ...w.point },
      })
    ).json<CaseOut>();
    c = await act(w.as.operator, c, 'accept');
    c = await act(w.as.shift_leader, c, 'file', { classId: w.classId, urgency: 'normal' });
    return act(w.as.dispatcher, c, 'dispatch', { departmentIds: [department] });
  }
  async function feedBack(c: CaseOut, who: Session) {
    expect((await uploadPhoto(who, c.id, 'after')).statusCode).toBe(201);
    return act(who, c, 'feed_back', { opinion: '已处理' });
  }
  async function checkAndClose(c: CaseOut) {
    c = await act(w.as.operator, c, 'send_check');
    c = await act(w.as.supervisor, c, 'check_pass');
    return act(w.as.shift_leader, c, 'close');
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    world = await startBrowserWorld({
      desktop: true,
      beforeWorld: (app) => app.ctx.clock.set('2026-11-02T08:00:00+08:00'),
    });
    ({ t, w, page, base } = world);
    const d1 = w.departments[0]?.id ?? 0;
    const d2 = w.departments[1]?.id ?? 0;

    // The class allows 4 working hours: dispatched Monday 09:00, due 15:00.
    at(2, '09:00');
    const c1 = await dispatched(d1, 'e1');
    const c2 = await dispatched(d1, 'e2');
    let c3 = await dispatched(d1, 'e3');
    await dispatched(d1, 'e4'); // never fed back: open and overdue
    const c5 = await dispatched(d2, 'e5');
    at(2, '10:00');
    await checkAndClose(await feedBack(c1, w.as.department));
    await checkAndClose(await feedBack(c5, w.as.otherDepartment));
    c3 = await feedBack(c3, w.as.department);
    c3 = await act(w.as.operator, c3, 'send_check');
    c3 = await act(w.as.supervisor, c3, 'check_fail', { opinion: '未清理干净' }); // rework
    at(2, '11:00');
    await checkAndClose(await feedBack(c3, w.as.department));
    at(3, '10:00');
    await checkAndClose(await feedBack(c2, w.as.department)); // late
    t.ctx.clock.set('2026-12-02T09:00:00+08:00');

    // So few cases are ranked only with the minimum sample lowered.
    const admin = await t.loginAs({ roles: ['admin'] });
    const scheme = (await admin.request({ method: 'GET', url: '/api/evaluation/scheme' })).json<{
      formulas: Record<string, { minimumSample: { minimum: number } | null }>;
    }>();
    for (const formula of Object.values(scheme.formulas))
      if (formula.minimumSample) formula.minimumSample.minimum = 1;
    const put = await admin.request({
      method: 'PUT',
      url: '/api/evaluation/scheme',
      payload: scheme,
    });
    expect(put.statusCode, put.body).toBe(204);

    // The browser's "last month" is November too.
    await page.clock.setFixedTime(new Date('2026-12-02T09:00:00+08:00'));
    await page.goto(`${base}/#/login`);
    await page.getByTestId('username').fill(w.as.commander.username);
    await page.getByTestId('password').fill(TEST_PASSWORD);
    await page.getByTestId('login').click();
    await page.getByTestId('who').waitFor();
  }, 180_000);

  afterAll(async () => {
    await world?.close();
  });

  const evaluation = async (objectType: string) => {
    const res = await w.as.commander.request({
      method: 'GET',
      url: `/api/evaluation?objectType=${objectType}&${NOVEMBER}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ rows: Row[] }>().rows;
  };
  const text = async (testId: string) =>
    ((await page.getByTestId(testId).first().textContent()) ?? '').trim();

  /** Waits for running transitions (a dialog fading in) before a screenshot. */
  const settled = () =>
    page.evaluate(
      'Promise.allSettled(document.getAnimations().map((a) => a.finished)).then(() => true)',
    );

  /** Opens a number's drill-down and checks it lists exactly that many cases. */
  async function drillShows(
    button: ReturnType<Page['getByTestId']>,
    expected: number,
    screenshot?: string,
  ) {
    expect(Number((await button.textContent())?.match(/\d+\s*$/)?.[0])).toBe(expected);
    await button.click();
    const dialog = page.locator('.el-dialog[data-testid="drill-dialog"]');
    await dialog.waitFor();
    await poll(() => text('drill-total')).toContain(String(expected));
    await poll(() => dialog.getByTestId('drill-case').count()).toBe(expected);
    if (expected > 0)
      expect(await dialog.getByTestId('drill-case').first().getAttribute('href')).toMatch(
        /^#\/cases\/\d+$/,
      );
    if (screenshot) {
      await settled();
      await page.screenshot({ path: `${SHOTS}/${screenshot}` });
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  }

  it('ranks the streets of last month by default', async () => {
    await page.getByTestId('nav-evaluation').click();
    const street = w.district.streets[0];
    if (!street) throw new Error('no street');
    await page.getByTestId(`row-${street.code}`).waitFor();
    expect(await text('as-of')).toContain('2026-11');
    const [api] = (await evaluation('street')).filter((r) => r.id === street.code);
    expect(await text(`rank-${street.code}`)).toBe(String(api?.rank));
    expect(await text(`count-${street.code}-filed`)).toBe(String(api?.counts.filed));
    await page.screenshot({ path: `${SHOTS}/streets.png`, fullPage: true });

    // A quarter and back: the address carries the choice.
    await page.getByTestId('period-kind-quarter').click();
    await poll(() => page.url()).toContain('period=2026-Q4');
    await page.getByTestId(`row-${street.code}`).waitFor();
    await page.getByTestId('period-kind-month').click();
    await poll(() => page.url()).toContain(NOVEMBER);
  });

  it('switches to departments, expands a score and drills into its numbers', async () => {
    await page.getByTestId('object-kind-department').click();
    await poll(() => page.url()).toContain('objectType=department_first');
    const rows = await evaluation('department_first');
    const d1 = rows.find((r) => r.id === String(w.departments[0]?.id));
    if (!d1) throw new Error('no d1');
    await page.getByTestId(`row-${d1.id}`).waitFor();
    expect(d1.counts).toMatchObject({ filed: 4, overdue_open: 1, rework: 1 });

    // The numbers in the table open their cases.
    for (const indicator of ['filed', 'dispose_due', 'overdue_open'])
      await drillShows(
        page.getByTestId(`count-${d1.id}-${indicator}`),
        d1.counts[indicator] ?? -1,
        indicator === 'dispose_due' ? 'drill.png' : undefined,
      );

    // The score opens how it was made; its numbers open their cases too.
    await page.getByTestId(`score-${d1.id}`).click();
    const breakdown = page.getByTestId(`breakdown-${d1.id}`);
    await breakdown.waitFor();
    expect(await breakdown.getByTestId('term-closing_rate').textContent()).toContain('÷');
    expect(await breakdown.getByTestId('breakdown-total').textContent()).toContain(
      (await text(`score-${d1.id}`)).trim(),
    );
    await page.screenshot({ path: `${SHOTS}/breakdown.png`, fullPage: true });
    await drillShows(
      breakdown.getByTestId('term-count-disposed_on_time').first(),
      d1.counts.disposed_on_time ?? -1,
    );
    await drillShows(breakdown.getByTestId('term-count-rework').first(), d1.counts.rework ?? -1);

    // The keyboard opens a breakdown too.
    const d2 = String(w.departments[1]?.id);
    await page.getByTestId(`score-${d2}`).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId(`breakdown-${d2}`).waitFor();
    expect(await page.getByTestId(`score-${d2}`).getAttribute('aria-expanded')).toBe('true');

    // Positions too.
    await page.getByTestId('object-kind-position').click();
    await poll(() => page.url()).toContain('objectType=supervisor');
    await page.getByTestId(`row-${w.as.supervisor.userId}`).waitFor();
  });

  it('links the Excel report and opens the printable report with its charts', async () => {
    await page.getByTestId('object-kind-region').click();
    const href = await page.getByTestId('download-xlsx').getAttribute('href');
    expect(href).toBe(`/api/evaluation/report.xlsx?${NOVEMBER}`);
    const xlsx = await page.request.get(`${base}${href}`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-disposition']).toContain('evaluation-2026-11.xlsx');

    await page.getByTestId('report-link').click();
    await page.getByTestId('evaluation-report').waitFor();
    expect(await text('report-period')).toContain('2026-11-01');
    await page.locator('[data-testid="chart-street"] canvas').waitFor();
    await page.locator('[data-testid="chart-department_first"] canvas').waitFor();
    await page.screenshot({ path: `${SHOTS}/report.png`, fullPage: true });

    // Printed: no menu, the charts as images.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.top').isVisible()).toBe(false);
    expect(await page.getByTestId('report-print').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="chart-street"] img').isVisible()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/report-print.png`, fullPage: true });
    await page.pdf({ path: `${SHOTS}/report.pdf`, format: 'A4' });
    await page.emulateMedia({ media: 'screen' });
    await page.getByTestId('report-back').click();
    await page.getByTestId('evaluation-table').waitFor();
  });

  it('publishes the month, shown without a login on the public results page', async () => {
    await page.getByTestId('publish-open').click();
    const dialog = page.locator('.el-dialog[data-testid="publish-dialog"]');
    await dialog.waitFor();
    expect(await text('publish-period')).toBe('2026-11');
    await dialog.getByTestId('publish-type-supervisor').click();
    await dialog.getByTestId('publish-submit').click();
    await dialog.getByTestId('publish-done').waitFor();
    await dialog.getByTestId('withdraw-2026-11').waitFor();
    expect(await dialog.getByTestId('public-link').getAttribute('href')).toBe(
      '/citizen/#/results/2026-11',
    );
    await settled();
    await page.screenshot({ path: `${SHOTS}/publish.png` });
    await page.keyboard.press('Escape');

    const citizen = await world.browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
    });
    try {
      const anonymous = await citizen.newPage();
      await anonymous.goto(`${base}/citizen/`);
      await anonymous.getByTestId('results-link').click();
      const streets = anonymous.getByTestId('results-street');
      await streets.waitFor();
      expect(await streets.textContent()).toContain(w.district.streets[0]?.name);
      expect(await anonymous.getByTestId('results-meta').textContent()).toContain('2026-11');
      const departments = await anonymous.getByTestId('results-department_first').textContent();
      expect(departments).toContain('测试处置部门');
      const supervisors = await anonymous.getByTestId('results-supervisor').textContent();
      expect(supervisors).toContain('不公开人员姓名');
      expect(supervisors).not.toContain(w.as.supervisor.username);
      await anonymous.screenshot({ path: `${SHOTS}/public-results.png`, fullPage: true });
    } finally {
      await citizen.close();
    }
  });

  it('reads in English', async () => {
    await page.getByTestId('language').click();
    await poll(() => page.locator('h2').first().textContent()).toBe('Evaluation');
    expect(await page.getByTestId('object-kind-region').textContent()).toContain('Regions');
    const header = (await page.locator('.el-table__header').first().textContent()) ?? '';
    expect(header).toContain('Rank');
    expect(header).toContain('Closings due');
    expect(header).not.toMatch(/[\u4e00-\u9fff]/);
    await page.screenshot({ path: `${SHOTS}/streets-en.png`, fullPage: true });
    await page.getByTestId('language').click();
  });
});
