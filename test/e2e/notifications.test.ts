import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/modules/audit/command.ts';
import { deliverDue } from '../../src/modules/notify/commands/deliver-due.ts';
import { notify } from '../../src/modules/notify/commands/notify.ts';
import { systemCtx } from '../../src/platform/actor.ts';
import type { Platform } from '../../src/platform/platform.ts';
import { makeOrg, makeUser, PASSWORD } from '../factories.ts';
import { as, login } from '../http.ts';
import { type BrowserEnv, browserEnv, browserSkipReason, headerBadge, loginInBrowser, newPage } from './browser.ts';

const skip = browserSkipReason();
if (skip) console.warn(skip);

type Delivery = { id: string; status: string; attempts: number; lastError: string | null; httpStatus: number | null };

/** A loopback port nothing listens on: connecting to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.skipIf(!!skip)('notifications in Chromium', () => {
  let env: BrowserEnv;
  let org: { id: string; code: string; name: string };
  let receiver: http.Server;
  let receiverUrl: string;

  beforeAll(async () => {
    env = await browserEnv();
    org = await makeOrg(env.platform, 'member', 'Sở Y tế thử nghiệm');
    // A webhook receiver that always answers 500.
    receiver = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.statusCode = 500;
        res.end('receiver broken');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  }, 60_000);
  afterAll(async () => {
    await env?.close();
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  });

  async function screenshot(page: Page, name: string) {
    await page.screenshot({ path: `test-results/${name}.png`, fullPage: false });
  }

  async function sendInApp(userId: string, title: string, tlp: 'green' | 'amber' | 'red' = 'green') {
    await runCommand(env.platform.db, systemCtx('system:test', env.platform.clock), (scope) =>
      notify(scope, {
        recipients: { userIds: [userId] },
        category: 'incident',
        template: 'system.message',
        data: { title, body: `${title}.\nVui lòng kiểm tra và phản hồi.` },
        tlp,
      }),
    );
  }

  /** Runs the sender until nothing is due, moving the test clock past each backoff. */
  async function deliverUntilSettled(platform: Platform, rounds: number) {
    for (let i = 0; i < rounds; i++) {
      await deliverDue(platform, { webhookTimeoutMs: 2_000 });
      env.clock.advance(7 * 60 * 60_000);
    }
  }

  const bellCount = (page: Page) => page.getByTestId('bell').getAttribute('data-count');
  const switchState = (page: Page, testId: string) => page.getByTestId(testId).getAttribute('aria-checked');

  it('a user changes notification preferences and they persist after reload', async () => {
    const u = await makeUser(env.platform, org.id, ['member']);
    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, u.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.getByTestId('user-menu').click();
    await page.getByTestId('user-menu-notify-preferences').click();
    await page.getByTestId('prefs-table').waitFor();
    // Defaults: e-mail on, no digest.
    expect(await switchState(page, 'pref-email-incident')).toBe('true');
    expect(await switchState(page, 'pref-digest-advisory')).toBe('false');

    await page.getByTestId('pref-email-incident').click();
    await page.getByTestId('pref-digest-advisory').click();
    await page.getByTestId('pref-organisation-intel').click();
    // Without e-mail there is nothing to collect into a digest.
    expect(await page.getByTestId('pref-digest-incident').isDisabled()).toBe(true);
    await screenshot(page, 'notifications-preferences-vi');
    await page.getByTestId('prefs-save').click();
    await expect.poll(() => page.getByTestId('prefs-state').textContent()).toBe('Đã lưu mọi thay đổi.');

    await page.reload();
    await page.getByTestId('prefs-table').waitFor();
    await expect.poll(() => switchState(page, 'pref-email-incident')).toBe('false');
    expect(await switchState(page, 'pref-digest-advisory')).toBe('true');
    expect(await switchState(page, 'pref-organisation-intel')).toBe('false');
    expect(await switchState(page, 'pref-email-vulnerability')).toBe('true');

    // The server holds the same.
    const session = await login(env.app, u.username, PASSWORD);
    const saved = await as(env.app, session)('GET', '/api/me/notification-preferences');
    const items = saved.json<{
      items: { category: string; email: boolean; digest: boolean; organisation: boolean }[];
    }>().items;
    expect(items.find((p) => p.category === 'incident')).toMatchObject({ email: false });
    expect(items.find((p) => p.category === 'advisory')).toMatchObject({ email: true, digest: true });
    expect(items.find((p) => p.category === 'intel')).toMatchObject({ organisation: false });
    await page.context().close();
  });

  it('the bell shows an unread count that drops when notifications are read', async () => {
    const u = await makeUser(env.platform, org.id, ['member']);
    await sendInApp(u.id, 'Cảnh báo sự cố: Sở Y tế', 'amber');
    await sendInApp(u.id, 'Yêu cầu xác nhận phương án ứng cứu', 'red');
    await sendInApp(u.id, 'Bản tin an toàn thông tin tuần', 'green');
    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, u.username, PASSWORD);
    await headerBadge(page).waitFor();
    await expect.poll(() => bellCount(page)).toBe('3');

    await page.getByTestId('bell').click();
    await expect.poll(() => page.getByTestId('bell-item').count()).toBe(3);
    await screenshot(page, 'notifications-bell-vi');
    // Opening an item reads it and shows it on the notifications page.
    await page.getByTestId('bell-item').filter({ hasText: 'Cảnh báo sự cố: Sở Y tế' }).click();
    await expect.poll(() => bellCount(page)).toBe('2');
    await expect.poll(() => page.getByTestId('inbox-body').first().textContent()).toContain('Vui lòng kiểm tra');

    // Acknowledging also reads it, and the time is shown.
    const row = page.locator('.inbox-row').filter({ hasText: 'Yêu cầu xác nhận phương án ứng cứu' });
    await row.getByTestId('inbox-acknowledge').click();
    await expect.poll(() => row.getByTestId('inbox-acknowledged').count()).toBe(1);
    await expect.poll(() => bellCount(page)).toBe('1');
    expect(await row.getByTestId('inbox-acknowledged').textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    await screenshot(page, 'notifications-inbox-vi');

    await page.getByTestId('inbox-filter-unread').click();
    await expect.poll(() => page.locator('.inbox-row').count()).toBe(1);
    await page.getByTestId('inbox-mark-all-read').click();
    await expect.poll(() => bellCount(page)).toBe('0');
    await expect.poll(() => page.locator('.inbox-row').count()).toBe(0);

    const session = await login(env.app, u.username, PASSWORD);
    const inbox = await as(env.app, session)('GET', '/api/me/notifications');
    const items = inbox.json<{ items: { subject: string; readAt: string | null; acknowledgedAt: string | null }[] }>()
      .items;
    expect(items.every((i) => i.readAt !== null)).toBe(true);
    expect(items.filter((i) => i.acknowledgedAt !== null).map((i) => i.subject)).toEqual([
      'Yêu cầu xác nhận phương án ứng cứu',
    ]);
    await page.context().close();
  });

  it('shows the notifications page in English for an English-speaking user', async () => {
    const u = await makeUser(env.platform, org.id, ['member']);
    const session = await login(env.app, u.username, PASSWORD);
    expect((await as(env.app, session)('PATCH', '/api/me', { locale: 'en' })).statusCode).toBe(200);
    await sendInApp(u.id, 'Incident alert: Department of Health', 'amber');
    const page = await newPage(env, 'en-GB');
    await loginInBrowser(page, env.baseUrl, u.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.goto(`${env.baseUrl}/notifications`);
    await expect.poll(() => page.locator('h3').first().textContent()).toBe('My notifications');
    await expect.poll(() => page.getByTestId('inbox-table').textContent()).toContain('Not yet');
    await screenshot(page, 'notifications-inbox-en');
    await page.context().close();
  });

  it("an admin sees a failed e-mail in the outbox and a failing webhook's delivery log", async () => {
    const admin = await makeUser(env.platform, org.id, ['admin']);
    let api = as(env.app, await login(env.app, admin.username, PASSWORD));
    const addresses = await api('PUT', `/api/organisations/${org.id}/notify-addresses`, {
      emails: ['attt@soyte.test.example'],
    });
    expect(addresses.statusCode).toBe(200);
    const created = await api('POST', '/api/admin/webhooks', {
      name: 'SIEM Sở Y tế',
      url: receiverUrl,
      organisationId: org.id,
      categories: ['incident'],
      maxFailures: 50,
    });
    expect(created.statusCode).toBe(200);
    const webhook = created.json<{ item: { id: string } }>().item;
    expect((await api('POST', `/api/admin/webhooks/${webhook.id}/test`)).statusCode).toBe(200);

    await runCommand(env.platform.db, systemCtx('system:test', env.platform.clock), (scope) =>
      notify(scope, {
        recipients: { organisationIds: [org.id] },
        category: 'incident',
        template: 'incident.alert',
        data: { organisation: 'Sở Y tế', summary: 'Máy chủ cổng thông tin bị tấn công.', link: '/notifications' },
        tlp: 'amber',
      }),
    );
    // SMTP is unreachable (a closed loopback port) and the receiver answers 500.
    const unreachable: Platform = {
      ...env.platform,
      config: {
        ...env.platform.config,
        mail: {
          smtpUrl: `smtp://127.0.0.1:${await closedPort()}`,
          from: 'CanhGac <canhgac@test.example>',
          digestHour: 7,
        },
      },
    };
    await deliverUntilSettled(unreachable, 10);
    // The clock moved days ahead: the earlier session has expired.
    api = as(env.app, await login(env.app, admin.username, PASSWORD));

    const failedMail = await api('GET', '/api/admin/notifications/deliveries?channel=email&status=failed');
    const mail = failedMail.json<{ items: (Delivery & { recipient: { address: string } })[] }>().items;
    expect(mail.map((d) => d.recipient.address)).toContain('attt@soyte.test.example');
    const log = await api('GET', `/api/admin/webhooks/${webhook.id}/deliveries`);
    const hooks = log.json<{ items: Delivery[] }>().items;
    expect(hooks.length).toBeGreaterThan(0);
    expect(hooks.every((d) => d.httpStatus === 500)).toBe(true);

    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, admin.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.getByTestId('nav-admin-outbox').click();
    await page.getByTestId('outbox-stuck').waitFor();
    await page.getByTestId('outbox-status').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'Thất bại' }).first().click();
    const failedRow = page.getByTestId(`delivery-row-${mail[0]?.id}`);
    await expect.poll(() => failedRow.textContent()).toContain('attt@soyte.test.example');
    expect(await failedRow.getByTestId('delivery-status-failed').count()).toBe(1);
    expect(await failedRow.textContent()).toContain(mail[0]?.lastError ?? 'no error recorded');
    await screenshot(page, 'notifications-outbox-vi');
    await failedRow.getByTestId('delivery-retry').click();
    await expect
      .poll(async () => {
        const res = await api('GET', '/api/admin/notifications/deliveries?channel=email');
        return res.json<{ items: Delivery[] }>().items.find((d) => d.id === mail[0]?.id)?.status;
      })
      .toBe('queued');

    await page.getByTestId('nav-admin-webhooks').click();
    const webhookRow = page.getByTestId('webhook-row-SIEM Sở Y tế');
    await webhookRow.getByTestId('webhook-log-open').click();
    const logTable = page.getByTestId('webhook-log-table');
    await expect.poll(() => logTable.locator('tbody tr.ant-table-row').count()).toBe(hooks.length);
    expect(await logTable.textContent()).toContain('500');
    expect(await logTable.getByTestId('delivery-status-failed').count()).toBeGreaterThan(0);
    await screenshot(page, 'notifications-webhook-log-vi');
    await page.keyboard.press('Escape');
    await screenshot(page, 'notifications-webhooks-vi');
    await page.context().close();
  });

  it('an admin adds a webhook (secret shown once) and edits the organisation notification addresses', async () => {
    const admin = await makeUser(env.platform, org.id, ['admin']);
    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, admin.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.goto(`${env.baseUrl}/admin/webhooks`);
    await page.getByTestId('webhook-create').click();
    await page.getByTestId('webhook-form-name').fill('Kênh chat trực ban');
    await page.getByTestId('webhook-form-url').fill('ftp://chat.example/hook');
    await page.getByTestId('webhook-form-submit').click();
    await expect
      .poll(() => page.locator('.ant-form-item-explain-error').allTextContents())
      .toContain('URL phải bắt đầu bằng http:// hoặc https:// và không chứa thông tin đăng nhập.');
    await page.getByTestId('webhook-form-url').fill(receiverUrl);
    await screenshot(page, 'notifications-webhook-form-vi');
    await page.getByTestId('webhook-form-submit').click();
    const secret = (await page.getByTestId('webhook-secret').textContent()) ?? '';
    expect(secret.length).toBeGreaterThanOrEqual(32);
    await screenshot(page, 'notifications-webhook-secret-vi');
    await page.getByTestId('webhook-secret-close').click();
    const row = page.getByTestId('webhook-row-Kênh chat trực ban');
    await row.waitFor();
    // The secret is not part of what the list returns.
    expect(await page.getByTestId('webhook-table').textContent()).not.toContain(secret);
    await row.getByTestId('webhook-test').click();
    await row.getByTestId('webhook-log-open').click();
    await expect.poll(() => page.getByTestId('webhook-log-table').textContent()).toContain('Đang chờ gửi');
    await page.keyboard.press('Escape');

    await page.goto(`${env.baseUrl}/admin/organisations?q=${org.code}`);
    await page.getByTestId(`org-row-${org.code}`).click();
    await page.getByTestId('org-notify-addresses-edit').click();
    await page.getByTestId('org-notify-addresses-input').locator('input').fill('truc.ban@soyte.test.example');
    await page.keyboard.press('Enter');
    await page.getByTestId('org-notify-addresses-save').click();
    await expect
      .poll(() => page.getByTestId('org-notify-addresses').textContent())
      .toContain('truc.ban@soyte.test.example');
    await screenshot(page, 'notifications-org-addresses-vi');
    const api = as(env.app, await login(env.app, admin.username, PASSWORD));
    const saved = await api('GET', `/api/organisations/${org.id}/notify-addresses`);
    expect(saved.json<{ items: { email: string }[] }>().items.map((i) => i.email)).toContain(
      'truc.ban@soyte.test.example',
    );
    await page.context().close();
  });
});
