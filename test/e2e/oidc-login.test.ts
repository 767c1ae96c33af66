import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTotpSecret, totpCodeAt } from '../../src/modules/identity/totp.ts';
import { encrypt } from '../../src/platform/secrets.ts';
import { makeOrg, makeUser } from '../factories.ts';
import { startIdp, type TestIdp } from '../oidc-idp.ts';
import { type BrowserEnv, browserEnv, browserSkipReason, headerBadge, newPage } from './browser.ts';

const skip = browserSkipReason();
if (skip) console.warn(skip);

describe.skipIf(!!skip)('single sign-on in Chromium through a real OpenID provider', () => {
  let env: BrowserEnv;
  let idp: TestIdp;
  let org: { id: string; code: string };
  let n = 0;

  beforeAll(async () => {
    env = await browserEnv();
    env.platform.config.baseUrl = env.baseUrl;
    idp = await startIdp(`${env.baseUrl}/api/auth/oidc/callback`);
    env.platform.config.oidc = idp.oidcConfig({ label: 'Keycloak Sở' });
    org = await makeOrg(env.platform, 'member', 'Sở Nội vụ thử nghiệm');
  }, 60_000);
  afterAll(async () => {
    await idp?.close();
    await env?.close();
  });

  async function userWithIdpAccount() {
    n += 1;
    const user = await makeUser(env.platform, org.id, ['member']);
    const email = `sso${n}@noivu.test`;
    await env.platform.pool.query('UPDATE users SET email = $2 WHERE id = $1', [user.id, email]);
    const account = idp.add({ sub: `b-${n}`, password: 'mat-khau-idp', email, email_verified: true });
    return { user, account };
  }

  async function signInAtIdp(page: Page, login: string, password: string) {
    await page.locator('#idp-login').fill(login);
    await page.locator('#idp-password').fill(password);
    await page.locator('#idp-submit').click();
  }

  it('logs in with the SSO button through the provider’s login page', async () => {
    const { account } = await userWithIdpAccount();
    const page = await newPage(env);
    await page.goto(`${env.baseUrl}/login`);
    const button = page.getByTestId('login-sso');
    await expect.poll(() => button.textContent()).toContain('Đăng nhập bằng Keycloak Sở');
    await page.screenshot({ path: 'test-results/login-sso-vi.png' });
    await button.click();
    await page.waitForURL((url) => url.origin === idp.issuer);
    await signInAtIdp(page, account.sub, 'mat-khau-idp');
    await expect.poll(() => headerBadge(page).textContent()).toContain(org.code);
    expect(new URL(page.url()).origin).toBe(env.baseUrl);
    await page.context().close();
  });

  it('an unknown user comes back to the login page with a localised message', async () => {
    idp.add({ sub: 'la', password: 'mat-khau-la', email: 'nguoi.la@khac.test', email_verified: true });
    const page = await newPage(env);
    await page.goto(`${env.baseUrl}/login`);
    await page.getByTestId('lang-switch-en').click();
    await expect.poll(() => page.getByTestId('login-sso').textContent()).toContain('Sign in with Keycloak Sở');
    await page.getByTestId('login-sso').click();
    await signInAtIdp(page, 'la', 'mat-khau-la');
    await page.waitForURL(/\/login\?sso_error=unknown_user/);
    await expect
      .poll(() => page.getByTestId('login-error').textContent())
      .toContain('is not linked to any CanhGác user');
    await page.screenshot({ path: 'test-results/login-sso-refused-en.png' });
    await page.context().close();
  });

  it('a user with MFA enters the second factor after the provider', async () => {
    const { user, account } = await userWithIdpAccount();
    const secret = newTotpSecret();
    await env.platform.pool.query('UPDATE users SET mfa_enabled = true, mfa_secret_enc = $2 WHERE id = $1', [
      user.id,
      encrypt(env.platform.keys.totp, secret),
    ]);
    const page = await newPage(env);
    await page.goto(`${env.baseUrl}/login`);
    await page.getByTestId('login-sso').click();
    await signInAtIdp(page, account.sub, 'mat-khau-idp');
    await page.getByTestId('mfa-code').waitFor();
    await page.getByTestId('mfa-code').fill(totpCodeAt(secret, new Date()));
    await page.getByTestId('mfa-submit').click();
    await expect.poll(() => headerBadge(page).textContent()).toContain(org.code);
    await page.context().close();
  });

  it('an unreachable provider is explained, and the password form still works', async () => {
    env.platform.config.oidc = idp.oidcConfig({ issuer: 'http://127.0.0.1:9/none', label: 'Keycloak Sở' });
    try {
      const page = await newPage(env);
      await page.goto(`${env.baseUrl}/login`);
      await page.getByTestId('login-sso').click();
      await page.waitForURL(/sso_error=idp_unreachable/);
      await expect
        .poll(() => page.getByTestId('login-error').textContent())
        .toContain('Hiện không kết nối được máy chủ định danh');
      await page.getByTestId('login-username').waitFor();
      await page.context().close();
    } finally {
      env.platform.config.oidc = idp.oidcConfig({ label: 'Keycloak Sở' });
    }
  });
});
