import { mkdirSync } from 'node:fs';
import { dispatchOutbox } from '@xiuhua/core';
import { TEST_PASSWORD, type Session } from '@xiuhua/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserWorld, type BrowserWorld } from './browser';

const SHOTS = 'test-results/console';

type AuditRow = {
  id: number;
  actor: { id: number } | null;
  action: string;
  entity: string;
  entityId: string | null;
  detail: Record<string, unknown>;
};

/**
 * The organisation-and-access administration pages in Chromium (1280 px): departments, users and
 * roles, API tokens, webhooks and the audit log, driven through the UI as an administrator and
 * checked through the API; a commander gets read-only views.
 */
describe('console administration: organisation and access', () => {
  let world: BrowserWorld;
  let page: Page;
  let base = '';
  let admin: Session;
  let deptId = 0;
  let userId = 0;
  let tokenId = 0;
  let hookId = 0;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    world = await startBrowserWorld({ desktop: true });
    ({ page, base } = world);
    await world.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    admin = await world.t.loginAs({ roles: ['admin'] });
  }, 120_000);

  afterAll(async () => {
    await world?.close();
  });

  const get = async <T>(url: string) => {
    const res = await admin.request({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };

  /** UI waits: generous, as the machine may be busy (no sleeps: polls until true). */
  const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });
  /** Dialogs fade out: wait until none is on screen (before screenshots). */
  const noDialog = () => poll(() => page.locator('.el-overlay:visible').count()).toBe(0);
  async function loginAs(who: Session) {
    await page.goto(`${base}/#/login`);
    await page.getByTestId('username').fill(who.username);
    await page.getByTestId('password').fill(TEST_PASSWORD);
    await page.getByTestId('login').click();
    await page.getByTestId('login').waitFor({ state: 'detached' });
    await page.getByTestId('who').waitFor();
  }

  async function openAdminPage(path: string, title: string) {
    await page.getByTestId('nav-admin').click();
    await page.getByTestId(`admin-nav-${path}`).click();
    await poll(() => page.getByTestId('page-title').textContent()).toBe(title);
  }

  const focused = () =>
    page.evaluate<string | null>("document.activeElement?.getAttribute('data-testid') ?? null");
  const pick = (name: string) => page.getByRole('option', { name, exact: true }).click();

  it('creates a department through the form (Enter submits), and edits it', async () => {
    await loginAs(admin);
    await openAdminPage('organisations', '部门与中心');
    await page.getByTestId('org-create').click();
    await poll(focused).toBe('org-code');
    // Client-side checks first: a bad code is refused before anything is sent.
    await page.getByTestId('org-code').fill('bad code!');
    await page.getByTestId('org-name').fill('端到端测试部门');
    await page.getByTestId('org-name').press('Enter');
    await page.getByText('编码只能包含字母、数字、下划线、点和连字符，最多 40 位').waitFor();
    await page.getByTestId('org-code').fill('e2e-dept');
    await page.getByTestId('org-phone').fill('021-5555');
    await page.getByTestId('org-phone').press('Enter');
    await page.getByTestId('org-name-e2e-dept').waitFor();
    await noDialog();
    await page.screenshot({ path: `${SHOTS}/admin-organisations.png` });

    const orgs = await get<{ items: { id: number; code: string; kind: string; level: string }[] }>(
      '/api/organisations',
    );
    const dept = orgs.items.find((o) => o.code === 'e2e-dept');
    expect(dept).toMatchObject({ kind: 'department', level: 'first' });
    deptId = dept?.id ?? 0;

    await page.getByTestId('org-edit-e2e-dept').click();
    await poll(focused).toBe('org-code');
    await page.getByTestId('org-name').fill('端到端测试处置部门');
    await page.getByTestId('org-submit').click();
    await poll(() => page.getByTestId('org-name-e2e-dept').textContent()).toBe(
      '端到端测试处置部门',
    );
    expect((await get<{ name: string }>(`/api/organisations/${deptId}`)).name).toBe(
      '端到端测试处置部门',
    );
  });

  it('creates a user with two roles in that department, and shows the duplicate username error', async () => {
    await openAdminPage('users', '用户与角色');
    const fillUser = async (roles: string[], department: boolean) => {
      await page.getByTestId('user-create').click();
      await poll(focused).toBe('user-username');
      await page.getByTestId('user-username').fill('e2e_zhang');
      await page.getByTestId('user-display-name').fill('张测试');
      await page.getByTestId('user-password').fill('Passw0rd-e2e');
      await page.getByTestId('user-roles').click();
      for (const role of roles) await pick(role);
      await page.keyboard.press('Escape');
      if (department) {
        await page.getByTestId('user-scope-kind').getByText('部门', { exact: true }).click();
        await page.getByTestId('user-scope-department').click();
        await pick('端到端测试处置部门');
      }
      await page.getByTestId('user-submit').click();
    };

    await fillUser(['专业部门处置人员', '领导（只读）'], true);
    await page.getByTestId('user-e2e_zhang').waitFor();
    const found = await get<{
      items: {
        id: number;
        roles: string[];
        organisationId: number | null;
        scopeKind: string;
        scopeOrganisationId: number | null;
      }[];
    }>('/api/users?q=e2e_zhang');
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({
      roles: ['department_handler', 'leader'],
      organisationId: deptId,
      scopeKind: 'department',
      scopeOrganisationId: deptId,
    });
    expect(JSON.stringify(found)).not.toMatch(/password|scrypt/i);
    userId = found.items[0]?.id ?? 0;
    // Role names are localised in the list.
    const table = page.getByTestId('user-table');
    await table.getByText('专业部门处置人员', { exact: true }).first().waitFor();

    // The same username again: the server's 409 message appears in the dialog.
    await fillUser(['受理员'], false);
    await poll(() => page.getByTestId('user-error').textContent()).toContain(
      '用户名已存在：e2e_zhang',
    );
    await page.screenshot({ path: `${SHOTS}/admin-users-duplicate.png` });
    await page.keyboard.press('Escape');
    await page.getByTestId('user-error').waitFor({ state: 'hidden' });

    // The search finds the user by part of the name.
    await page.getByTestId('user-search').fill('张测');
    await page.getByTestId('user-search').press('Enter');
    await poll(() => table.locator('tbody tr').count()).toBe(1);
    await poll(() => table.locator('tbody tr .el-tag').allTextContents()).toEqual([
      '专业部门处置人员',
      '领导（只读）',
      '启用',
    ]);
    await page.screenshot({ path: `${SHOTS}/admin-users.png` });
  });

  it('issues an API token and shows its secret exactly once, with a copy button', async () => {
    await openAdminPage('api-tokens', '接口令牌');
    await page.getByTestId('token-create').click();
    await poll(focused).toBe('token-name');
    await page.getByTestId('token-name').fill('e2e-token');
    await page.getByTestId('token-user').click();
    await page.keyboard.type('e2e_zhang');
    await pick('张测试（e2e_zhang）');
    await page.getByTestId('token-submit').click();

    const secretField = page.getByTestId('secret-value');
    await secretField.waitFor();
    await page.getByText('此密钥只显示这一次').waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^xht/);
    await page.getByTestId('secret-copy').click();
    await poll(() => page.evaluate<string>('navigator.clipboard.readText()')).toBe(secret);
    await page.screenshot({ path: `${SHOTS}/admin-api-tokens-secret.png` });

    const me = await world.t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(me.json()).toMatchObject({ username: 'e2e_zhang', via: 'token' });

    await page.getByTestId('secret-close').click();
    await secretField.waitFor({ state: 'detached' });
    await noDialog();
    expect(await page.content()).not.toContain(secret);
    await poll(() => page.getByTestId('token-prefix-e2e-token').textContent()).toBe(
      `${secret.slice(0, 10)}…`,
    );
    const tokens = await get<{ items: { id: number; name: string }[] }>('/api/api-tokens');
    tokenId = tokens.items.find((x) => x.name === 'e2e-token')?.id ?? 0;
    expect(tokenId).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/admin-api-tokens.png` });
  });

  it('creates a webhook (secret once), deletes it after confirming, and shows stuck deliveries', async () => {
    // Another admin's subscription whose receiver keeps failing: after 30 minutes its delivery
    // of a new case is reported as stuck.
    const other = await world.t.loginAs({ roles: ['admin'] });
    const failing = await other.request({
      method: 'POST',
      url: '/api/webhooks',
      payload: { name: 'e2e-failing', url: 'https://receiver.invalid/hook' },
    });
    expect(failing.statusCode, failing.body).toBe(201);
    const created = await world.w.as.supervisor.request({
      method: 'POST',
      url: '/api/cases',
      payload: { source: 'supervisor', description: '推送积压测试', ...world.w.point },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await dispatchOutbox(world.t.ctx, async () => ({ status: 503 }))).retried).toBe(1);
    world.t.ctx.clock.advanceMinutes(31);

    await openAdminPage('webhooks', '事件订阅');
    await page.getByTestId('webhook-create').click();
    await poll(focused).toBe('webhook-name');
    await page.getByTestId('webhook-name').fill('e2e-hook');
    await page.getByTestId('webhook-url').fill('ftp://example.test/e2e');
    await page.getByTestId('webhook-submit').click();
    await page.getByText('须为 http:// 或 https:// 开头的完整网址').waitFor();
    await page.getByTestId('webhook-url').fill('https://example.test/e2e');
    await page.getByTestId('webhook-events').click();
    await pick('case.created');
    await page.keyboard.press('Escape');
    await page.getByTestId('webhook-submit').click();

    const secret = await page.getByTestId('secret-value').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.getByTestId('secret-close').click();
    await page.getByTestId('webhook-e2e-hook').waitFor();
    const hooks = await get<{ items: { id: number; name: string; eventTypes: string[] }[] }>(
      '/api/webhooks',
    );
    const hook = hooks.items.find((h) => h.name === 'e2e-hook');
    expect(hook?.eventTypes).toEqual(['case.created']);
    hookId = hook?.id ?? 0;
    await noDialog();
    await page.screenshot({ path: `${SHOTS}/admin-webhooks.png` });

    // Cancelling the confirmation keeps it; confirming deletes it.
    await page.getByTestId('webhook-delete-e2e-hook').click();
    await page.locator('.access-confirm-cancel').click();
    await page.locator('.access-confirm-cancel').waitFor({ state: 'hidden' });
    expect(
      (await get<{ items: { id: number; active: boolean }[] }>('/api/webhooks')).items.find(
        (h) => h.id === hookId,
      )?.active,
    ).toBe(true);
    await page.getByTestId('webhook-delete-e2e-hook').click();
    await page.locator('.access-confirm-ok').click();
    await page.getByTestId('webhook-e2e-hook').waitFor({ state: 'detached' });
    expect(
      (await get<{ items: { id: number; active: boolean }[] }>('/api/webhooks')).items.find(
        (h) => h.id === hookId,
      )?.active,
    ).toBe(false);

    await page.getByRole('tab', { name: '投递积压' }).click();
    await page.getByTestId('stuck-failed').getByText('没有积压的投递').waitFor();
    const pending = page.getByTestId('stuck-pending');
    await pending.getByText('HTTP 503').waitFor();
    expect(await pending.locator('tbody tr').first().textContent()).toContain('e2e-failing');
    await page.screenshot({ path: `${SHOTS}/admin-webhooks-stuck.png` });
  });

  it('lists those changes in the audit log, with their detail, and switches to English', async () => {
    const audit = await get<{ items: AuditRow[] }>(`/api/admin/audit?actor=${admin.userId}`);
    const expected: [string, string, number][] = [
      ['organisation', 'create', deptId],
      ['organisation', 'update', deptId],
      ['user', 'create', userId],
      ['api_token', 'create', tokenId],
      ['webhook', 'create', hookId],
      ['webhook', 'disable', hookId],
    ];
    expect(audit.items.map((r) => [r.entity, r.action, Number(r.entityId)])).toEqual(
      expected.reverse(),
    );

    await openAdminPage('audit', '操作日志');
    for (const [entity, action, id] of expected)
      await page.getByTestId(`audit-row-${entity}-${action}-${id}`).waitFor();
    // The user's row opens to its detail JSON.
    const userRow = audit.items.find((r) => r.entity === 'user');
    await page
      .locator('tr', { has: page.getByTestId(`audit-row-user-create-${userId}`) })
      .locator('.el-table__expand-icon')
      .click();
    const detail = page.getByTestId(`audit-detail-${userRow?.id}`);
    await poll(() => detail.textContent()).toContain('"username": "e2e_zhang"');
    expect(await detail.textContent()).toContain('department_handler');
    await page.screenshot({ path: `${SHOTS}/admin-audit.png` });

    // Filtered by object type: the three webhook rows; then by person: this admin's two.
    const rowCount = () =>
      page.getByTestId('audit-table').locator('tbody tr.el-table__row').count();
    await page.getByTestId('audit-entity').click();
    await pick('事件订阅');
    await page.getByTestId('audit-search').click();
    await poll(rowCount).toBe(3);
    await page.getByTestId('audit-actor').click();
    await page.keyboard.type(admin.username);
    await pick(`测试用户 ${admin.username}（${admin.username}）`);
    await page.getByTestId('audit-search').click();
    await poll(rowCount).toBe(2);
    await poll(() => page.url()).toContain(`actor=${admin.userId}`);

    await page.getByTestId('language').click();
    await poll(() => page.getByTestId('page-title').textContent()).toBe('Audit log');
    await page.getByTestId('audit-table').getByText('Webhook', { exact: true }).first().waitFor();
    await page.screenshot({ path: `${SHOTS}/admin-audit-en.png` });
    await page.getByTestId('language').click();
    await poll(() => page.getByTestId('page-title').textContent()).toBe('操作日志');
  });

  it('gives a commander read-only organisation and user pages and nothing else', async () => {
    const commander = await world.t.loginAs({ roles: ['commander'] });
    await loginAs(commander);
    await openAdminPage('organisations', '部门与中心');
    await page.getByTestId('org-name-e2e-dept').waitFor();
    await page.getByText('只读：仅管理员可修改').waitFor();
    expect(await page.getByTestId('org-create').count()).toBe(0);
    expect(await page.getByTestId('org-edit-e2e-dept').count()).toBe(0);
    expect(await page.getByTestId('admin-nav-api-tokens').count()).toBe(0);
    expect(await page.getByTestId('admin-nav-audit').count()).toBe(0);
  });
});
