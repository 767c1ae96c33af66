import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedConstituency } from '../../src/modules/constituency/commands/seed-constituency.ts';
import { readConstituencyFile } from '../../src/modules/constituency/seed-file.ts';
import { systemCtx } from '../../src/platform/actor.ts';
import { makeContact, makeOrg, makeUser, PASSWORD } from '../factories.ts';
import { type BrowserEnv, browserEnv, browserSkipReason, headerBadge, loginInBrowser, newPage } from './browser.ts';

const skip = browserSkipReason();
if (skip) console.warn(skip);

describe.skipIf(!!skip)('information systems in Chromium', () => {
  let env: BrowserEnv;

  beforeAll(async () => {
    env = await browserEnv();
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });

  it('a member registers a system with a host, a URL and a CPE; another organisation cannot see it', async () => {
    const org = await makeOrg(env.platform, 'member', 'Sở Y tế thử nghiệm');
    const other = await makeOrg(env.platform, 'member', 'Sở Tư pháp thử nghiệm');
    const member = await makeUser(env.platform, org.id, ['member']);
    const outsider = await makeUser(env.platform, other.id, ['member']);
    await makeContact(env.platform, org.id);

    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, member.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.getByTestId('nav-systems').click();
    await page.getByRole('heading', { name: 'Hệ thống thông tin' }).waitFor();

    await page.getByTestId('system-add').click();
    await page.getByTestId('system-code').fill('syt-hssk');
    await page.getByTestId('system-name').fill('Hệ thống hồ sơ sức khỏe điện tử');
    // the owner-side contact is one of the owner organisation's contact points
    await page.getByTestId('system-owner-contact-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'Nguyễn Văn Thử' }).first().click();
    await page.screenshot({ path: 'test-results/systems-form-contact-vi.png' });
    // The level helper proposes level 3 for public services at mức 3; the user takes it.
    await page.getByText('Trợ giúp xác định cấp độ').click();
    await page.getByTestId('level-helper-dvc').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'mức độ 3' }).first().click();
    await expect.poll(() => page.getByTestId('level-helper-proposal').textContent()).toContain('cấp độ 3');
    await page.getByTestId('level-helper-use').click();
    await expect.poll(() => page.locator('input#securityLevel').inputValue()).toBe('3');
    await page.screenshot({ path: 'test-results/systems-form-vi.png' });
    await page.getByTestId('system-form-save').click();

    await page.getByRole('heading', { name: /^SYT-HSSK — Hệ thống hồ sơ sức khỏe điện tử/ }).waitFor();
    const systemUrl = page.url();
    await page.getByTestId('system-owner-contact').getByText('Nguyễn Văn Thử').waitFor();

    const addComponent = async (kind: string, field: string, value: string) => {
      await page.getByTestId('component-add').click();
      await page.getByTestId('component-kind').click();
      await page.locator('.ant-select-item-option').filter({ hasText: kind }).first().click();
      await page.getByTestId(`component-${field}`).fill(value);
      await page.getByTestId('component-save').click();
      await page.getByTestId('component-form').waitFor({ state: 'detached' });
    };
    await addComponent('Máy chủ', 'ip', '2001:DB8:0:0::10');
    await addComponent('Địa chỉ URL', 'url', 'HTTPS://HSSK.syt.example/tra-cuu');
    await addComponent('Phần mềm', 'cpe', 'cpe:/a:apache:tomcat:9.0.80');

    const table = page.getByTestId('components-table');
    await table.getByText('2001:db8::10', { exact: true }).waitFor();
    await table.getByText('https://hssk.syt.example/tra-cuu', { exact: true }).waitFor();
    await table.getByText('cpe:2.3:a:apache:tomcat:9.0.80:*:*:*:*:*:*:*', { exact: true }).waitFor();
    expect(await page.getByTestId('system-level').textContent()).toBe('Cấp 3');
    await page.screenshot({ path: 'test-results/systems-detail-vi.png', fullPage: true });

    // a change of level, to see before → after in the history
    await page.getByTestId('system-edit').click();
    await page.locator('input#securityLevel').fill('4');
    await page.getByTestId('system-form-save').click();
    await page.getByTestId('system-form').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('system-level').textContent()).toBe('Cấp 4');

    await page.getByTestId('tab-history').click();
    const history = page.getByTestId('system-history');
    await history.getByText('Thêm thành phần').first().waitFor();
    expect(await history.getByText('Thêm thành phần').count()).toBe(3);
    // fields by their Vietnamese labels, values as the interface names them, the actor by name
    await history.getByText('Sửa thông tin hệ thống').waitFor();
    expect(await history.getByTestId('history-field-securityLevel').first().textContent()).toBe(
      'Cấp độ: Cấp 3 → Cấp 4',
    );
    await history.getByText('Máy chủ · 2001:db8::10').waitFor();
    expect(await history.getByTestId('history-field-ownerOrgId').textContent()).toMatch(
      /^Cơ quan chủ quản: T-\S+ — Sở Y tế thử nghiệm$/,
    );
    await history.getByRole('button', { name: /Xem thêm/ }).click();
    expect(await history.getByTestId('history-field-ownerContactId').textContent()).toBe(
      'Đầu mối liên hệ của cơ quan chủ quản: Nguyễn Văn Thử',
    );
    expect(await history.getByTestId('history-field-internetFacing').count()).toBe(0); // "Không" is left out
    expect(await history.getByText('Người dùng thử').count()).toBe(5);
    expect(await history.textContent()).not.toMatch(/securityLevel|ownerOrgId|ip:/);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: 'test-results/systems-history-vi.png', fullPage: true });
    await page.context().close();

    await env.platform.pool.query("UPDATE users SET locale = 'en' WHERE id = $1", [outsider.id]);
    const stranger = await newPage(env, 'en-US');
    await loginInBrowser(stranger, env.baseUrl, outsider.username, PASSWORD);
    await headerBadge(stranger).waitFor();
    await stranger.getByTestId('nav-systems').click();
    await stranger.getByTestId('systems-table').getByText('No systems.').waitFor();
    await stranger.goto(systemUrl);
    await stranger.getByText('System not found (or you may not see it).').waitFor();
    expect(await stranger.getByText('SYT-HSSK').count()).toBe(0);
    await stranger.screenshot({ path: 'test-results/systems-foreign-en.png' });
    await stranger.context().close();
  });

  it('a coordinator filters the demo systems (level 3, shared) and searches them without diacritics', async () => {
    const file = await readConstituencyFile(path.resolve('seed/demo-quang-nam-2022.json'));
    file.users = [];
    await seedConstituency(env.platform.db, systemCtx('system:test', env.clock), file);
    const org = await makeOrg(env.platform, 'coordinator');
    const u = await makeUser(env.platform, org.id, ['coordinator']);
    await env.platform.pool.query("UPDATE users SET locale = 'en' WHERE id = $1", [u.id]);
    const page = await newPage(env, 'en-US');
    await loginInBrowser(page, env.baseUrl, u.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.goto(`${env.baseUrl}/registry/systems?level=3&shared=true`);
    const table = page.getByTestId('systems-table');
    await table.getByTestId('system-link-HT-CONGTTDT-QNA').waitFor();
    const expected = file.systems.filter((s) => s.securityLevel === 3 && s.sharedProvincial).map((s) => s.code);
    await expect.poll(() => table.locator('[data-testid^="system-link-"]').count()).toBe(expected.length);
    expect(await table.getByTestId('system-link-HT-CTTDT-SYT-QNA').count()).toBe(0);
    await page.screenshot({ path: 'test-results/systems-list-en.png', fullPage: true });

    // a demo system's detail and history, in English
    await table.getByTestId('system-link-HT-CONGTTDT-QNA').click();
    await page.getByTestId('system-fields').getByText('Owner-side contact').waitFor();
    await page.screenshot({ path: 'test-results/systems-detail-en.png', fullPage: true });
    await page.getByTestId('tab-history').click();
    const history = page.getByTestId('system-history');
    await history.getByText('System registered').first().waitFor();
    expect(await history.getByTestId('history-field-ownerOrgId').textContent()).toMatch(
      /^Owner agency: UBND-QNA — Quang Nam Provincial/,
    );
    expect(await history.textContent()).not.toMatch(/securityLevel|ownerOrgId/);
    await page.screenshot({ path: 'test-results/systems-history-en.png', fullPage: true });

    // search without diacritics finds every department portal
    await page.goto(`${env.baseUrl}/registry/systems?q=trang%20thong%20tin`);
    for (const s of file.systems.filter((x) => x.name.startsWith('Trang thông tin')))
      await table.getByTestId(`system-link-${s.code}`).waitFor();
    await page.context().close();
  });
});
