import { mkdirSync } from 'node:fs';
import { TEST_PASSWORD, type CaseWorld, type Session } from '@xiuhua/testkit';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserWorld, type BrowserWorld } from './browser';

const SHOTS = 'test-results/console';
/** Waits for a value to settle: longer than expect.poll's 1 s, as the machine may be busy. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });

type ClassOut = {
  id: number;
  code: string;
  name: string;
  rules: { conditionCode: string; urgency: string; limitValue: number; limitUnit: string }[];
};
type RoutingRule = { id: number; classId: number | null; regionCode: string; departmentId: number };

/**
 * The rules administration pages in Chromium (1280 px): class time limits, the responsibility
 * matrix, working calendars with the deadline calculator, key periods and step limits. Every
 * change is checked through the API and in the admin audit log.
 */
describe('console administration: rules and calendars', () => {
  let world: BrowserWorld;
  let w: CaseWorld;
  let page: Page;
  let base = '';
  let admin: Session;
  let cls: ClassOut;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    world = await startBrowserWorld({ desktop: true });
    ({ w, page, base } = world);
    admin = await world.t.loginAs({ roles: ['admin'] });
    cls = (await admin.request({ method: 'GET', url: `/api/classes/${w.classId}` })).json();
    await page.goto(`${base}/#/login`);
    await page.getByTestId('username').fill(admin.username);
    await page.getByTestId('password').fill(TEST_PASSWORD);
    await page.getByTestId('login').click();
    await page.getByTestId('who').waitFor();
  }, 120_000);

  afterEach(async (context) => {
    // What the page showed when a step failed, for the one reading the report.
    if (context.task.result?.state === 'fail')
      await page.screenshot({ path: `${SHOTS}/admin-rules-failure.png`, fullPage: true });
  });

  afterAll(async () => {
    await world?.close();
  });

  /** Admin audit entries written by our admin (there is no audit route to read yet). */
  const audited = (entity: string, action: string, entityId: string) =>
    world.t.ctx.db.kysely
      .selectFrom('admin_audit')
      .select(['actor_user_id', 'detail'])
      .where('entity', '=', entity)
      .where('action', '=', action)
      .where('entity_id', '=', entityId)
      .where('actor_user_id', '=', admin.userId)
      .execute();
  /** The inner input of an ElInputNumber (its data-testid lands on the wrapper). */
  const numberInput = (id: string) =>
    page.locator(`[data-testid="${id}"] input, input[data-testid="${id}"]`).first();
  /** The data-testid around the focused element: dialogs focus their first field once open. */
  const focused = () =>
    page.evaluate(
      "document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? null",
    );
  const get = async <T>(url: string) => (await admin.request({ method: 'GET', url })).json<T>();

  it('changes the time limit of a class for one condition and urgency, and shows a server error', async () => {
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-nav-classes').click();
    await page.getByTestId('class-table').waitFor();
    await page.getByTestId('class-search').fill(cls.code);
    await page.getByTestId('class-search').press('Enter');
    await page.getByTestId(`class-open-${cls.code}`).waitFor();
    await page.screenshot({ path: `${SHOTS}/admin-classes.png`, fullPage: true });

    await page.getByTestId(`class-open-${cls.code}`).click();
    await page.getByTestId('rule-edit-default-normal').click();
    await poll(focused).toBe('rule-filing');
    await numberInput('rule-limit-value').fill('6');
    await page.getByTestId('rule-save').click();
    await poll(() => page.getByTestId('rule-limit-default-normal').textContent()).toContain(
      '6 工作小时',
    );
    const after = await get<ClassOut>(`/api/classes/${cls.id}`);
    expect(
      after.rules.find((r) => r.conditionCode === 'default' && r.urgency === 'normal'),
    ).toMatchObject({ limitValue: 6, limitUnit: 'working_hour' });
    const entries = await audited('case_class', 'put_rule', String(cls.id));
    expect(entries.map((e) => e.detail)).toContainEqual(
      expect.objectContaining({ conditionCode: 'default', urgency: 'normal', limitValue: 6 }),
    );
    await page.screenshot({ path: `${SHOTS}/admin-class-drawer.png`, fullPage: true });
    await page.locator('.el-drawer__close-btn').click();
    await page.getByTestId('rule-table').waitFor({ state: 'hidden' });

    // A local class with the code of an existing one: only the server can tell.
    await page.getByTestId('class-create').click();
    await poll(focused).toBe('new-class-big-code');
    await page.getByTestId('new-class-big-code').fill(cls.code.slice(0, 2));
    await page.getByTestId('new-class-big-name').fill('测试大类');
    await page.getByTestId('new-class-code').fill(cls.code);
    await page.getByTestId('new-class-name').fill('重复的类别');
    await page.getByTestId('new-class-save').click();
    await page.getByTestId('new-class-error').waitFor();
    await poll(() => page.getByTestId('new-class-error').textContent()).toContain(
      `本地类别已存在：${cls.code}`,
    );
    await page.keyboard.press('Escape');
  });

  it('adds a routing rule for a class and a street, then removes it after confirmation', async () => {
    const street = w.district.streets[0];
    const department = w.departments[1];
    if (!street || !department) throw new Error('world without street or department');
    await page.goto(`${base}/#/admin/routing-rules`);
    await page.getByTestId('routing-table').waitFor();
    await page.getByTestId('routing-add').click();
    await poll(focused).toBe('routing-class');
    /** Picks an option; a click on the dialog's title then closes any list left open. */
    const choose = async (select: string, typed: string | null, option: string) => {
      await page.getByTestId(select).click();
      if (typed) await page.keyboard.type(typed);
      await page.getByRole('option', { name: option, exact: true }).click();
      await page.getByTestId('routing-dialog').locator('.el-dialog__title').click();
    };
    await choose('routing-class', cls.code, `${cls.code} ${cls.name}`);
    await choose('routing-region', street.code, `${street.name} ${street.code}`);
    await choose('routing-department', null, '其他部门');
    await page.getByTestId('routing-note').fill('街道专管');
    await page.getByTestId('routing-save').click();
    await page.getByTestId('routing-dialog').waitFor({ state: 'hidden' });

    const match = (r: RoutingRule) =>
      r.classId === cls.id && r.regionCode === street.code && r.departmentId === department.id;
    await poll(async () =>
      (await get<{ items: RoutingRule[] }>('/api/routing-rules')).items.some(match),
    ).toBe(true);
    const rule = (await get<{ items: RoutingRule[] }>('/api/routing-rules')).items.find(match);
    if (!rule) throw new Error('rule not added');
    expect(await audited('routing_rule', 'create', String(rule.id))).toHaveLength(1);
    await page.getByTestId(`routing-rule-${rule.id}`).waitFor();
    await page.screenshot({ path: `${SHOTS}/admin-routing-rules.png`, fullPage: true });

    await page.getByTestId(`routing-remove-${rule.id}`).click();
    await page.locator('.confirm-danger').click();
    await page.getByTestId(`routing-rule-${rule.id}`).waitFor({ state: 'detached' });
    expect((await get<{ items: RoutingRule[] }>('/api/routing-rules')).items.some(match)).toBe(
      false,
    );
    expect(await audited('routing_rule', 'delete', String(rule.id))).toHaveLength(1);
  });

  it('creates a calendar, marks a holiday on it and the deadline calculator moves past it', async () => {
    await page.goto(`${base}/#/admin/calendars`);
    await page.getByTestId('scheme-create').click();
    await poll(focused).toBe('scheme-code');
    await page.getByTestId('scheme-code').fill('std');
    await page.getByTestId('scheme-name').fill('标准作息');
    await page.getByTestId('scheme-default').click();
    await page.getByTestId('scheme-save').click();
    await page.getByTestId('scheme-std').waitFor();
    expect(await audited('timing_scheme', 'create', 'std')).toHaveLength(1);

    await page.goto(`${base}/#/admin/calendars?scheme=std&month=2026-12`);
    const day = page.getByTestId('day-2026-12-10');
    await poll(() => day.getAttribute('data-state')).toBe('working');
    // Wednesday 09:00 + 1 working day → Thursday 09:00 (China time).
    await page.getByTestId('calc-start').fill('2026-12-09T09:00');
    await page.getByTestId('calc-run').click();
    await poll(() => page.getByTestId('calc-result').getAttribute('data-deadline')).toBe(
      '2026-12-10T01:00:00.000Z',
    );

    await day.click();
    await poll(focused).toBe('day-note');
    await page.getByTestId('day-note').fill('测试假日');
    await page.getByTestId('day-holiday').click();
    await poll(() => day.getAttribute('data-state')).toBe('holiday');
    expect(await day.textContent()).toContain('测试假日');
    // Thursday is now a holiday: the same limit ends on Friday 09:00.
    await poll(() => page.getByTestId('calc-result').getAttribute('data-deadline')).toBe(
      '2026-12-11T01:00:00.000Z',
    );
    const days = await get<{ items: { isWorking: boolean; override: boolean; note: string }[] }>(
      '/api/calendars/std/days?from=2026-12-10&to=2026-12-10',
    );
    expect(days.items).toEqual([
      { day: '2026-12-10', isWorking: false, override: true, note: '测试假日' },
    ]);
    const entries = await audited('timing_scheme', 'set_days', 'std');
    expect(entries.map((e) => e.detail)).toContainEqual({
      days: [{ day: '2026-12-10', isWorking: false, note: '测试假日' }],
    });
    await page.screenshot({ path: `${SHOTS}/admin-calendars.png`, fullPage: true });
  });

  it('creates a key period', async () => {
    await page.goto(`${base}/#/admin/key-supervision`);
    await page.getByTestId('period-table').waitFor();
    await page.getByTestId('period-add').click();
    await poll(focused).toBe('period-name');
    await page.getByTestId('period-name').fill('进博会保障');
    await page.getByTestId('period-start').fill('2026-11-05T00:00');
    await page.getByTestId('period-end').fill('2026-11-10T18:00');
    await numberInput('period-factor').fill('0.5');
    await page.getByTestId('period-save').click();
    await page.getByTestId('period-table').getByText('进博会保障', { exact: true }).waitFor();
    const settings = await get<{
      periods: { id: number; name: string; startsAt: string; endsAt: string; factor: number }[];
    }>('/api/key-supervision');
    const period = settings.periods.find((p) => p.name === '进博会保障');
    expect(period).toMatchObject({
      startsAt: '2026-11-04T16:00:00.000Z',
      endsAt: '2026-11-10T10:00:00.000Z',
      factor: 0.5,
    });
    expect(await audited('key_period', 'create', String(period?.id))).toHaveLength(1);
    await page.screenshot({ path: `${SHOTS}/admin-key-supervision.png`, fullPage: true });
  });

  it('changes a step limit, and the page follows the language switch', async () => {
    await page.goto(`${base}/#/admin/sla`);
    await page.getByTestId('step-limit-table').waitFor();
    await page.getByTestId('step-limit-edit-accept-normal').click();
    await poll(focused).toBe('step-limit-value');
    await numberInput('step-limit-value').fill('45');
    await page.getByTestId('step-limit-save').click();
    await poll(() => page.getByTestId('step-limit-accept-normal').textContent()).toBe('45 分钟');
    const settings = await get<{
      stepLimits: { step: string; urgency: string; limitValue: number; limitUnit: string }[];
    }>('/api/sla-settings');
    expect(
      settings.stepLimits.find((s) => s.step === 'accept' && s.urgency === 'normal'),
    ).toMatchObject({ limitValue: 45, limitUnit: 'minute' });
    expect(await audited('step_limit', 'set_step_limit', 'accept:normal')).toHaveLength(1);
    await page.screenshot({ path: `${SHOTS}/admin-sla.png`, fullPage: true });

    expect(await page.getByTestId('page-title').textContent()).toBe('环节时限与督办规则');
    await page.getByTestId('language').click();
    await poll(() => page.getByTestId('page-title').textContent()).toBe(
      'Step limits and supervision rules',
    );
    expect(await page.getByTestId('step-limit-accept-normal').textContent()).toBe('45 minutes');
    await page.screenshot({ path: `${SHOTS}/admin-sla-en.png`, fullPage: true });
    await page.getByTestId('language').click();
    await poll(() => page.getByTestId('page-title').textContent()).toBe('环节时限与督办规则');
  });
});
