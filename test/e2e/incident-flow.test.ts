import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/modules/audit/command.ts';
import { createSystem } from '../../src/modules/constituency/systems/commands/index.ts';
import { deliverDue } from '../../src/modules/notify/commands/deliver-due.ts';
import { systemCtx } from '../../src/platform/actor.ts';
import { makeOrg, makeUser, PASSWORD } from '../factories.ts';
import { startSmtpPeer } from '../smtp-peer.ts';
import { type BrowserEnv, browserEnv, browserSkipReason, headerBadge, loginInBrowser, newPage } from './browser.ts';

const skip = browserSkipReason();
if (skip) console.warn(skip);

// A shared 2-core machine: wait generously on conditions, never on the clock.
const PATIENCE = 45_000;

/** Picks an option in the antd Select dropdown that is open now. */
async function pickOption(page: Page, text: string) {
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

async function signIn(env: BrowserEnv, username: string): Promise<Page> {
  const page = await newPage(env);
  page.setDefaultTimeout(PATIENCE);
  await loginInBrowser(page, env.baseUrl, username, PASSWORD);
  await headerBadge(page).waitFor();
  return page;
}

describe.skipIf(!!skip)('the whole incident flow in Chromium', () => {
  let env: BrowserEnv;
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;

  beforeAll(async () => {
    env = await browserEnv();
    smtp = await startSmtpPeer();
    env.platform.config.mail = { smtpUrl: smtp.url, from: 'CanhGác <canhgac@csirt.test>', digestHour: 7 };
  }, 60_000);
  afterAll(async () => {
    await env?.close();
    await smtp?.close();
  });

  it('report → acknowledgement (bell and e-mail) → triage → playbook tasks with evidence → resolved and closed; the member follows it', async () => {
    const agency = await makeOrg(env.platform, 'member', 'Sở Tài nguyên thử nghiệm');
    const csirt = await makeOrg(env.platform, 'coordinator', 'Trung tâm điều phối thử nghiệm');
    const member = await makeUser(env.platform, agency.id, ['member']);
    const responder = await makeUser(env.platform, csirt.id, ['responder']);
    const colleague = await makeUser(env.platform, csirt.id, ['responder']);
    const memberEmail = `${member.username}@stnmt.test.example`;
    await env.platform.pool.query('UPDATE users SET email = $1, display_name = $2 WHERE id = $3', [
      memberEmail,
      'Nguyễn Thị Báo Cáo',
      member.id,
    ]);
    await env.platform.pool.query('UPDATE users SET display_name = $1 WHERE id = $2', [
      'Trần Văn Ứng Cứu',
      responder.id,
    ]);
    await env.platform.pool.query('UPDATE users SET display_name = $1 WHERE id = $2', [
      'Lê Thị Đồng Đội',
      colleague.id,
    ]);
    await runCommand(env.platform.db, systemCtx('system:test', env.clock), (scope) =>
      createSystem(scope, {
        code: 'STN-DATDAI',
        name: 'Cơ sở dữ liệu đất đai',
        ownerOrgId: agency.id,
        category: 'citizen-services',
      }),
    );

    // 1. The member reports the incident on the Mẫu 03 form.
    const mp = await signIn(env, member.username);
    await mp.goto(`${env.baseUrl}/incidents/report`);
    await mp.getByRole('heading', { name: 'Báo cáo sự cố' }).waitFor();
    await mp.getByTestId('report-system').click();
    await pickOption(mp, 'STN-DATDAI');
    await mp.getByTestId('report-title').fill('Máy chủ cơ sở dữ liệu đất đai bị mã hoá');
    await mp
      .getByTestId('report-description')
      .fill(
        'Sáng nay các tệp trên máy chủ có đuôi .locked và thông báo đòi tiền chuộc. ' +
          'Nhật ký tường lửa cho thấy máy chủ tải tệp từ hxxp://evil[.]example/a và kết nối tới 198.51.100[.]23.',
      );
    await mp.getByRole('combobox', { name: 'Cách thức phát hiện' }).click();
    await pickOption(mp, 'Kiểm tra nhật ký');
    await mp.getByLabel('Chưa xử lý').check();
    const detectedAt = mp.getByRole('textbox', { name: 'Thời điểm phát hiện' });
    await detectedAt.click();
    await detectedAt.fill('01/03/2026 08:30');
    // Enter would submit the whole form: confirm the typed time with the picker's own button.
    await mp.locator('.ant-picker-dropdown:visible .ant-picker-ok button').click();
    await expect.poll(() => detectedAt.inputValue()).toBe('01/03/2026 08:30');
    await mp.getByTestId('report-title').scrollIntoViewIfNeeded();
    await mp.screenshot({ path: 'docs/guide/incident-flow-report.png' });
    await mp.getByTestId('report-submit').click();
    const tracking = mp.getByTestId('report-tracking-no');
    await tracking.waitFor();
    const trackingNo = /TN-\d{4}-\d{6}/.exec((await tracking.textContent()) ?? '')?.[0];
    expect(trackingNo).toBeTruthy();
    const stored = await env.platform.pool.query(
      'SELECT detection_method, handling_state, system_id IS NOT NULL AS has_system, detected_at FROM reports WHERE tracking_no = $1',
      [trackingNo],
    );
    expect(stored.rows[0]).toMatchObject({ detection_method: 'log', handling_state: 'not-yet', has_system: true });
    // typed as Vietnam wall-clock time whatever the browser's zone: 08:30 (UTC+7) is 01:30Z
    expect((stored.rows[0].detected_at as Date).toISOString()).toBe('2026-03-01T01:30:00.000Z');

    // The acknowledgement: in the bell, and by e-mail once the notify job has run.
    await mp.reload();
    await expect.poll(() => mp.getByTestId('bell').getAttribute('data-count'), { timeout: PATIENCE }).toBe('1');
    await mp.getByTestId('bell').click();
    await mp.getByTestId('bell-item').filter({ hasText: trackingNo }).first().waitFor();
    await mp.keyboard.press('Escape');
    await expect
      .poll(
        async () => {
          await deliverDue(env.platform);
          return smtp.received.filter((m) => m.envelopeTo.includes(memberEmail)).length;
        },
        { timeout: PATIENCE },
      )
      .toBe(1);
    const mail = smtp.received.find((m) => m.envelopeTo.includes(memberEmail));
    expect(`${mail?.mail.subject} ${mail?.mail.text}`).toContain(trackingNo);

    // 2. A responder triages the report into an incident.
    const rp = await signIn(env, responder.username);
    await rp.goto(`${env.baseUrl}/incidents/triage`);
    await rp.getByTestId(`triage-review-${trackingNo}`).click();
    const drawer = rp.getByTestId('triage-drawer');
    await drawer.waitFor();
    await drawer.getByText('ipv4: 198.51.100.23').waitFor();
    await drawer.getByText('url: http://evil.example/a').waitFor();
    await rp.getByTestId('triage-type').click();
    await rp.keyboard.type('Mã hóa');
    await pickOption(rp, 'Mã hóa phần mềm, dữ liệu, thiết bị');
    await drawer.getByRole('combobox', { name: 'Mức độ' }).click();
    await pickOption(rp, 'Cao');
    await rp.screenshot({ path: 'docs/guide/incident-flow-triage.png' });
    await rp.getByTestId('triage-open').click();
    await expect.poll(() => rp.url(), { timeout: PATIENCE }).toMatch(/\/incidents\/[0-9a-f-]{36}$/);
    const incidentId = rp.url().split('/').pop() as string;
    await rp.getByRole('heading', { name: /Máy chủ cơ sở dữ liệu đất đai bị mã hoá/ }).waitFor();

    await rp.getByRole('tab', { name: 'Dấu hiệu' }).click();
    const observables = rp.getByTestId('observables-table');
    await observables.getByText('http://evil.example/a', { exact: true }).waitFor();
    await observables.getByText('198.51.100.23', { exact: true }).waitFor();
    expect(await observables.locator('a[href*="evil"]').count()).toBe(0);

    // 3. Tasks from the matching playbook: take one, complete the evidence task with its evidence.
    await rp.getByRole('tab', { name: 'Nhiệm vụ' }).click();
    await rp.getByRole('combobox', { name: 'Chọn kịch bản ứng cứu' }).click();
    await pickOption(rp, 'Mã độc tống tiền');
    await rp.getByRole('button', { name: 'Áp dụng kịch bản' }).click();
    const task = rp.getByTestId('task-collect-evidence');
    await task.waitFor();
    await task.getByRole('button', { name: 'Nhận việc' }).click();
    await task.getByText('Người thực hiện: Trần Văn Ứng Cứu').waitFor();
    const isolate = rp.getByTestId('task-isolate');
    await rp.getByTestId('assignee-isolate').click();
    await rp.keyboard.type(colleague.username);
    await pickOption(rp, 'Lê Thị Đồng Đội');
    await isolate.getByText('Người thực hiện: Lê Thị Đồng Đội').waitFor();

    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'canhgac-flow-'));
    const file = path.join(dir, 'ransom-note.txt');
    await fs.writeFile(file, 'YOUR FILES ARE ENCRYPTED. Visit hxxp://evil[.]example/a to pay.\n');
    await task.getByRole('button', { name: 'Tải lên chứng cứ' }).click();
    const modal = rp.locator('.ant-modal:visible');
    await modal.locator('input[type=file]').setInputFiles(file);
    await modal.getByLabel('Người thu thập').fill('Quản trị viên Sở Tài nguyên');
    await modal.getByLabel('Mô tả').fill('Thông báo đòi tiền chuộc trên máy chủ đất đai');
    await modal.getByRole('button', { name: 'Lưu chứng cứ' }).click();
    await modal.waitFor({ state: 'detached' });
    await task.getByText('Cần chứng cứ (1)').waitFor();
    await task.getByRole('combobox', { name: 'Trạng thái nhiệm vụ' }).click();
    await pickOption(rp, 'Hoàn thành');
    await task.locator('.ant-tag').filter({ hasText: 'Hoàn thành' }).waitFor();
    await task.scrollIntoViewIfNeeded();
    await rp.screenshot({ path: 'docs/guide/incident-flow-tasks.png' });
    await fs.rm(dir, { recursive: true });

    // An internal note the member must never see, and a shared one they should.
    await rp.getByRole('tab', { name: 'Trao đổi' }).click();
    await rp.getByTestId('comment-body').fill('Nội bộ: nghi lộ mật khẩu VPN của nhà thầu');
    await rp.getByTestId('comment-send').click();
    await rp.getByTestId('comment').filter({ hasText: 'nghi lộ mật khẩu VPN' }).waitFor();
    await rp.getByTestId('comment-visibility').getByText('Chia sẻ với đơn vị').click();
    await rp.getByTestId('comment-body').fill('Đã cô lập máy chủ; đang khôi phục từ bản sao lưu sạch.');
    await rp.getByTestId('comment-send').click();
    await rp.getByTestId('comment').filter({ hasText: 'khôi phục từ bản sao lưu' }).waitFor();

    // The status along the response phases, then closing with the Mẫu 05 facts.
    const status = () => rp.getByTestId('incident-status').first().textContent();
    for (const [to, label] of [
      ['containment', 'Ngăn chặn'],
      ['eradication', 'Loại bỏ'],
      ['recovery', 'Khôi phục'],
      ['resolved', 'Đã xử lý'],
    ] as const) {
      await rp.getByTestId('incident-status-change').click();
      await rp.getByTestId(`incident-go-${to}`).click();
      await expect.poll(status, { timeout: PATIENCE }).toBe(label);
    }
    await rp.getByTestId('incident-status-change').click();
    await rp.getByTestId('incident-go-closed').click();
    const closeForm = rp.getByTestId('incident-close-form');
    await closeForm.waitFor();
    await closeForm.getByRole('combobox', { name: 'Hình thức xử lý' }).click();
    await pickOption(rp, 'Tự xử lý');
    await rp.keyboard.press('Escape');
    await closeForm.getByLabel('Thiệt hại ước tính').fill('50000000');
    await closeForm.getByLabel('Tóm tắt quá trình xử lý').fill('Cô lập, thu thập chứng cứ, khôi phục từ bản sao lưu.');
    await closeForm.getByLabel('Nguyên nhân').fill('Mật khẩu VPN yếu của tài khoản nhà thầu.');
    await rp.getByRole('button', { name: 'Đóng sự cố' }).click();
    await expect.poll(status, { timeout: PATIENCE }).toBe('Đã đóng');
    const closed = await env.platform.pool.query('SELECT status, closure FROM incidents WHERE id = $1', [incidentId]);
    expect(closed.rows[0].status).toBe('closed');
    expect(closed.rows[0].closure).toMatchObject({ handledWith: ['alone'], estimatedDamageVnd: 50_000_000 });
    await rp.context().close();

    // 4. The member follows their incident: closed on their list, shared comments only, the steps on the timeline.
    await mp.goto(`${env.baseUrl}/incidents`);
    const row = mp.getByTestId('incidents-table').locator('tr').filter({ hasText: 'Máy chủ cơ sở dữ liệu đất đai' });
    await row.getByText('Đã đóng').waitFor();
    await row.locator('a[data-testid^="incident-link-"]').click();
    await mp.getByRole('heading', { name: /Máy chủ cơ sở dữ liệu đất đai bị mã hoá/ }).waitFor();
    await mp.getByRole('tab', { name: 'Trao đổi' }).click();
    await mp.getByTestId('comment').filter({ hasText: 'khôi phục từ bản sao lưu' }).waitFor();
    expect(await mp.getByText('nghi lộ mật khẩu VPN').count()).toBe(0);
    await mp.getByRole('tab', { name: 'Diễn biến' }).click();
    const timeline = mp.getByTestId('timeline-tab');
    await timeline.getByText('Chuyển trạng thái: Khôi phục → Đã xử lý').waitFor();
    await timeline.getByText('Chuyển trạng thái: Đã xử lý → Đã đóng').waitFor();
    await mp.screenshot({ path: 'docs/guide/incident-flow-member.png', fullPage: true });
    await mp.context().close();
  }, 300_000);
});
