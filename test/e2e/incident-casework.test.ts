import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/modules/audit/command.ts';
import { createIncident } from '../../src/modules/incidents/commands/create-incident.ts';
import { systemCtx } from '../../src/platform/actor.ts';
import { makeOrg, makeUser, PASSWORD } from '../factories.ts';
import { type BrowserEnv, browserEnv, browserSkipReason, headerBadge, loginInBrowser, newPage } from './browser.ts';

const skip = browserSkipReason();
if (skip) console.warn(skip);

describe.skipIf(!!skip)('incident casework in Chromium', () => {
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

  it('a responder pastes defanged observables, then merges the incident into another; the source shows as merged', async () => {
    const responder = await makeUser(env.platform, home.id, ['responder']);
    const open = (title: string) =>
      runCommand(env.platform.db, systemCtx('system:test', env.clock), (scope) =>
        createIncident(scope, { title, typeCode: 'malware', organisationId: memberOrg.id, tlp: 'amber' }),
      );
    const source = await open('Máy trạm kết nối máy chủ điều khiển');
    const target = await open('Chiến dịch mã độc nhắm vào Sở Y tế');

    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, responder.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.goto(`${env.baseUrl}/incidents/${source.id}`);
    await page.getByRole('heading', { name: new RegExp(source.number) }).waitFor();

    await page.getByRole('tab', { name: 'Dấu hiệu' }).click();
    await page
      .getByTestId('observables-text')
      .fill(
        'Máy 10.0.0.5 gọi ra hxxps://c2-evil[.]example[.]com/gate.php và 203.0.113[.]77; thư lừa đảo từ ketoan[at]evil-mail[.]example[.]com <img src=x onerror=alert(1)>',
      );
    await page.getByTestId('observables-submit').click();
    await page.getByTestId('observables-result').waitFor();
    const table = page.getByTestId('observables-table');
    await table.getByText('https://c2-evil.example.com/gate.php', { exact: true }).waitFor();
    await table.getByText('203.0.113.77', { exact: true }).waitFor();
    await table.getByText('ketoan@evil-mail.example.com', { exact: true }).waitFor();
    expect(await table.locator('a[href*="c2-evil"]').count()).toBe(0);
    await page.screenshot({ path: 'test-results/casework-observables-vi.png', fullPage: true });

    await page.getByRole('tab', { name: 'Liên kết' }).click();
    await page.getByTestId('merge-open').click();
    await page.getByTestId('merge-target').fill(target.number);
    await page.getByTestId('merge-confirm').click();
    await page.getByTestId('merged-into').getByText(target.number).waitFor();
    await page.getByText('Trùng lặp', { exact: true }).first().waitFor();
    await page.getByTestId('links-table').getByText(target.number).waitFor();
    await page.screenshot({ path: 'test-results/casework-merged-vi.png', fullPage: true });

    await page.getByTestId('merged-into').getByRole('link').click();
    await page.getByRole('heading', { name: new RegExp(target.number) }).waitFor();
    await page.getByRole('tab', { name: 'Dấu hiệu' }).click();
    await page.getByTestId('observables-table').getByText('203.0.113.77', { exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Diễn biến' }).click();
    // Written by the server as kind + detail, shown in the reader's language.
    await page.getByTestId('timeline-tab').getByText(`Sự cố ${source.number} đã được gộp vào đây`).waitFor();
    await page.getByTestId('timeline-tab').getByText(`Mở sự cố ${target.number}: Chiến dịch mã độc`).waitFor();
    await page.screenshot({ path: 'test-results/casework-timeline-vi.png', fullPage: true });
  });

  it('a responder splits an observable off into a new incident, which opens linked to the original', async () => {
    const responder = await makeUser(env.platform, home.id, ['responder']);
    const original = await runCommand(env.platform.db, systemCtx('system:test', env.clock), (scope) =>
      createIncident(scope, {
        title: 'Hai chiến dịch lẫn vào nhau',
        typeCode: 'malware',
        organisationId: memberOrg.id,
      }),
    );
    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, responder.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.goto(`${env.baseUrl}/incidents/${original.id}`);
    await page.getByRole('tab', { name: 'Dấu hiệu' }).click();
    await page.getByTestId('observables-text').fill('198.51.100.21 và 198.51.100.22');
    await page.getByTestId('observables-submit').click();
    await page.getByTestId('observables-table').getByText('198.51.100.22', { exact: true }).waitFor();

    await page.getByRole('tab', { name: 'Liên kết' }).click();
    await page.getByTestId('split-open').click();
    await page.getByTestId('split-title').fill('Chiến dịch thứ hai');
    await page.getByTestId('split-observables').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '198.51.100.22' }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('split-confirm').click();
    await page.getByRole('heading', { name: /Chiến dịch thứ hai/ }).waitFor();
    await page.getByRole('tab', { name: 'Dấu hiệu' }).click();
    const table = page.getByTestId('observables-table');
    await table.getByText('198.51.100.22', { exact: true }).waitFor();
    expect(await table.getByText('198.51.100.21', { exact: true }).count()).toBe(0);
    await page.getByRole('tab', { name: 'Liên kết' }).click();
    await page.getByTestId('links-table').getByText(original.number).waitFor();
  });
});
