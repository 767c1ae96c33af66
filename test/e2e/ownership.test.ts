import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, PASSWORD } from '../factories.ts';
import { as, login } from '../http.ts';
import { type BrowserEnv, browserEnv, browserSkipReason, headerBadge, loginInBrowser, newPage } from './browser.ts';

const skip = browserSkipReason();
if (skip) console.warn(skip);

describe.skipIf(!!skip)('network ownership in Chromium', () => {
  let env: BrowserEnv;

  beforeAll(async () => {
    env = await browserEnv();
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });

  async function screenshot(page: Page, name: string) {
    await page.screenshot({ path: `test-results/${name}.png`, fullPage: false });
  }

  const ownerCodes = (page: Page) => page.getByTestId('ownership-owner-code').allTextContents();

  it('a coordinator adds an agency sub-range and a domain, and the lookup answers agency first, then the ISP', async () => {
    const home = await makeOrg(env.platform, 'coordinator');
    const coordinator = await makeUser(env.platform, home.id, ['coordinator']);
    const isp = await makeOrg(env.platform, 'isp', 'Nhà mạng A thử nghiệm');
    const agency = await makeOrg(env.platform, 'member', 'Sở Khoa học và Công nghệ thử nghiệm');
    const api = as(env.app, await login(env.app, coordinator.username, PASSWORD));
    await api('POST', `/api/organisations/${isp.id}/networks`, { kind: 'range', cidr: '203.0.113.0/24' });

    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, coordinator.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.goto(`${env.baseUrl}/registry`);
    await page.getByTestId(`org-row-${agency.code}`).click();
    const section = page.getByTestId('org-networks');
    await section.scrollIntoViewIfNeeded();
    // Host bits set: the message offers the network form.
    await section.getByTestId('org-networks-value').fill('203.0.113.70/26');
    await section.getByTestId('org-networks-add').click();
    await expect.poll(() => section.getByTestId('org-networks-error').textContent()).toContain('203.0.113.64/26');
    await section.getByTestId('org-networks-value').fill('203.0.113.64/26');
    await section.getByTestId('org-networks-add').click();
    await expect.poll(() => section.getByTestId('network-value').allTextContents()).toEqual(['203.0.113.64/26']);
    await section.getByText('Tên miền', { exact: true }).click();
    await section.getByTestId('org-networks-value').fill('SKHCN.QuangNam.Example');
    await section.getByTestId('org-networks-add').click();
    await expect.poll(() => section.getByTestId('network-value').allTextContents()).toEqual(['skhcn.quangnam.example']);
    await screenshot(page, 'ownership-org-networks-vi');

    await page.goto(`${env.baseUrl}/registry/ownership`);
    await page.getByTestId('ownership-input').locator('input').fill('203.0.113.70');
    await page.getByTestId('ownership-input').locator('input').press('Enter');
    await expect.poll(() => ownerCodes(page)).toEqual([agency.code, isp.code]);
    await screenshot(page, 'ownership-lookup-ip-vi');

    await page.getByTestId('ownership-input').locator('input').fill('hxxps://www.skhcn.quangnam[.]example/dang-nhap');
    await page.getByTestId('ownership-input').locator('input').press('Enter');
    await expect.poll(() => ownerCodes(page)).toEqual([agency.code]);
    await expect.poll(() => page.getByTestId('ownership-answer').textContent()).toContain('www.skhcn.quangnam.example');

    // The header shortcut leads to the same answer.
    await page.getByTestId('header-ownership').click();
    await page.getByTestId('header-ownership-input').locator('input').fill('notskhcn.quangnam.example');
    await page.getByTestId('header-ownership-input').locator('input').press('Enter');
    await expect.poll(() => page.getByTestId('ownership-answer').textContent()).toContain('Không có đơn vị nào');
    await page.context().close();
  });

  it('in English, a bad value gets a clear message', async () => {
    const home = await makeOrg(env.platform, 'coordinator');
    const viewer = await makeUser(env.platform, home.id, ['viewer']);
    await as(env.app, await login(env.app, viewer.username, PASSWORD))('PATCH', '/api/me', { locale: 'en' });
    const page = await newPage(env, 'en-GB');
    await loginInBrowser(page, env.baseUrl, viewer.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.goto(`${env.baseUrl}/registry/ownership?value=${encodeURIComponent('10.0.0.1/8')}`);
    await expect.poll(() => page.getByTestId('ownership-error').textContent()).toContain('the network is 10.0.0.0/8');
    await screenshot(page, 'ownership-lookup-error-en');
    await page.context().close();
  });
});
