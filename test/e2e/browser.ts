import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { WEB_DIST } from '../../src/server/static-web.ts';
import { type TestEnv, testEnv } from '../harness.ts';

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

/** Debian's Chromium, or undefined (then browser tests skip — except in CI, where that is a failure). */
export function chromiumPath(): string | undefined {
  return CANDIDATES.find((p): p is string => !!p && fs.existsSync(p));
}

export function browserSkipReason(): string | undefined {
  if (process.env.CI === 'true') return undefined;
  if (!chromiumPath()) return 'browser tests skipped: no Chromium (apt-get install chromium, or set CHROMIUM_PATH)';
  if (!fs.existsSync(`${WEB_DIST}/index.html`))
    return 'browser tests skipped: web interface not built (npm run build:web)';
  return undefined;
}

export type BrowserEnv = TestEnv & { baseUrl: string; browser: Browser; close(): Promise<void> };

/** A real server (fresh database) on a loopback port, and a headless Chromium. */
export async function browserEnv(): Promise<BrowserEnv> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium is required (CI=true): install it with apt-get install chromium');
  if (!fs.existsSync(`${WEB_DIST}/index.html`)) throw new Error('the web interface is not built: npm run build:web');
  const env = await testEnv();
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = env.app.server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    ...env,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    close: async () => {
      await browser.close();
      await env.close();
    },
  };
}

export async function newPage(env: BrowserEnv, locale = 'vi-VN'): Promise<Page> {
  const context = await env.browser.newContext({ locale, viewport: { width: 1366, height: 850 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

export async function loginInBrowser(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** The organisation badge in the page header (the dashboard shows a second one). */
export function headerBadge(page: Page) {
  return page.getByRole('banner').getByTestId('org-badge');
}
