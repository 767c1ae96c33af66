import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { AppError } from '../../platform/errors.ts';
import { renderHtml } from './html.ts';
import type { DocumentModel } from './model.ts';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// One Chromium at a time per process: a print takes a few hundred MiB and a second of CPU.
let queue: Promise<unknown> = Promise.resolve();

function serialised<T>(work: () => Promise<T>): Promise<T> {
  const next = queue.then(work, work);
  queue = next.catch(() => undefined);
  return next;
}

/**
 * The model printed to PDF by Chromium from the same HTML as the preview, so Vietnamese text keeps
 * its diacritics with whatever serif font covering Vietnamese is installed. The page loads nothing
 * from the network.
 */
export function renderPdf(model: DocumentModel, opts: { chromiumPath: string }): Promise<Buffer> {
  const executablePath = opts.chromiumPath;
  if (!fs.existsSync(executablePath)) {
    return Promise.reject(new AppError(503, 'pdf_renderer_missing', { path: executablePath }));
  }
  const html = renderHtml(model);
  return serialised(async () => {
    const browser = await chromium.launch({ executablePath, args: ARGS }).catch((err: unknown) => {
      throw new AppError(503, 'pdf_renderer_missing', {
        path: `${executablePath} (${err instanceof Error ? err.message.split('\n')[0] : 'launch failed'})`,
      });
    });
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      const page = await context.newPage();
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      return Buffer.from(pdf);
    } finally {
      await browser.close();
    }
  });
}
