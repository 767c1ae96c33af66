import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, PASSWORD } from '../factories.ts';
import { type BrowserEnv, browserEnv, browserSkipReason, headerBadge, loginInBrowser, newPage } from './browser.ts';

const skip = browserSkipReason();
if (skip) console.warn(skip);

async function count(env: BrowserEnv, sql: string): Promise<number> {
  const r = await env.platform.pool.query<{ n: number }>(sql);
  return r.rows[0]?.n ?? -1;
}

describe.skipIf(!!skip)('registry import in Chromium', () => {
  let env: BrowserEnv;
  let dir: string;

  beforeAll(async () => {
    env = await browserEnv();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'canhgac-e2e-import-'));
  }, 60_000);
  afterAll(async () => {
    await env?.close();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('a coordinator fills in the template, sees the bad row’s error with nothing written, fixes it and commits', async () => {
    const org = await makeOrg(env.platform, 'coordinator', 'Sở Khoa học và Công nghệ thử nghiệm');
    const u = await makeUser(env.platform, org.id, ['coordinator']);
    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, u.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.getByTestId('nav-registry-import').click();
    await page.getByRole('heading', { name: 'Nhập/xuất danh bạ' }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-template').click(),
    ]);
    expect(download.suggestedFilename()).toBe('mau-nhap-danh-ba.xlsx');
    const template = await fs.readFile(await download.path());

    // The user keeps the demo rows and adds one organisation with a level that does not exist.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    const systems = wb.getWorksheet('Hệ thống');
    if (!systems) throw new Error('no Hệ thống sheet');
    // typed into row 3, under the demo row, as a user would (the value lists make rows 2–500 exist)
    systems.getRow(3).values = [
      'HT-VD-02',
      'Hệ thống một cửa điện tử',
      null,
      'SO-VD',
      null,
      9,
      null,
      null,
      null,
      'citizen-services',
    ];
    const bad = path.join(dir, 'danh-ba.xlsx');
    await wb.xlsx.writeFile(bad);

    const before = await count(env, 'SELECT count(*)::int AS n FROM organisations');
    await page.getByTestId('import-upload').locator('input[type=file]').setInputFiles(bad);
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    const errorRow = page.getByTestId('import-errors').getByRole('row').filter({ hasText: 'Hệ thống' });
    await expect.poll(() => errorRow.count()).toBe(1);
    const cells = await errorRow.getByRole('cell').allTextContents();
    expect(cells).toEqual(['Hệ thống', '3', 'Cột "Cấp độ": "9" phải là số nguyên từ 1 đến 5.']);
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await page.screenshot({ path: 'test-results/registry-import-errors-vi.png', fullPage: true });
    expect(await count(env, 'SELECT count(*)::int AS n FROM organisations')).toBe(before);
    expect(await count(env, "SELECT count(*)::int AS n FROM information_systems WHERE code LIKE 'HT-VD-%'")).toBe(0);

    const row = systems.getRow(3);
    row.getCell(6).value = 2;
    row.commit();
    const fixed = path.join(dir, 'danh-ba-da-sua.xlsx');
    await wb.xlsx.writeFile(fixed);
    await page.getByTestId('import-upload').locator('input[type=file]').setInputFiles(fixed);
    await page.getByText('Tất cả các dòng hợp lệ', { exact: false }).waitFor();
    await expect.poll(() => page.getByTestId('import-commit').isEnabled()).toBe(true);
    await page.getByTestId('import-commit').click();
    const result = page.getByTestId('import-result');
    await result.getByText('Đã ghi toàn bộ tệp vào danh bạ.').waitFor();
    await page.screenshot({ path: 'test-results/registry-import-done-vi.png', fullPage: true });
    expect(await count(env, "SELECT count(*)::int AS n FROM information_systems WHERE code LIKE 'HT-VD-%'")).toBe(2);
    expect(await count(env, "SELECT count(*)::int AS n FROM organisations WHERE code = 'SO-VD'")).toBe(1);
    expect(await count(env, "SELECT count(*)::int AS n FROM network_ranges WHERE cidr = '203.0.113.64/27'")).toBe(1);
    await page.context().close();
  });

  it('is in English for an English user, and not offered to a member', async () => {
    const org = await makeOrg(env.platform);
    const lead = await makeUser(env.platform, org.id, ['member-lead']);
    await env.platform.pool.query("UPDATE users SET locale = 'en' WHERE id = $1", [lead.id]);
    const page = await newPage(env, 'en-US');
    await loginInBrowser(page, env.baseUrl, lead.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.getByTestId('nav-registry-import').click();
    await page.getByRole('heading', { name: 'Registry import/export' }).waitFor();
    await page.screenshot({ path: 'test-results/registry-import-en.png', fullPage: true });
    await page.context().close();

    const member = await makeUser(env.platform, org.id, ['member']);
    const other = await newPage(env);
    await loginInBrowser(other, env.baseUrl, member.username, PASSWORD);
    await headerBadge(other).waitFor();
    expect(await other.getByTestId('nav-registry-import').count()).toBe(0);
    await other.context().close();
  });
});
