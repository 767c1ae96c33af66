import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateOrganisation } from '../../src/modules/constituency/commands/save-organisation.ts';
import { seedConstituency } from '../../src/modules/constituency/commands/seed-constituency.ts';
import { findOrganisationByCode } from '../../src/modules/constituency/queries.ts';
import { readConstituencyFile } from '../../src/modules/constituency/seed-file.ts';
import { systemCtx } from '../../src/platform/actor.ts';
import { makeOrg, makeUser, PASSWORD } from '../factories.ts';
import { type BrowserEnv, browserEnv, browserSkipReason, headerBadge, loginInBrowser, newPage } from './browser.ts';

const skip = browserSkipReason();
if (skip) console.warn(skip);

async function screenshot(page: Page, name: string) {
  fs.mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: `test-results/${name}.png`, fullPage: false });
}

describe.skipIf(!!skip)('organisation tree and detail sections in Chromium', () => {
  let env: BrowserEnv;
  let syt: { id: string; code: string };
  let coordinator: { username: string };
  let member: { username: string };
  let closedCode: string;

  beforeAll(async () => {
    env = await browserEnv();
    // The demo constituency (without its users, whose passwords are random) gives a realistic tree.
    const file = await readConstituencyFile(path.resolve('seed/demo-quang-nam-2022.json'));
    file.users = [];
    const ctx = systemCtx('system:test', env.clock);
    await seedConstituency(env.platform.db, ctx, file);
    const found = await findOrganisationByCode(env.platform.db, 'SYT-QNA');
    const home = await findOrganisationByCode(env.platform.db, 'STTTT-QNA');
    if (!found || !home) throw new Error('demo organisations missing');
    syt = found;
    coordinator = await makeUser(env.platform, home.id, ['coordinator'], 'dieuphoi.thu');
    member = await makeUser(env.platform, syt.id, ['member'], 'syt.thu');
    // a closed body merged into the department of health
    const closed = await makeOrg(env.platform, 'member', 'Chi cục Dân số thử nghiệm');
    await updateOrganisation(env.platform.db, ctx, closed.id, {
      parentId: syt.id,
      active: false,
      successorId: syt.id,
    });
    closedCode = closed.code;
  }, 120_000);
  afterAll(async () => {
    await env?.close();
  });

  it('a coordinator finds an organisation in the tree without diacritics and sees its systems and users', async () => {
    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, coordinator.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.goto(`${env.baseUrl}/registry`);
    await page.getByTestId('org-view').getByText('Cây', { exact: true }).click();
    await page.getByTestId('org-tree-kind-member').waitFor();
    await page.getByTestId('org-tree-grouping').getByText('Theo cấp trên', { exact: true }).click();
    await page.getByTestId('org-tree-search').locator('input').fill('so y te quang nam');
    await expect.poll(() => page.getByTestId('org-tree-matches').textContent()).toBe('1 kết quả');
    const node = page.getByTestId(`org-tree-node-${syt.code}`);
    await node.waitFor();
    // the closed body hangs under it, marked as merged into it
    await page.getByTestId('org-tree-search').locator('input').fill('chi cuc dan so');
    const closedNode = page.getByTestId(`org-tree-node-${closedCode}`);
    await expect.poll(() => closedNode.getByTestId('org-tree-inactive').textContent()).toBe('đã sáp nhập vào SYT-QNA');
    await page.getByTestId('org-tree-search').locator('input').fill('so y te quang nam');
    // the tree re-renders after the search; scroll the node that is there after it
    await expect.poll(() => closedNode.count()).toBe(0);
    await expect
      .poll(() =>
        node.scrollIntoViewIfNeeded({ timeout: 2000 }).then(
          () => true,
          () => false,
        ),
      )
      .toBe(true);
    await screenshot(page, 'organisations-tree-vi');
    fs.copyFileSync('test-results/organisations-tree-vi.png', 'docs/guide/organisations-tree.png');
    await node.click();
    const drawer = page.getByTestId('org-drawer');
    await expect.poll(() => drawer.locator('.ant-drawer-title').textContent()).toContain('SYT-QNA');
    const systems = drawer.getByTestId('org-systems');
    await systems.getByTestId('org-system-HT-HSSK-SYT-QNA').waitFor();
    await expect.poll(() => systems.getByTestId('org-systems-table').textContent()).toContain('Chủ quản và vận hành');
    const users = drawer.getByTestId('org-users');
    await users.getByTestId(`org-user-${member.username}`).waitFor();
    await expect.poll(() => users.getByTestId('org-users-table').textContent()).toContain('Chưa đăng nhập');
    await systems.scrollIntoViewIfNeeded();
    await screenshot(page, 'organisations-drawer-sections-vi');
    // the system link leads to its page; the users link to the users page filtered to the organisation
    await users.getByTestId('org-users-manage').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('organisationId')).toBe(syt.id);
    await expect.poll(() => page.getByTestId('user-table').textContent()).toContain(member.username);
    await page.context().close();
  });

  it('a member sees their own organisation’s systems, and only their organisation in the tree', async () => {
    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, member.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.goto(`${env.baseUrl}/registry?view=tree`);
    // by kind: opening the kind shows the one organisation a member sees
    await page.getByTestId('org-tree-kind-member').click();
    await page.getByTestId(`org-tree-node-${syt.code}`).click();
    const systems = page.getByTestId('org-drawer').getByTestId('org-systems');
    await systems.getByTestId('org-system-HT-CTTDT-SYT-QNA').waitFor();
    await expect.poll(() => systems.getByTestId('org-systems-table').textContent()).toContain('HT-HSSK-SYT-QNA');
    // a member does not manage users: the section lists them without the way to the admin page
    await page.getByTestId('org-drawer').getByTestId(`org-user-${member.username}`).waitFor();
    expect(await page.getByTestId('org-users-manage').count()).toBe(0);
    const tree = await page.getByTestId('org-tree').locator('[data-testid^="org-tree-node-"]').count();
    expect(tree).toBe(1);
    await systems.scrollIntoViewIfNeeded();
    await screenshot(page, 'organisations-member-systems-vi');
    await page.context().close();
  });
});
