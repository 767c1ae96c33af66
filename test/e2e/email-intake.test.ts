import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDue } from '../../src/modules/notify/commands/deliver-due.ts';
import { makeOrg, makeUser, PASSWORD } from '../factories.ts';
import { dovecotMissing, type ImapPeer, startImapPeer } from '../imap-peer.ts';
import { startSmtpPeer } from '../smtp-peer.ts';
import { type BrowserEnv, browserEnv, browserSkipReason, headerBadge, loginInBrowser, newPage } from './browser.ts';

const skip = browserSkipReason() ?? dovecotMissing() ?? undefined;
if (skip) console.warn(skip);

describe.skipIf(!!skip)('e-mail intake in Chromium', () => {
  let env: BrowserEnv;
  let imap: ImapPeer;
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;

  beforeAll(async () => {
    [env, imap, smtp] = await Promise.all([browserEnv(), startImapPeer(), startSmtpPeer()]);
    env.platform.config.mail = { smtpUrl: smtp.url, from: 'CanhGac <canhgac@tinh.example>', digestHour: 7 };
  }, 60_000);
  afterAll(async () => {
    await Promise.all([env?.close(), imap?.close(), smtp?.close()]);
  });

  it('a coordinator adds a mailbox; a mailed report and the reply to its acknowledgement show as one thread', async () => {
    const org = await makeOrg(env.platform, 'coordinator', 'Trung tâm điều phối thử nghiệm');
    const coordinator = await makeUser(env.platform, org.id, ['coordinator']);
    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, coordinator.username, PASSWORD);
    await headerBadge(page).waitFor();

    await page.getByTestId('nav-admin-mailboxes').click();
    await page.getByTestId('mailbox-add').click();
    await page.getByTestId('mailbox-name').fill('Hộp thư baocao');
    await page.getByTestId('mailbox-url').fill(imap.url);
    await page.getByTestId('mailbox-password').fill(imap.password);
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByTestId('mailbox-test-Hộp thư baocao').click();
    await page.getByText(/Kết nối được/).waitFor();

    await imap.append(
      [
        'From: "Võ Minh Tâm" <tam@benhvien.example>',
        'To: baocao@tinh.example',
        'Subject: [TBSC] Máy chủ bệnh viện bị mã hóa dữ liệu',
        'Message-ID: <ransom-1@benhvien.example>',
        'Date: Mon, 2 Mar 2026 08:00:00 +0700',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Các tệp trên máy chủ 203.0.113.77 bị đổi đuôi .locked từ sáng nay.',
        '',
      ].join('\r\n'),
    );
    await page.getByTestId('mailbox-poll-Hộp thư baocao').click();
    await page.getByText('Xong: 1 báo cáo').waitFor();

    await deliverDue(env.platform);
    const ack = smtp.received.find((r) => r.envelopeTo.includes('tam@benhvien.example'));
    expect(ack?.mail.inReplyTo).toBe('<ransom-1@benhvien.example>');
    const trackingNo = /TN-\d{4}-\d{6}/.exec(ack?.mail.subject ?? '')?.[0] ?? '';
    await imap.append(
      [
        'From: "Võ Minh Tâm" <tam@benhvien.example>',
        'To: canhgac@tinh.example',
        `Subject: Re: ${ack?.mail.subject}`,
        'Message-ID: <ransom-2@benhvien.example>',
        `In-Reply-To: ${ack?.mail.messageId}`,
        `References: <ransom-1@benhvien.example> ${ack?.mail.messageId}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Bổ sung: thêm hai máy trạm phòng kế toán cũng bị mã hóa.',
        '',
      ].join('\r\n'),
    );
    await page.getByTestId('mailbox-poll-Hộp thư baocao').click();
    await page.getByText('Xong: 0 báo cáo, 1 trả lời').waitFor();
    await page.getByTestId('mailbox-counts').getByText('1 báo cáo · 1 trả lời').waitFor();
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
    await page.screenshot({ path: 'docs/guide/email-intake-mailboxes.png' });

    await page.goto(`${env.baseUrl}/incidents/triage`);
    await page.getByTestId(`triage-review-${trackingNo}`).click();
    const thread = page.getByTestId('email-thread');
    await thread.waitFor();
    await thread.getByTestId('email-reply').getByText('thêm hai máy trạm phòng kế toán').waitFor();
    await thread.getByTestId('email-report').getByText('Võ Minh Tâm').waitFor();
    await thread.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'docs/guide/email-intake-thread.png' });
    await page.close();
  }, 120_000);
});
