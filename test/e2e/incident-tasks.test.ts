import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/modules/audit/command.ts';
import { createIncident } from '../../src/modules/incidents/commands/create-incident.ts';
import { systemCtx } from '../../src/platform/actor.ts';
import { makeOrg, makeUser, PASSWORD } from '../factories.ts';
import { type BrowserEnv, browserEnv, browserSkipReason, headerBadge, loginInBrowser, newPage } from './browser.ts';

const skip = browserSkipReason();
if (skip) console.warn(skip);

describe.skipIf(!!skip)('incident tasks, evidence and playbooks in Chromium', () => {
  let env: BrowserEnv;
  let home: { id: string };
  let memberOrg: { id: string };

  beforeAll(async () => {
    env = await browserEnv();
    home = await makeOrg(env.platform, 'coordinator');
    memberOrg = await makeOrg(env.platform, 'member', 'Sở Y tế thử nghiệm');
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });

  it('a responder applies the ransomware playbook; the evidence task waits for its evidence, then is done', async () => {
    const responder = await makeUser(env.platform, home.id, ['responder']);
    const incident = await runCommand(env.platform.db, systemCtx('system:test', env.clock), (scope) =>
      createIncident(scope, {
        title: 'Máy chủ hồ sơ sức khỏe bị mã hoá',
        typeCode: 'encryption',
        organisationId: memberOrg.id,
        tlp: 'amber',
      }),
    );
    const page = await newPage(env);
    page.setDefaultTimeout(30_000); // a shared 2-core machine: be patient with the first load
    await loginInBrowser(page, env.baseUrl, responder.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.goto(`${env.baseUrl}/incidents/${incident.id}`);
    // The detail page (another slice) shows the tasks in a tab of its own labelling.
    await page.getByRole('tab', { name: /Nhiệm vụ/ }).click();

    await page.getByRole('combobox', { name: 'Chọn kịch bản ứng cứu' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'Mã độc tống tiền' }).first().click();
    await page.getByRole('button', { name: 'Áp dụng kịch bản' }).click();
    const task = page.getByTestId('task-collect-evidence');
    await task.waitFor();
    await expect.poll(() => page.locator('[data-testid^="task-"]').count()).toBe(10);
    await page.getByText('Ngăn chặn', { exact: true }).first().waitFor();

    // Done without evidence: refused with the server's message, the task stays open.
    await task.getByRole('combobox', { name: 'Trạng thái nhiệm vụ' }).click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: 'Hoàn thành' })
      .click();
    await page
      .getByText(/yêu cầu chứng cứ/)
      .first()
      .waitFor();
    await task.locator('.ant-tag').filter({ hasText: 'Chưa làm' }).waitFor();

    // Evidence for the task, inline.
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'canhgac-evidence-'));
    const file = path.join(dir, 'ransom-note.txt');
    await fs.writeFile(file, 'YOUR FILES ARE ENCRYPTED. Contact decrypt@example.invalid\n');
    await task.getByRole('button', { name: 'Tải lên chứng cứ' }).click();
    const modal = page.locator('.ant-modal:visible');
    await modal.locator('input[type=file]').setInputFiles(file);
    await modal.getByLabel('Người thu thập').fill('Quản trị viên Sở Y tế');
    await modal.getByLabel('Mô tả').fill('Thông báo đòi tiền chuộc trên máy chủ');
    await modal.getByRole('button', { name: 'Lưu chứng cứ' }).click();
    await modal.waitFor({ state: 'detached' });
    await task.getByText('Cần chứng cứ (1)').waitFor();

    await task.getByRole('combobox', { name: 'Trạng thái nhiệm vụ' }).click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: 'Hoàn thành' })
      .click();
    await task.locator('.ant-tag').filter({ hasText: 'Hoàn thành' }).waitFor();
    // Give a task to a member of the affected organisation (they may see this TLP:AMBER incident).
    const colleague = await makeUser(env.platform, memberOrg.id, ['member']);
    const isolate = page.getByTestId('task-isolate');
    await isolate.scrollIntoViewIfNeeded();
    await isolate.getByRole('combobox', { name: 'Giao cho…' }).fill(colleague.username);
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: colleague.username })
      .click();
    await isolate.getByText('Người thực hiện: Người dùng thử').waitFor();
    const assigned = await env.platform.pool.query(
      "SELECT assignee_user_id FROM incident_tasks WHERE incident_id = $1 AND playbook_task_key = 'isolate'",
      [incident.id],
    );
    expect(assigned.rows[0].assignee_user_id).toBe(colleague.id);
    await page.screenshot({ path: 'test-results/incident-tasks-vi.png' });
    await fs.rm(dir, { recursive: true });
  }, 120_000);

  it('a coordinator edits a playbook as JSON and sees the validation error; nothing is saved', async () => {
    const coordinator = await makeUser(env.platform, home.id, ['coordinator']);
    const page = await newPage(env);
    page.setDefaultTimeout(30_000); // a shared 2-core machine: be patient with the first load
    await loginInBrowser(page, env.baseUrl, coordinator.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.goto(`${env.baseUrl}/admin/playbooks`);
    await page.getByRole('heading', { name: 'Kịch bản ứng cứu và loại sự cố' }).waitFor({ timeout: 30_000 });
    await page.getByText('Tấn công từ chối dịch vụ', { exact: false }).first().click();
    const editor = page.getByLabel('Nội dung kịch bản (JSON)');
    await expect.poll(async () => (await editor.inputValue()).includes('"id": "ddos"')).toBe(true);
    const body = JSON.parse(await editor.inputValue());
    body.tasks = body.tasks.slice(0, 2);
    await editor.fill(JSON.stringify(body, null, 2));
    await page.getByRole('button', { name: 'Lưu phiên bản mới' }).click();
    await page
      .locator('.ant-alert-error')
      .getByText(/Nội dung kịch bản không hợp lệ: tasks/)
      .first()
      .waitFor();
    await page.screenshot({ path: 'test-results/playbooks-admin-vi.png' });
    const stored = await env.platform.pool.query(
      "SELECT version, jsonb_array_length(body->'tasks') AS n FROM playbooks WHERE code = 'ddos'",
    );
    expect(stored.rows[0]).toEqual({ version: 1, n: expect.any(Number) });
    expect(stored.rows[0].n).toBeGreaterThanOrEqual(8);
  }, 120_000);
});
