import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, PASSWORD } from '../factories.ts';
import { docxParagraphs } from '../office-files.ts';
import { type BrowserEnv, browserEnv, browserSkipReason, headerBadge, loginInBrowser, newPage } from './browser.ts';

const skip = browserSkipReason();
if (skip) console.warn(skip);

describe.skipIf(!!skip)('document register in Chromium', () => {
  let env: BrowserEnv;

  beforeAll(async () => {
    env = await browserEnv();
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });

  it('a coordinator issues the sample report and downloads it from the register', async () => {
    const org = await makeOrg(env.platform, 'coordinator', 'Sở Khoa học và Công nghệ thử nghiệm');
    const u = await makeUser(env.platform, org.id, ['coordinator']);
    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, u.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.getByTestId('nav-admin-documents').click();
    await page.getByRole('heading', { name: 'Sổ đăng ký văn bản' }).waitFor();

    await page.getByTestId('documents-issue').click();
    await page.getByTestId('documents-issue-confirm').click();
    const number = `01/BC-${org.code}`;
    const numberCell = page.getByText(number, { exact: true });
    await numberCell.waitFor();
    await page.screenshot({ path: 'test-results/documents-register-vi.png' });

    const { rows } = await env.platform.pool.query<{ id: string; sha256: string }>(
      'SELECT id, sha256 FROM documents WHERE number = $1',
      [number],
    );
    const doc = rows[0];
    if (!doc) throw new Error('the issued document is not in the register');
    await expect.poll(() => page.getByTestId(`document-sha256-${doc.id}`).getAttribute('title')).toBe(doc.sha256);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId(`document-download-${doc.id}`).click(),
    ]);
    expect(download.suggestedFilename()).toBe(
      `01-BC-${org.code} Tổng hợp các đơn vị trong mạng lưới ứng cứu sự cố trên địa bàn.docx`,
    );
    const saved = await download.path();
    const bytes = await fs.readFile(saved);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(doc.sha256);
    expect(docxParagraphs(bytes)).toContain(`Số: ${number}`);
    const audit = await env.platform.pool.query(
      "SELECT 1 FROM audit_log WHERE action = 'file.download' AND subject_id = $1",
      [doc.id],
    );
    expect(audit.rowCount).toBe(1);
    await page.context().close();
  });

  it('shows the register in English, and not in the menu of a member', async () => {
    const org = await makeOrg(env.platform);
    const lead = await makeUser(env.platform, org.id, ['member-lead']);
    await env.platform.pool.query("UPDATE users SET locale = 'en' WHERE id = $1", [lead.id]);
    const page = await newPage(env, 'en-US');
    await loginInBrowser(page, env.baseUrl, lead.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.getByTestId('nav-admin-documents').click();
    await page.getByRole('heading', { name: 'Document register' }).waitFor();
    // A member-lead reads its organisation's register but does not issue the platform report.
    expect(await page.getByTestId('documents-issue').count()).toBe(0);
    await page.screenshot({ path: 'test-results/documents-register-en.png' });
    await page.context().close();

    const member = await makeUser(env.platform, org.id, ['member']);
    const other = await newPage(env);
    await loginInBrowser(other, env.baseUrl, member.username, PASSWORD);
    await headerBadge(other).waitFor();
    expect(await other.getByTestId('nav-admin-documents').count()).toBe(0);
    await other.context().close();
  });
});
