import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../src/modules/constituency/commands/save-contact.ts';
import { systemCtx } from '../../src/platform/actor.ts';
import { makeContact, makeOrg, makeUser, PASSWORD } from '../factories.ts';
import { as, login } from '../http.ts';
import { CONTACT, type PortalServer, startPortalServer } from '../portal-server.ts';
import { type BrowserEnv, browserEnv, browserSkipReason, headerBadge, loginInBrowser, newPage } from './browser.ts';

const skip = browserSkipReason();
if (skip) console.warn(skip);

describe.skipIf(!!skip)('contact publication in Chromium', () => {
  let env: BrowserEnv;
  let server: PortalServer;

  beforeAll(async () => {
    env = await browserEnv();
    env.platform.config.fetchAllow = ['127.0.0.1/32'];
    server = await startPortalServer();
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await env?.close();
  });

  async function screenshot(page: Page, name: string) {
    await page.screenshot({ path: `test-results/${name}.png`, fullPage: false });
  }

  it('a member confirms their contact and sees the new "last confirmed"', async () => {
    const org = await makeOrg(env.platform, 'member', 'Sở Thông tin thử nghiệm');
    env.clock.set(new Date('2026-05-04T03:05:00Z'));
    await makeContact(env.platform, org.id);
    const u = await makeUser(env.platform, org.id, ['member']);
    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, u.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.goto(`${env.baseUrl}/registry`);
    await page.getByTestId(`org-row-${org.code}`).click();
    const card = page.getByTestId('contact-card');
    // created by the system: confirmed at creation, by no user
    await expect.poll(() => card.getByTestId('contact-confirmed-at').textContent()).toBe('04/05/2026 10:05');
    // later the same day (a jump past the 12-hour idle timeout would end the session)
    env.clock.set(new Date('2026-05-04T08:30:00Z'));
    await card.getByTestId('contact-confirm').click();
    // 15:30 in Asia/Ho_Chi_Minh
    await expect.poll(() => card.getByTestId('contact-confirmed-at').textContent()).toBe('04/05/2026 15:30');
    await screenshot(page, 'publication-confirm-vi');
    const row = await env.platform.pool.query('SELECT confirmed_by FROM contact_points WHERE organisation_id = $1', [
      org.id,
    ]);
    expect(row.rows[0].confirmed_by).toBe(u.id);
    await page.context().close();
  });

  it('a coordinator checks a portal and sees the result in the drawer and the overview', async () => {
    const home = await makeOrg(env.platform, 'coordinator');
    const coordinator = await makeUser(env.platform, home.id, ['coordinator']);
    const org = await makeOrg(env.platform, 'member', 'Sở Y tế thử nghiệm');
    await createContact(env.platform.db, systemCtx('system:test', env.clock), org.id, {
      personName: 'Trực ban',
      ...CONTACT,
    });
    const api = as(env.app, await login(env.app, coordinator.username, PASSWORD));
    await api('PUT', `/api/organisations/${org.id}/publication/portal`, { url: `${server.base}/obfuscated` });
    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, coordinator.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.goto(`${env.baseUrl}/registry`);
    await page.getByTestId(`org-row-${org.code}`).click();
    const section = page.getByTestId('org-publication');
    await section.getByTestId('publication-check-now').click();
    await expect.poll(() => section.getByTestId('publication-result').first().textContent()).toBe('Đã công bố');
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'publication-drawer-vi');
    await page.goto(`${env.baseUrl}/registry/publication?status=published`);
    await expect.poll(() => page.getByTestId('publication-table').textContent()).toContain(org.code);
    await page.getByTestId('publication-chart').locator('canvas').waitFor();
    await screenshot(page, 'publication-overview-vi');
    await page.context().close();
  });
});
