import { mkdirSync } from 'node:fs';
import {
  act,
  openDispatched,
  TEST_PASSWORD,
  tinyJpeg,
  type CaseWorld,
  type Session,
} from '@xiuhua/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserWorld, type BrowserWorld } from './browser';

type CaseOut = {
  id: number;
  version: number;
  state: string;
  caseNumber: string;
  departmentIds: number[];
};
const SHOTS = 'test-results/console';

/**
 * The command-centre console in Chromium (1280 px laptop): the whole loop across roles through the
 * UI, a return and a postponement; screenshots of the main pages go to test-results/console/.
 */
describe('command-centre console in Chromium', () => {
  let world: BrowserWorld;
  let w: CaseWorld;
  let page: Page;
  let base = '';

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    world = await startBrowserWorld({ desktop: true });
    ({ w, page, base } = world);
    const admin = await world.t.loginAs({ roles: ['admin'] });
    const rule = await admin.request({
      method: 'POST',
      url: '/api/routing-rules',
      payload: {
        classId: w.classId,
        regionCode: w.district.code,
        departmentCode: w.departments[0]?.code,
      },
    });
    expect(rule.statusCode, rule.body).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await world?.close();
  });

  async function loginAs(who: Session) {
    await page.goto(`${base}/#/login`);
    await page.getByTestId('username').fill(who.username);
    await page.getByTestId('password').fill(TEST_PASSWORD);
    await page.getByTestId('login').click();
    // Logged in once the login form has gone (the header may still show the previous user).
    await page.getByTestId('login').waitFor({ state: 'detached' });
    await page.getByTestId('who').waitFor();
  }

  async function take(c: { id: number }, action: string, fill?: () => Promise<void>) {
    await page.goto(`${base}/#/cases/${c.id}`);
    await page.getByTestId(`action-${action}`).click();
    await fill?.();
    await page.getByTestId('action-submit').click();
    await page.getByTestId(`action-${action}`).waitFor({ state: 'detached' });
  }

  const stateOf = async (id: number) =>
    (await w.as.operator.request({ method: 'GET', url: `/api/cases/${id}` })).json<CaseOut>();

  it('runs the loop: accept, file, dispatch to the suggested department, feed back with a photo, check, close', async () => {
    const c = (
      await w.as.supervisor.request({
        method: 'POST',
        url: '/api/cases',
        payload: { source: 'supervisor', description: '控制台全流程测试', ...w.point },
      })
    ).json<CaseOut>();

    await loginAs(w.as.operator);
    await page.screenshot({ path: `${SHOTS}/home.png` });
    await page.getByTestId('nav-cases').click();
    await page.getByTestId(`case-link-${c.caseNumber}`).waitFor();
    expect(await page.getByTestId('export-xlsx').getAttribute('href')).toBe(
      '/api/cases/export.xlsx?',
    );
    await page.screenshot({ path: `${SHOTS}/case-list.png` });
    await take(c, 'accept');
    expect((await stateOf(c.id)).state).toBe('PENDING_FILE');

    await loginAs(w.as.shift_leader);
    await take(c, 'file', async () => {
      await page.getByTestId('class-select').click();
      await page.keyboard.type('测试暴露');
      await page.locator('.el-select-dropdown__item', { hasText: '测试暴露垃圾' }).first().click();
      // The choice shows in the field before the form is sent.
      await page
        .locator('[data-testid="class-select"] .el-select__selected-item', {
          hasText: '测试暴露垃圾',
        })
        .waitFor();
    });
    expect((await stateOf(c.id)).state).toBe('PENDING_DISPATCH');

    await loginAs(w.as.dispatcher);
    await page.goto(`${base}/#/cases/${c.id}`);
    await page.getByTestId('action-dispatch').click();
    await expect.poll(() => page.getByTestId('suggestion').textContent()).toContain('测试处置部门');
    await page.getByTestId('action-submit').click();
    await expect
      .poll(async () => (await stateOf(c.id)).departmentIds)
      .toEqual([w.departments[0]?.id]);

    await loginAs(w.as.department);
    await take(c, 'feed_back', async () => {
      await page
        .getByTestId('action-photo')
        .setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: tinyJpeg(90) });
      await page.getByTestId('action-opinion').fill('已清理完毕');
    });
    expect((await stateOf(c.id)).state).toBe('PENDING_CHECK');

    await loginAs(w.as.operator);
    await take(c, 'send_check');
    await loginAs(w.as.supervisor);
    await take(c, 'check_pass');
    await loginAs(w.as.shift_leader);
    await page.goto(`${base}/#/cases/${c.id}`);
    await page.screenshot({ path: `${SHOTS}/case-page.png`, fullPage: true });
    await take(c, 'close');
    expect((await stateOf(c.id)).state).toBe('CLOSED');
    await page.getByTestId('case-state').waitFor();
    expect(await page.getByTestId('case-state').getAttribute('data-state')).toBe('CLOSED');
  });

  it('handles a return to dispatch and an approved postponement through the UI', async () => {
    const first = await openDispatched<CaseOut>(w, '需要回退的案件');
    await loginAs(w.as.department);
    await take(first, 'request_return', async () => {
      await page.getByTestId('action-opinion').fill('不属于本部门职责');
    });
    await loginAs(w.as.dispatcher);
    await take(first, 'approve_return');
    expect((await stateOf(first.id)).state).toBe('PENDING_DISPATCH');

    const second = await openDispatched<CaseOut>(w, '需要延期的案件');
    await loginAs(w.as.department);
    await take(second, 'request_postpone', async () => {
      await page.getByTestId('action-opinion').fill('需采购配件');
    });
    await loginAs(w.as.dispatcher);
    await take(second, 'approve_postpone');
    const after = (
      await w.as.operator.request({ method: 'GET', url: `/api/cases/${second.id}/timeline` })
    ).json<{
      items: { action: string }[];
    }>();
    expect(after.items.map((i) => i.action)).toEqual(
      expect.arrayContaining(['request_postpone', 'approve_postpone']),
    );
    void act;
  });

  it('accepts several cases at once with a bulk action and reports each outcome', async () => {
    const open = async (description: string) =>
      (
        await w.as.supervisor.request({
          method: 'POST',
          url: '/api/cases',
          payload: { source: 'supervisor', description, ...w.point },
        })
      ).json<CaseOut>();
    const cases = [await open('批量受理一'), await open('批量受理二')];
    await loginAs(w.as.operator);
    await page.goto(`${base}/#/cases?state=PENDING_ACCEPT`);
    for (const c of cases) {
      await page.getByTestId(`case-link-${c.caseNumber}`).waitFor();
      await page
        .locator('.el-table__row', { has: page.getByTestId(`case-link-${c.caseNumber}`) })
        .locator('.el-checkbox')
        .click();
    }
    await page.getByTestId('bulk-bar').waitFor();
    await page.getByTestId('bulk-action').click();
    await page.getByRole('option', { name: '受理', exact: true }).click();
    await page.getByTestId('bulk-run').click();
    await expect.poll(() => page.getByTestId('bulk-result').textContent()).toContain('成功 2 件');
    for (const c of cases) expect((await stateOf(c.id)).state).toBe('PENDING_FILE');
  });

  it('shows the hotline order on its case page, with the caller only for operators', async () => {
    const pushed = await w.as.operator.request({
      method: 'POST',
      url: '/api/hotline/orders',
      payload: {
        channel: '12345',
        orderNumber: 'GD-CONSOLE-1',
        appealType: 'complaint',
        callerName: '赵先生',
        content: '楼下垃圾桶满溢',
        receivedAt: '2026-11-23T08:00:00+08:00',
        ...w.point,
      },
    });
    const { caseId } = pushed.json<{ caseId: number }>();
    await loginAs(w.as.operator);
    await page.goto(`${base}/#/cases/${caseId}`);
    await expect.poll(() => page.getByTestId('hotline-panel').textContent()).toContain('赵先生');
    await loginAs(w.as.dispatcher);
    await page.goto(`${base}/#/cases/${caseId}`);
    await expect
      .poll(() => page.getByTestId('hotline-panel').textContent())
      .toContain('GD-CONSOLE-1');
    expect(await page.getByTestId('hotline-panel').textContent()).not.toContain('赵先生');
  });

  it('switches every visible string when the language changes', async () => {
    await loginAs(w.as.operator);
    await page.getByTestId('nav-cases').click();
    await page.getByTestId('case-table').waitFor();
    const chinese = await page.locator('body').innerText();
    await page.getByTestId('language').click();
    await expect.poll(() => page.getByTestId('nav-cases').textContent()).toContain('Cases');
    const english = await page.locator('body').innerText();
    // Only data (descriptions, names, numbers) may stay Chinese: no UI label does.
    for (const label of ['案件列表', '状态', '来源', '查询', '导出 CSV', '工作台', '退出'])
      expect(english, label).not.toContain(label);
    expect(chinese).toContain('案件列表');
    await page.screenshot({ path: `${SHOTS}/case-list-en.png` });
    await page.getByTestId('language').click();
  });
});
