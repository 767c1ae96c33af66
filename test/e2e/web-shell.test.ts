import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../src/modules/identity/totp.ts';
import { makeOrg, makeUser, PASSWORD } from '../factories.ts';
import { as, login } from '../http.ts';
import { type BrowserEnv, browserEnv, browserSkipReason, headerBadge, loginInBrowser, newPage } from './browser.ts';

const skip = browserSkipReason();
if (skip) console.warn(skip);

describe.skipIf(!!skip)('web shell in Chromium', () => {
  let env: BrowserEnv;
  let ownOrg: { id: string; code: string; name: string };
  let otherOrg: { id: string; code: string; name: string };

  beforeAll(async () => {
    env = await browserEnv();
    ownOrg = await makeOrg(env.platform, 'member', 'Sở Y tế thử nghiệm');
    otherOrg = await makeOrg(env.platform, 'member', 'Sở Giáo dục thử nghiệm');
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });

  async function screenshot(page: Page, name: string) {
    await page.screenshot({ path: `test-results/${name}.png`, fullPage: false });
  }

  it('logs in with a password and shows the organisation badge', async () => {
    const u = await makeUser(env.platform, ownOrg.id, ['member']);
    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, u.username, PASSWORD);
    await expect.poll(() => headerBadge(page).textContent()).toContain(ownOrg.code);
    await screenshot(page, 'dashboard-vi');
    await page.context().close();
  });

  it('shows a localised error for a wrong password', async () => {
    const u = await makeUser(env.platform, ownOrg.id, ['member']);
    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, u.username, 'definitely-wrong-1');
    await expect
      .poll(() => page.getByTestId('login-error').textContent())
      .toContain('Tên đăng nhập hoặc mật khẩu không đúng');
    await page.context().close();
  });

  it('enrols in MFA, then logs in with a TOTP code', async () => {
    const u = await makeUser(env.platform, ownOrg.id, ['responder']);
    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, u.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.goto(`${env.baseUrl}/profile`);
    await page.getByTestId('mfa-enable-start').click();
    const secret = ((await page.getByTestId('mfa-secret').textContent()) ?? '').replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByTestId('mfa-enable-code').fill(totpCodeAt(secret, new Date()));
    await page.getByTestId('mfa-enable-submit').click();
    await page.getByTestId('recovery-codes').waitFor();
    expect(await page.locator('.recovery-code').count()).toBe(10);
    await screenshot(page, 'mfa-recovery-codes');
    await page.context().close();

    const again = await newPage(env);
    await loginInBrowser(again, env.baseUrl, u.username, PASSWORD);
    await again.getByTestId('mfa-code').waitFor();
    // A code from the next time step: the enrolment code must not be accepted twice.
    await again.getByTestId('mfa-code').fill(totpCodeAt(secret, new Date(Date.now() + 30_000)));
    await again.getByTestId('mfa-submit').click();
    await expect.poll(() => headerBadge(again).textContent()).toContain(ownOrg.code);
    await again.context().close();
  });

  it('switches the language from Vietnamese to English', async () => {
    const u = await makeUser(env.platform, ownOrg.id, ['member']);
    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, u.username, PASSWORD);
    await headerBadge(page).waitFor();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('vi');
    const vi = await page.getByTestId('nav-incidents').textContent();
    await page.getByTestId('user-menu').click();
    await page.getByTestId('lang-switch-en').click();
    await expect.poll(() => page.getByTestId('nav-incidents').textContent()).not.toBe(vi);
    expect(await page.getByTestId('nav-incidents').textContent()).toMatch(/Incidents/);
    await screenshot(page, 'dashboard-en');
    // The choice is stored with the account.
    const me = await env.platform.pool.query('SELECT locale FROM users WHERE id = $1', [u.id]);
    expect(me.rows[0].locale).toBe('en');
    await page.context().close();
  });

  it('a member sees only its own organisation in the registry', async () => {
    const u = await makeUser(env.platform, ownOrg.id, ['member']);
    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, u.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.goto(`${env.baseUrl}/registry`);
    const table = page.getByTestId('org-table');
    await expect.poll(() => table.textContent()).toContain(ownOrg.code);
    expect(await table.textContent()).not.toContain(otherOrg.code);
    await page.context().close();
  });

  it('an admin creates a user who can then log in', async () => {
    const admin = await makeUser(env.platform, ownOrg.id, ['admin']);
    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, admin.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.goto(`${env.baseUrl}/admin/users`);
    await page.getByTestId('users-create').click();
    await page.getByTestId('user-form-username').fill('nguoidung.moi');
    await page.getByTestId('user-form-displayName').fill('Người dùng mới');
    await page.getByTestId('user-form-organisation').click();
    await page.keyboard.type('giao duc');
    await page.locator('.ant-select-item-option').filter({ hasText: otherOrg.code }).first().click();
    await page.getByTestId('user-form-roles').click();
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: /Cán bộ đơn vị/ })
      .first()
      .click();
    await page.keyboard.press('Escape');
    await page.getByTestId('user-form-password').fill('mot-mat-khau-du-dai-9');
    await screenshot(page, 'admin-create-user');
    await page.getByTestId('user-form-submit').click();
    await expect.poll(() => page.getByTestId('user-table').textContent()).toContain('nguoidung.moi');
    const created = await env.platform.pool.query(
      `SELECT u.organisation_id, array_agg(r.role) AS roles FROM users u JOIN user_roles r ON r.user_id = u.id
        WHERE username = 'nguoidung.moi' GROUP BY u.organisation_id`,
    );
    expect(created.rows[0]).toEqual({ organisation_id: otherOrg.id, roles: ['member'] });
    await page.context().close();

    const fresh = await newPage(env);
    await loginInBrowser(fresh, env.baseUrl, 'nguoidung.moi', 'mot-mat-khau-du-dai-9');
    await expect.poll(() => headerBadge(fresh).textContent()).toContain(otherOrg.code);
    await fresh.context().close();
  });

  it('a coordinator merges an organisation into its successor', async () => {
    const home = await makeOrg(env.platform, 'coordinator');
    const coordinator = await makeUser(env.platform, home.id, ['coordinator']);
    const ending = await makeOrg(env.platform, 'locality', 'UBND huyện sáp nhập');
    const successor = await makeOrg(env.platform, 'other', 'UBND thành phố kế thừa');
    const staff = await makeUser(env.platform, ending.id, ['member']);
    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, coordinator.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.goto(`${env.baseUrl}/admin/organisations?q=${ending.code}`);
    await page.getByTestId(`org-row-${ending.code}`).click();
    await page.getByTestId('org-merge').click();
    await page.getByTestId('org-merge-successor').click();
    await page.keyboard.type(successor.code);
    await page.locator('.ant-select-item-option').filter({ hasText: successor.code }).first().click();
    await page.getByTestId('org-merge-date').click();
    await page.keyboard.type('30/06/2025');
    await page.keyboard.press('Enter');
    await page.getByTestId('org-merge-submit').click();
    await expect
      .poll(
        async () =>
          (await env.platform.pool.query('SELECT active FROM organisations WHERE id = $1', [ending.id])).rows[0]
            ?.active,
      )
      .toBe(false);
    const row = await env.platform.pool.query(
      'SELECT valid_to::text AS valid_to, successor_id FROM organisations WHERE id = $1',
      [ending.id],
    );
    expect(row.rows[0]).toEqual({ valid_to: '2025-06-30', successor_id: successor.id });
    const moved = await env.platform.pool.query('SELECT organisation_id FROM users WHERE id = $1', [staff.id]);
    expect(moved.rows[0]?.organisation_id).toBe(successor.id);
    await page.context().close();
  });

  it('an admin requires MFA for a role from the users page', async () => {
    const admin = await makeUser(env.platform, ownOrg.id, ['admin']);
    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, admin.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.goto(`${env.baseUrl}/admin/users`);
    await page.getByTestId('mfa-policy-roles').click();
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: /^Điều phối viên$/ })
      .first()
      .click();
    await page.keyboard.press('Escape');
    await page.getByTestId('mfa-policy-save').click();
    await expect
      .poll(
        async () =>
          (await env.platform.pool.query("SELECT value FROM settings WHERE key = 'mfa_required_roles'")).rows[0]?.value,
      )
      .toBe('coordinator');
    await env.platform.pool.query("DELETE FROM settings WHERE key = 'mfa_required_roles'");
    await page.context().close();
  });

  it("an admin revokes another user's API token", async () => {
    const admin = await makeUser(env.platform, ownOrg.id, ['admin']);
    const holder = await makeUser(env.platform, ownOrg.id, ['member']);
    const session = await login(env.app, holder.username, PASSWORD);
    const created = await as(env.app, session)('POST', '/api/me/tokens', { name: 'SIEM connector', scopes: ['read'] });
    const token = created.json<{ token: string }>().token;
    const bearer = { authorization: `Bearer ${token}` };
    expect((await env.app.inject({ method: 'GET', url: '/api/me', headers: bearer })).statusCode).toBe(200);
    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, admin.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.goto(`${env.baseUrl}/admin/users?q=${holder.username}`);
    await page.getByTestId(`user-row-${holder.username}`).getByTestId('user-row-access').click();
    await expect.poll(() => page.getByTestId('user-access-tokens').textContent()).toContain('SIEM connector');
    await page.getByTestId('user-access-revoke-token').click();
    await expect
      .poll(async () => (await env.app.inject({ method: 'GET', url: '/api/me', headers: bearer })).statusCode)
      .toBe(401);
    await page.context().close();
  });
});
