import { mkdirSync } from 'node:fs';
import { act, TEST_PASSWORD, type CaseWorld, type Session, type TestApp } from '@xiuhua/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildClasses,
  caseAt,
  offset,
  placesOf,
} from '../apps/server/src/http/routes/analytics/analytics-test-world';
import { startBrowserWorld, type BrowserWorld } from './browser';

type CaseOut = { id: number; version: number; caseNumber: string };
type Hotspots = {
  total: number;
  items: { code: string; count: number }[];
  heat: { points: unknown[] };
};
type Trends = { total: { count: number; previous: number; changeRate: number | null } };
type Patterns = { peak: { weekday: number; hour: number; count: number } | null };
type Overdue = {
  items: { departmentId: number; overdue: number; disposals: number; overdueShare: number }[];
};

const SHOTS = 'test-results/analytics';
/** WebGL and MapLibre's 300 kB chunk start slowly on a busy 2-core machine. */
const MAP_READY_MS = 30_000;
const NOVEMBER = 'from=2026-11-01&to=2026-12-01';
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

/**
 * 数据分析 in Chromium (1280 px): a scripted November on the fake clock (as in the analytics route
 * tests), read by the district's commander in December — the hotspot table and heat map against
 * the API, the trend chart and its totals, a recurrence, the weekday × hour peak, an overdue
 * department; once in English.
 */
describe('analytics page in Chromium', () => {
  let world: BrowserWorld;
  let t: TestApp;
  let w: CaseWorld;
  let page: Page;
  let base = '';
  const ids: Record<string, CaseOut> = {};

  async function api<T>(who: Session, url: string) {
    const res = await who.request({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  }

  /** A supervisor's report at `place`, accepted, filed as the world's class and dispatched. */
  async function dispatchedAt(place: { lng: number; lat: number }) {
    let c = (
      await w.as.supervisor.request({
        method: 'POST',
        url: '/api/cases',
        payload: { source: 'supervisor', description: '超期部门测试', ...place },
      })
    ).json<CaseOut>();
    c = await act(w.as.operator, c, 'accept');
    c = await act(w.as.shift_leader, c, 'file', { classId: w.classId, urgency: 'normal' });
    return act(w.as.dispatcher, c, 'dispatch', { departmentIds: [w.departments[0]?.id] });
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    world = await startBrowserWorld({ desktop: true });
    ({ t, w, page, base } = world);
    const [y = 0, z = 0] = await buildClasses(t, ['97701', '97702']);
    const x = w.classId;
    const p = placesOf(w);
    const opened: Record<string, number> = {};
    const open = async (name: string, at: string, place: typeof p.nw, classId: number) => {
      opened[name] = (await caseAt(t, at, { place, classId })).id;
    };
    // North-west grid: class X twice 20 m and 7 days apart (a recurrence), and class Y; all
    // three on a Tuesday between 10 and 11 (the peak).
    await open('R1', '2026-11-03T10:00:00+08:00', p.nw, x);
    await open('R2', '2026-11-10T10:30:00+08:00', offset(p.nw, { north: 20 }), x);
    await open('A', '2026-11-10T10:45:00+08:00', p.nw, y);
    await open('B', '2026-11-12T15:00:00+08:00', p.ne, y);
    await open('C', '2026-11-20T09:00:00+08:00', p.se, x);
    // The previous period (2–31 October): one case, another class.
    await open('OCT', '2026-10-20T14:00:00+08:00', p.ne, z);
    // Monday 23 November 09:00: dispatched with 4 working hours, never finished.
    t.ctx.clock.set('2026-11-23T09:00:00+08:00');
    ids.D = await dispatchedAt(p.sw);
    t.ctx.clock.set('2026-12-02T09:00:00+08:00');
    for (const [name, id] of Object.entries(opened))
      ids[name] = await api<CaseOut>(w.as.commander, `/api/cases/${id}`);
  }, 180_000);

  afterAll(async () => {
    await world?.close();
  });

  const text = async (testId: string) => (await page.getByTestId(testId).textContent()) ?? '';

  async function loginAs(who: Session) {
    await page.goto(`${base}/#/login`);
    await page.getByTestId('username').fill(who.username);
    await page.getByTestId('password').fill(TEST_PASSWORD);
    await page.getByTestId('login').click();
    await page.getByTestId('login').waitFor({ state: 'detached' });
    await page.getByTestId('who').waitFor();
  }

  async function openTab(tab: string, query = '') {
    await page.goto(`${base}/#/analytics?period=custom&${NOVEMBER}&tab=${tab}${query}`);
    await page.getByTestId(`${tab}-state`).waitFor();
    await poll(() => page.getByTestId(`${tab}-state`).getAttribute('data-loading')).toBe('false');
  }

  it('ranks the grids as the API does and draws the heat map', async () => {
    await loginAs(w.as.commander);
    await page.getByTestId('nav-analytics').click();
    await page.getByTestId('page-title').waitFor();
    expect(await text('page-title')).toBe('数据分析');

    await openTab('hotspots');
    const hot = await api<Hotspots>(w.as.commander, `/api/analytics/hotspots?${NOVEMBER}`);
    const p = placesOf(w);
    expect(hot.items.map((i) => [i.code, i.count])).toEqual([
      [p.grid(1), 3],
      [p.grid(2), 1],
      [p.grid(3), 1],
      [p.grid(4), 1],
    ]);
    await page.getByTestId('hotspot-table').waitFor();
    for (const item of hot.items)
      expect(Number(await text(`hotspot-count-${item.code}`)), item.code).toBe(item.count);
    expect(await page.getByTestId('hotspot-summary').getAttribute('data-total')).toBe(
      String(hot.total),
    );

    const map = page.getByTestId('heat-map');
    await expect.poll(() => map.getAttribute('data-ready'), { timeout: MAP_READY_MS }).toBe('true');
    expect(await map.getAttribute('data-layer')).toBe('heatmap');
    await poll(() => map.getAttribute('data-points')).toBe(String(hot.heat.points.length));
    expect(hot.heat.points.length).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/hotspots.png` });

    // A grid opens the case list filtered to it.
    await page.getByTestId(`hotspot-cases-${p.grid(1)}`).click();
    await poll(() => page.url()).toContain(`#/cases?grid=${p.grid(1)}`);
    await page.getByTestId(`case-link-${ids.R1?.caseNumber}`).waitFor();
  });

  it('drills down from a street to its communities', async () => {
    await openTab('hotspots', '&level=street');
    const street = w.district.streets[0]?.code ?? '';
    await page.getByTestId(`hotspot-drill-${street}`).click();
    await poll(() => page.url()).toContain(`region=${street}`);
    expect(page.url()).toContain('level=community');
    const community = w.district.streets[0]?.communities[0]?.code ?? '';
    await poll(() => text(`hotspot-count-${community}`)).toBe('6');
  });

  it('draws the trend with the totals and the change the API reports', async () => {
    await openTab('trends');
    const trends = await api<Trends>(w.as.commander, `/api/analytics/trends?${NOVEMBER}`);
    expect([trends.total.count, trends.total.previous, trends.total.changeRate]).toEqual([6, 1, 5]);
    await poll(() => text('trend-total')).toBe(String(trends.total.count));
    expect(await text('trend-previous')).toBe(String(trends.total.previous));
    expect(await text('trend-total-change')).toContain('▲ 500.0%');
    const chart = page.getByTestId('trend-chart');
    await poll(() => chart.getAttribute('data-ready')).toBe('true');
    expect(await chart.getAttribute('data-total')).toBe('6');
    expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/trends.png` });

    // By source, per week: the series are the sources, named in the page's language.
    await page.getByTestId('trend-group').getByText('按来源').click();
    await poll(() => page.url()).toContain('groupBy=source');
    await page.getByTestId('trend-bucket').getByText('周', { exact: true }).click();
    await poll(() => text('trend-row-supervisor')).toBe('监督员上报');
    expect(page.url()).toContain('bucket=week');
  });

  it('lists the recurrence of one class at one place, with links to its cases', async () => {
    await openTab('recurrence');
    const r1 = ids.R1;
    const r2 = ids.R2;
    if (!r1 || !r2) throw new Error('cases missing');
    await poll(() => text(`recurrence-count-${r1.id}`)).toBe('2');
    expect(await page.getByTestId('recurrence-summary').getAttribute('data-clusters')).toBe('1');
    for (const c of [r1, r2])
      expect(await page.getByTestId(`recurrence-case-${c.id}`).getAttribute('href')).toBe(
        `#/cases/${c.id}`,
      );
    await page.screenshot({ path: `${SHOTS}/recurrence.png` });

    // 5 days apart is too close in time for a week's recurrence: none left.
    await page.getByTestId('recurrence-days').locator('input').fill('5');
    await page.getByTestId('recurrence-days').locator('input').press('Enter');
    await poll(() => page.url()).toContain('days=5');
    await page.getByTestId('recurrence-empty').waitFor();

    await openTab('recurrence');
    await page.getByTestId(`recurrence-case-${r2.id}`).click();
    await poll(() => page.url()).toMatch(new RegExp(`#/cases/${r2.id}$`));
    await page.getByTestId('case-state').waitFor();
  });

  it('shows the server’s refusal of a too-long period, and a quick pick replaces it', async () => {
    await page.goto(`${base}/#/analytics?period=custom&from=2025-01-01&to=2026-12-01&tab=trends`);
    const error = page.getByTestId('trends-error');
    await error.waitFor();
    expect(await error.getAttribute('role')).toBe('alert');
    expect((await error.textContent())?.trim().length).toBeGreaterThan(0);
    await page.getByTestId('period-last7').click();
    await poll(() => page.url()).toContain('period=last7');
    expect(page.url()).not.toContain('from=');
    await page.getByTestId('trend-total').waitFor();
    await error.waitFor({ state: 'detached' });
  });

  it('frames the weekday × hour peak', async () => {
    await openTab('patterns');
    const patterns = await api<Patterns>(w.as.commander, `/api/analytics/patterns?${NOVEMBER}`);
    expect(patterns.peak).toEqual({ weekday: 1, hour: 10, count: 3 });
    const peak = page.getByTestId('pattern-peak');
    await peak.waitFor();
    expect(await peak.textContent()).toBe('高峰：周二 10:00–11:00，3 件');
    expect([await peak.getAttribute('data-weekday'), await peak.getAttribute('data-hour')]).toEqual(
      ['1', '10'],
    );
    await poll(() => page.getByTestId('pattern-chart').getAttribute('data-ready')).toBe('true');
    await page.screenshot({ path: `${SHOTS}/patterns.png` });
  });

  it('ranks the department whose disposal ran past its deadline', async () => {
    await openTab('overdue');
    const overdue = await api<Overdue>(
      w.as.commander,
      `/api/analytics/overdue-departments?${NOVEMBER}`,
    );
    const department = w.departments[0]?.id ?? 0;
    expect(overdue.items.map((d) => [d.departmentId, d.disposals, d.overdue])).toEqual([
      [department, 1, 1],
    ]);
    await poll(() => text(`overdue-count-${department}`)).toBe('1');
    expect(await text(`overdue-row-${department}`)).toBe('测试处置部门');
    expect(await text(`overdue-share-${department}`)).toBe('100.0%');
    await page.screenshot({ path: `${SHOTS}/overdue.png` });
  });

  it('switches tabs and choices with the keyboard', async () => {
    await openTab('hotspots');
    await page.getByRole('tab', { name: '热点' }).focus();
    await page.keyboard.press('ArrowRight');
    await poll(() => page.url()).toContain('tab=trends');
    await page.getByTestId('trend-total').waitFor();
    await page.getByTestId('trend-group').getByRole('radio', { name: '按类别' }).focus();
    await page.keyboard.press('ArrowRight');
    await poll(() => page.url()).toContain('groupBy=source');
  });

  it('speaks English after a language switch', async () => {
    await openTab('hotspots');
    await page.getByTestId('language').click();
    await poll(() => text('page-title')).toBe('Analytics');
    const tabs = await page
      .getByTestId('analytics-tabs')
      .locator('.el-tabs__item')
      .allTextContents();
    expect(tabs.map((s) => s.trim())).toEqual([
      'Hotspots',
      'Trends',
      'Recurrence',
      'Time patterns',
      'Overdue departments',
    ]);
    await poll(() => text('hotspot-summary')).toBe('6 cases in 4 areas');
    // No Chinese left in the page's own texts (names of grids and classes are data).
    const labels = await page
      .locator('.analytics .head, .analytics .toolbar, .analytics thead, .legend')
      .allTextContents();
    expect(labels.join(' ')).not.toMatch(/[\u4e00-\u9fff]/);
    await expect
      .poll(() => page.getByTestId('heat-map').getAttribute('data-ready'), {
        timeout: MAP_READY_MS,
      })
      .toBe('true');
    await page.screenshot({ path: `${SHOTS}/hotspots-en.png` });

    await page.getByTestId('tab-patterns').click();
    await poll(() => text('pattern-peak')).toBe('Peak: Tue 10:00–11:00, 3 cases');
    await page.getByTestId('language').click();
    await poll(() => text('page-title')).toBe('数据分析');
  });
});
