import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDue } from '../../src/modules/notify/commands/deliver-due.ts';
import type { Platform } from '../../src/platform/platform.ts';
import { makeOrg, makeUser, PASSWORD } from '../factories.ts';
import { startSmtpPeer } from '../smtp-peer.ts';
import { type BrowserEnv, browserEnv, browserSkipReason, headerBadge, loginInBrowser, newPage } from './browser.ts';

const skip = browserSkipReason();
if (skip) console.warn(skip);

describe.skipIf(!!skip)('public report form in Chromium', () => {
  let env: BrowserEnv;
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
  let mailing: Platform;

  beforeAll(async () => {
    env = await browserEnv();
    smtp = await startSmtpPeer();
    // Low difficulty keeps the test quick; the real default is about a million hashes.
    env.platform.config.publicIntake = { powBits: 12, reportsPerHour: 100 };
    env.platform.config.baseUrl = env.baseUrl;
    mailing = {
      ...env.platform,
      config: {
        ...env.platform.config,
        mail: { smtpUrl: smtp.url, from: 'CanhGac <canhgac@test.example>', digestHour: 7 },
      },
    };
  }, 60_000);
  afterAll(async () => {
    await env?.close();
    await smtp?.close();
  });

  it('a citizen reports with the challenge, gets the code by e-mail and follows the status page', async () => {
    const page = await newPage(env);
    await page.goto(`${env.baseUrl}/public/report`);
    await page.getByRole('heading', { name: 'Báo cáo sự cố an toàn thông tin mạng' }).waitFor();
    await page.getByTestId('public-name').fill('Trần Thị Bích');
    await page.getByTestId('public-email').fill('bich.tran@nguoidan.test');
    await page.getByTestId('public-title').fill('Trang dịch vụ công hiển thị thông báo đòi tiền chuộc');
    await page.getByTestId('public-description').fill('Mở trang thì thấy thông báo đòi tiền chuộc bằng tiếng Anh.');
    await page.getByTestId('public-system').fill('https://dichvucong.tinh.example');
    await page.getByTestId('public-indicators').fill('198.51.100.23');
    await page.locator('[data-testid="public-pow"][data-state="ready"]').waitFor();
    await page.screenshot({ path: 'docs/guide/public-report-form.png', fullPage: true });
    await page.getByTestId('public-submit').click();
    const shown = page.getByTestId('public-tracking-code');
    await shown.waitFor();
    const code = (await shown.textContent())?.trim() ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);

    await expect
      .poll(
        async () => {
          await deliverDue(mailing);
          return smtp.received.length;
        },
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    const mail = smtp.received.find((m) => m.envelopeTo.includes('bich.tran@nguoidan.test'));
    expect(mail?.mail.subject).toContain(code);
    const text = mail?.mail.text ?? '';
    expect(text).toContain(code);
    expect(text).not.toMatch(/TN-\d{4}/);
    const link = /https?:\/\/\S+\/public\/status\?code=\S+/.exec(text)?.[0];
    expect(link).toBeTruthy();

    await page.goto(link ?? '');
    const state = page.getByTestId('public-status-state');
    await state.waitFor();
    expect(await state.getAttribute('data-state')).toBe('received');
    expect(await state.textContent()).toBe('Đã tiếp nhận');
    await page.getByTestId('public-lang-en').click();
    await expect.poll(() => state.textContent()).toBe('Received');
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).not.toMatch(/TN-\d{4}|amber/i);
    await page.screenshot({ path: 'docs/guide/public-report-status.png' });

    // An unknown code answers with the generic message only.
    await page.getByTestId('public-status-code').fill('ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    await page.getByTestId('public-status-lookup').click();
    await page
      .getByTestId('public-status-error')
      .getByText('No report has this tracking code', { exact: false })
      .waitFor();
    await page.close();
  }, 120_000);

  it('the IR team sees intake per channel on the statistics page', async () => {
    const irOrg = await makeOrg(env.platform, 'coordinator', 'Trung tâm điều phối thử nghiệm');
    const responder = await makeUser(env.platform, irOrg.id, ['responder']);
    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, responder.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.goto(`${env.baseUrl}/incidents/intake-stats`);
    await page.getByTestId('intake-stats').waitFor();
    // The legend and bars are drawn on a canvas; the counters are text.
    await page.getByText('Đang chờ phân loại').waitFor();
    await page.locator('[data-testid="intake-stats"] canvas').first().waitFor();
    await page.screenshot({ path: 'docs/guide/intake-stats.png' });
    await page.close();
  }, 60_000);
});
