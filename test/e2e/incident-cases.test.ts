import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/modules/audit/command.ts';
import { createIncident, type NewIncident } from '../../src/modules/incidents/commands/create-incident.ts';
import { systemCtx } from '../../src/platform/actor.ts';
import { makeOrg, makeUser, PASSWORD } from '../factories.ts';
import { type BrowserEnv, browserEnv, browserSkipReason, headerBadge, loginInBrowser, newPage } from './browser.ts';

const skip = browserSkipReason();
if (skip) console.warn(skip);

describe.skipIf(!!skip)('incident cases in Chromium', () => {
  let env: BrowserEnv;
  const seed = (input: Partial<NewIncident> & { organisationId: string }) =>
    runCommand(env.platform.db, systemCtx('system:test', env.clock), (scope) =>
      createIncident(scope, { title: 'Sự cố thử', typeCode: 'malware', ...input }),
    );

  beforeAll(async () => {
    env = await browserEnv();
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });

  it('a responder filters the list, opens an incident and moves it to triage', async () => {
    const home = await makeOrg(env.platform, 'coordinator');
    const org = await makeOrg(env.platform, 'member', 'Sở Giáo dục thử nghiệm');
    const responder = await makeUser(env.platform, home.id, ['responder']);
    await seed({
      organisationId: org.id,
      title: 'Tấn công từ chối dịch vụ cổng Sở Giáo dục',
      typeCode: 'denial-of-service',
      severity: 'high',
    });
    await seed({
      organisationId: org.id,
      title: 'Thư lừa đảo giả mạo lãnh đạo',
      typeCode: 'spoofing',
      severity: 'low',
      tlp: 'green',
    });
    await seed({
      organisationId: org.id,
      title: 'Mã độc mã hoá dữ liệu kế toán',
      typeCode: 'encryption',
      severity: 'critical',
    });

    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, responder.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.goto(`${env.baseUrl}/incidents`);
    await page.getByRole('heading', { name: 'Sự cố' }).waitFor();
    const table = page.getByTestId('incidents-table');
    await table.getByText('Mã độc mã hoá dữ liệu kế toán').waitFor();
    await page.screenshot({ path: 'test-results/incidents-list-vi.png', fullPage: true });

    // Text search without diacritics
    await page.getByTestId('incidents-search').locator('input').fill('tu choi dich vu');
    await page.getByTestId('incidents-apply').click();
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(1);
    await table.getByText('Tấn công từ chối dịch vụ cổng Sở Giáo dục').waitFor();
    expect(page.url()).toContain('q=tu+choi+dich+vu');

    await table.locator('a[data-testid^="incident-link-"]').first().click();
    await page.getByRole('heading', { name: /Tấn công từ chối dịch vụ cổng Sở Giáo dục/ }).waitFor();
    expect(await page.getByTestId('incident-status').first().textContent()).toBe('Mới');
    await page.getByTestId('incident-status-change').click();
    await page.getByTestId('incident-go-triage').click();
    await expect.poll(() => page.getByTestId('incident-status').first().textContent()).toBe('Phân loại');
    await page.screenshot({ path: 'test-results/incident-detail-vi.png', fullPage: true });

    await page.goto(`${env.baseUrl}/incidents/dashboard`);
    await page.getByTestId('incidents-dashboard').waitFor();
    await page.locator('canvas').first().waitFor();
    await page.screenshot({ path: 'test-results/incidents-dashboard-vi.png', fullPage: true });

    // The IR team opens an incident directly.
    await page.goto(`${env.baseUrl}/incidents`);
    await page.getByTestId('incident-new').click();
    await page.getByTestId('incident-new-title').fill('Rò rỉ dữ liệu học sinh <script>alert(1)</script>');
    await page.getByTestId('incident-new-org').click();
    await page.keyboard.type('Sở Giáo dục thử');
    await page.locator('.ant-select-item-option').filter({ hasText: 'Sở Giáo dục thử nghiệm' }).first().click();
    await page.getByTestId('incident-new-type').click();
    await page.keyboard.type('dữ liệu cá nhân');
    await page.locator('.ant-select-item-option').filter({ hasText: 'Lộ lọt dữ liệu cá nhân' }).first().click();
    await page.getByRole('button', { name: 'Đồng ý' }).click();
    await page.getByRole('heading', { name: /Rò rỉ dữ liệu học sinh <script>alert\(1\)<\/script>/ }).waitFor();
    await page.close();
  }, 120_000);

  it("a member sees only their organisation's incidents", async () => {
    const own = await makeOrg(env.platform, 'member', 'Sở Nội vụ thử nghiệm');
    const other = await makeOrg(env.platform, 'member', 'Sở Tài chính thử nghiệm');
    const member = await makeUser(env.platform, own.id, ['member']);
    await seed({ organisationId: own.id, title: 'Sự cố của Sở Nội vụ' });
    const foreign = await seed({ organisationId: other.id, title: 'Sự cố của Sở Tài chính' });

    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, member.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.goto(`${env.baseUrl}/incidents`);
    const table = page.getByTestId('incidents-table');
    await table.getByText('Sự cố của Sở Nội vụ').waitFor();
    expect(await table.getByText('Sự cố của Sở Tài chính').count()).toBe(0);
    await page.goto(`${env.baseUrl}/incidents/${foreign.id}`);
    await page.getByTestId('incident-not-found').waitFor();
    await page.close();
  }, 120_000);

  it('a TLP:RED incident is invisible to a responder not named on it, visible once named', async () => {
    const home = await makeOrg(env.platform, 'coordinator');
    const org = await makeOrg(env.platform, 'member', 'Sở Công thương thử nghiệm');
    const lead = await makeUser(env.platform, home.id, ['responder']);
    const responder = await makeUser(env.platform, home.id, ['responder']);
    const red = await seed({
      organisationId: org.id,
      title: 'Lộ lọt dữ liệu mật (TLP:RED)',
      tlp: 'red',
      leadUserId: lead.id,
    });

    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, responder.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.goto(`${env.baseUrl}/incidents?organisationId=${org.id}`);
    await page.getByTestId('incidents-table').waitFor();
    await page.getByText('Không có sự cố nào khớp bộ lọc.').waitFor();
    await page.goto(`${env.baseUrl}/incidents/${red.id}`);
    await page.getByTestId('incident-not-found').waitFor();

    // The lead names the responder on the incident.
    const leadPage = await newPage(env);
    await loginInBrowser(leadPage, env.baseUrl, lead.username, PASSWORD);
    await headerBadge(leadPage).waitFor();
    await leadPage.goto(`${env.baseUrl}/incidents/${red.id}`);
    await leadPage.getByTestId('incident-members-edit').click();
    const form = leadPage.getByTestId('incident-members-form');
    await form.getByRole('button', { name: 'Thêm người' }).click();
    const userSelect = form.locator('.ant-select').nth(2);
    await userSelect.click();
    await leadPage.keyboard.type(responder.username);
    await leadPage.locator('.ant-select-item-option').filter({ hasText: responder.username }).first().click();
    await leadPage.screenshot({ path: 'test-results/incident-members-vi.png' });
    await leadPage.getByRole('button', { name: 'Đồng ý' }).click();
    await form.waitFor({ state: 'detached' });
    await leadPage.getByTestId('incident-parties').locator('.ant-tag').filter({ hasText: 'Được chỉ định' }).waitFor();
    await leadPage.close();

    await page.goto(`${env.baseUrl}/incidents?organisationId=${org.id}`);
    await page.getByTestId('incidents-table').getByText('Lộ lọt dữ liệu mật (TLP:RED)').waitFor();
    await page.goto(`${env.baseUrl}/incidents/${red.id}`);
    await page.getByRole('heading', { name: /Lộ lọt dữ liệu mật/ }).waitFor();
    expect(await page.getByTestId('incident-tlp').first().textContent()).toBe('TLP:RED');
    await page.close();
  }, 120_000);
});
