import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, PASSWORD } from '../factories.ts';
import { type BrowserEnv, browserEnv, browserSkipReason, headerBadge, loginInBrowser, newPage } from './browser.ts';

const skip = browserSkipReason();
if (skip) console.warn(skip);

describe.skipIf(!!skip)('incident intake in Chromium', () => {
  let env: BrowserEnv;

  beforeAll(async () => {
    env = await browserEnv();
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });

  it('a member reports an incident and is acknowledged; a responder opens it as an incident', async () => {
    const org = await makeOrg(env.platform, 'member', 'Sở Giáo dục thử nghiệm');
    const irOrg = await makeOrg(env.platform, 'coordinator', 'Trung tâm điều phối thử nghiệm');
    const member = await makeUser(env.platform, org.id, ['member']);
    const responder = await makeUser(env.platform, irOrg.id, ['responder']);

    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, member.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.goto(`${env.baseUrl}/incidents/report`);
    await page.getByRole('heading', { name: 'Báo cáo sự cố' }).waitFor();
    await page.getByTestId('report-title').fill('Trang web bị thay đổi giao diện');
    await page
      .getByTestId('report-description')
      .fill('Trang chủ hiển thị nội dung lạ; máy chủ kết nối tới 203.0.113[.]45 và evil-example[.]com');
    await page.getByTestId('report-measures').getByText('Tường lửa (Firewall)').click();
    await page.getByTestId('report-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'docs/guide/incident-report-form.png' });
    await page.getByTestId('report-submit').click();
    const tracking = page.getByTestId('report-tracking-no');
    await tracking.waitFor();
    const trackingNo = /TN-\d{4}-\d{6}/.exec((await tracking.textContent()) ?? '')?.[0];
    expect(trackingNo).toBeTruthy();

    await page.goto(`${env.baseUrl}/notifications`);
    await page.getByText(`Đã tiếp nhận báo cáo sự cố ${trackingNo}`).first().waitFor();
    await page.close();

    const ir = await newPage(env);
    await loginInBrowser(ir, env.baseUrl, responder.username, PASSWORD);
    await headerBadge(ir).waitFor();
    await ir.goto(`${env.baseUrl}/incidents/triage`);
    await ir.getByTestId(`triage-review-${trackingNo}`).click();
    await ir.getByTestId('triage-drawer').waitFor();
    await ir.getByText('ipv4: 203.0.113.45').waitFor();
    await ir.getByTestId('report-extra').getByText('Tường lửa (Firewall)').waitFor();
    await ir.getByTestId('triage-type').click();
    await ir.locator('.ant-select-item-option').first().click();
    await ir.screenshot({ path: 'docs/guide/incident-triage.png' });
    await ir.getByTestId('triage-open').click();
    await expect.poll(() => ir.url(), { timeout: 15_000 }).toMatch(/\/incidents\/[0-9a-f-]{36}$/);
    await ir.close();
  }, 120_000);
});
