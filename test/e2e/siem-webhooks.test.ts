import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../src/modules/intake/siem/authenticate.ts';
import { makeOrg, makeUser, PASSWORD } from '../factories.ts';
import { type BrowserEnv, browserEnv, browserSkipReason, headerBadge, loginInBrowser, newPage } from './browser.ts';

const skip = browserSkipReason();
if (skip) console.warn(skip);

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../fixtures/siem/${name}`, import.meta.url), 'utf8'));

describe.skipIf(!!skip)('SIEM webhooks in Chromium', () => {
  let env: BrowserEnv;

  beforeAll(async () => {
    env = await browserEnv();
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });

  it('an admin adds a Wazuh source; two alerts from one attacker become one report with two alerts in triage', async () => {
    const org = await makeOrg(env.platform, 'coordinator', 'Trung tâm điều phối SIEM');
    const admin = await makeUser(env.platform, org.id, ['admin']);
    const page = await newPage(env);
    await loginInBrowser(page, env.baseUrl, admin.username, PASSWORD);
    await headerBadge(page).waitFor();
    await page.getByTestId('nav-admin-siem-sources').click();
    await page.getByRole('heading', { name: 'Webhook SIEM' }).waitFor();
    await page.getByTestId('siem-add').click();
    await page.getByTestId('siem-name').fill('Wazuh Sở Thông tin');
    await page.getByTestId('siem-form-save').click();
    const secret = (await page.getByTestId('siem-secret').textContent())?.trim() ?? '';
    const endpoint = (await page.getByTestId('siem-secret-endpoint').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^whsec_/);
    expect(endpoint).toMatch(/\/api\/intake\/webhooks\/[0-9a-f-]{36}$/);
    await page.getByTestId('siem-secret-close').click();

    // the test button runs the sample alert through the built-in mapping
    await page.getByTestId('siem-test-Wazuh Sở Thông tin').click();
    await page.getByTestId('siem-test-run').click();
    await page.getByTestId('siem-test-title').getByText('sshd: brute force', { exact: false }).waitFor();
    await page.screenshot({ path: 'docs/guide/siem-test.png' });
    await page.keyboard.press('Escape');

    const send = async (alert: unknown) => {
      const body = JSON.stringify(alert);
      const ts = Math.floor(Date.now() / 1000);
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-canhgac-timestamp': String(ts),
          'x-canhgac-signature': signBody(secret, ts, body),
        },
        body,
      });
      expect(res.status).toBe(201);
      return (await res.json()) as { reportId: string; trackingNo: string; grouped: boolean };
    };
    const first = await send(fixture('wazuh-sshd-bruteforce.json'));
    const second = await send(fixture('wazuh-sshd-bruteforce-2.json'));
    expect(second).toMatchObject({ reportId: first.reportId, grouped: true });

    await page.reload();
    await page.getByTestId('siem-counts-Wazuh Sở Thông tin').getByText('2 trong 24 giờ', { exact: false }).waitFor();
    await page.screenshot({ path: 'docs/guide/siem-sources.png' });

    await page.getByTestId('nav-incident-triage').click();
    await page.getByTestId(`triage-review-${first.trackingNo}`).click();
    await page.getByTestId('report-siem-alerts').waitFor();
    await expect.poll(() => page.getByTestId('report-siem-alert').count()).toBe(2);
    await page.getByTestId('report-siem-alerts').getByText('1764001060.1190311').waitFor();
    await page.screenshot({ path: 'docs/guide/siem-report-alerts.png' });
    // one report in the queue for the two alerts
    const rows = page.getByTestId('triage-table').locator('tbody tr.ant-table-row');
    expect(await rows.count()).toBe(1);
    await page.close();
  }, 120_000);
});
