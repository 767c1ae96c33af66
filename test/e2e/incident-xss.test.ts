import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, PASSWORD } from '../factories.ts';
import { type XssPayload, xssPayloads } from '../fixtures/xss/payloads.ts';
import { as, login } from '../http.ts';
import { type BrowserEnv, browserEnv, browserSkipReason, headerBadge, loginInBrowser, newPage } from './browser.ts';

const skip = browserSkipReason();
if (skip) console.warn(skip);

/** Every field gets the whole corpus under its own marker prefix, so a hit names field and payload. */
const FIELDS = {
  reportTitle: 'RT',
  reportDescription: 'RD',
  reporterName: 'RN',
  reporterAddress: 'RA',
  systemName: 'RS',
  contactName: 'RC',
  detectionDetail: 'RX',
  incidentTitle: 'IT',
  incidentDescription: 'ID',
  comment: 'CB',
  taskTitle: 'TT',
  taskDescription: 'TD',
  timeline: 'TS',
  observable: 'OV',
  observableNote: 'ON',
  evidenceDescription: 'ED',
  evidenceCollectedBy: 'EC',
  /** stored file names may be made safe for file systems: only checked for execution, not literal display */
  evidenceFileName: 'EF',
} as const;

const corpus = Object.fromEntries(Object.entries(FIELDS).map(([k, p]) => [k, xssPayloads(p)])) as Record<
  keyof typeof FIELDS,
  XssPayload[]
>;
const all = Object.values(corpus).flat();

type PageFindings = {
  executed: string[];
  handlers: string[];
  jsUrls: string[];
  injected: string[];
  text: string;
};

// Runs in the page (plain JavaScript: the test project has no DOM types).
const INSPECT = `(() => {
  const handlers = [], jsUrls = [], injected = [];
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) handlers.push(tag + '[' + a.name + '=' + a.value.slice(0, 60) + ']');
      if (/^(href|src|action|formaction|data|srcdoc)$/i.test(a.name) && /^\\s*(javascript|data):/i.test(a.value))
        jsUrls.push(tag + '[' + a.name + '=' + a.value.slice(0, 60) + ']');
    }
    if (['iframe', 'object', 'embed', 'meta', 'base'].includes(tag) && el.closest('body'))
      injected.push(tag + ': ' + el.outerHTML.slice(0, 80));
    if (tag === 'script' && /__xss/.test(el.textContent || '')) injected.push('script: ' + el.outerHTML.slice(0, 80));
    if (tag === 'img' && el.getAttribute('src') === 'x') injected.push('img: ' + el.outerHTML.slice(0, 80));
  }
  return { executed: [...window.__xss], handlers, jsUrls, injected, text: document.body.textContent || '' };
})()`;

/** What a page shows after it settled: executed markers, event-handler attributes, javascript: URLs, injected elements. */
async function inspect(page: Page): Promise<PageFindings> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  return page.evaluate<PageFindings>(INSPECT);
}

/** Each payload whose marker is on the page must be shown as its literal text (at least its first 48 characters). */
function literalCheck(text: string): { shown: number; mangled: string[] } {
  let shown = 0;
  const mangled: string[] = [];
  for (const p of all) {
    if (p.marker.startsWith(FIELDS.evidenceFileName) || !text.includes(p.marker)) continue;
    shown++;
    if (!text.includes(p.text.slice(0, 48))) mangled.push(`${p.marker} (${p.kind})`);
  }
  return { shown, mangled };
}

describe('the stored-XSS corpus', () => {
  it('the corpus has 30+ single-line payloads with distinct markers', () => {
    const list = xssPayloads('Z');
    expect(list.length).toBeGreaterThanOrEqual(30);
    expect(new Set(list.map((p) => p.marker)).size).toBe(list.length);
    for (const p of list) {
      expect(p.text).not.toMatch(/[\p{Cc}]/u);
      expect(p.text.length).toBeLessThanOrEqual(300);
      expect(p.text.trim()).toBe(p.text);
    }
  });
});

describe.skipIf(!!skip)('stored XSS corpus in the incident pages (Chromium)', () => {
  let env: BrowserEnv;
  let incidentId = '';
  let responder: { username: string };

  beforeAll(async () => {
    if (skip) return;
    env = await browserEnv();
    const csirt = await makeOrg(env.platform, 'coordinator', 'Đội ứng cứu thử nghiệm');
    const memberOrg = await makeOrg(env.platform, 'member', 'Sở thử nghiệm XSS');
    const r = await makeUser(env.platform, csirt.id, ['responder']);
    const m = await makeUser(env.platform, memberOrg.id, ['member']);
    responder = r;
    const ir = as(env.app, await login(env.app, r.username, PASSWORD));
    const member = as(env.app, await login(env.app, m.username, PASSWORD));
    const ok = <R extends { statusCode: number; body: string }>(res: R, what: string): R => {
      if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body.slice(0, 400)}`);
      return res;
    };

    // Reports from the member form, one per payload, every free-text field poisoned.
    const at = new Date(Date.now() - 3_600_000).toISOString();
    for (let i = 0; i < corpus.reportTitle.length; i++) {
      const pick = (k: keyof typeof FIELDS) => corpus[k][i]?.text ?? '';
      ok(
        await member('POST', '/api/reports', {
          title: pick('reportTitle'),
          description: pick('reportDescription'),
          systemName: pick('systemName'),
          detectedAt: at,
          detectionMethod: 'other',
          detectionDetail: pick('detectionDetail'),
          handlingState: 'not-yet',
          reporter: { name: pick('reporterName'), address: pick('reporterAddress') },
          contact: { name: pick('contactName') },
        }),
        `report ${i}`,
      );
    }

    // Incidents opened by the IR team, title and description poisoned.
    for (const [i, p] of corpus.incidentTitle.entries()) {
      const res = ok(
        await ir('POST', '/api/incidents', {
          title: p.text,
          description: corpus.incidentDescription[i]?.text ?? '',
          typeCode: 'malware',
          severity: 'high',
          tlp: 'amber',
          organisationId: memberOrg.id,
        }),
        `incident ${i}`,
      );
      if (!incidentId) incidentId = res.json<{ id: string }>().id;
    }

    // The first incident's case work: comments, tasks, timeline entries, observables and their notes.
    for (const [i, p] of corpus.comment.entries()) {
      ok(await ir('POST', `/api/incidents/${incidentId}/comments`, { body: p.text }), `comment ${i}`);
      ok(
        await ir('POST', `/api/incidents/${incidentId}/tasks`, {
          title: corpus.taskTitle[i]?.text,
          description: corpus.taskDescription[i]?.text,
        }),
        `task ${i}`,
      );
      ok(
        await ir('POST', `/api/incidents/${incidentId}/timeline`, {
          occurredAt: new Date(Date.now() - (i + 1) * 60_000).toISOString(),
          summary: corpus.timeline[i]?.text,
        }),
        `timeline ${i}`,
      );
    }
    ok(
      await ir('POST', `/api/incidents/${incidentId}/observables`, {
        // payload values themselves are refused by the normaliser; valid file names carry the notes
        items: [
          ...corpus.observable.map((p) => ({ type: 'account' as const, value: p.text })),
          ...corpus.observableNote.map((_, i) => ({ type: 'filename' as const, value: `hoa-don-${i + 1}.exe` })),
        ],
      }),
      'observables',
    );
    const obs = ok(await ir('GET', `/api/incidents/${incidentId}/observables?limit=100`), 'observables list').json<{
      items: { id: string }[];
    }>();
    for (const [i, o] of obs.items.slice(0, corpus.observableNote.length).entries())
      ok(
        await ir('PATCH', `/api/incidents/${incidentId}/observables/${o.id}`, { note: corpus.observableNote[i]?.text }),
        `observable note ${i}`,
      );

    // Evidence: a small file per payload, named after it, with a poisoned description and collector.
    for (const [i, p] of corpus.evidenceFileName.entries()) {
      const form = new FormData();
      form.append('file', new File([`bằng chứng ${i}\n`], p.text, { type: 'text/plain' }));
      const file = ok(await ir('POST', '/api/files', form), `file ${i}`).json<{ item: { id: string } }>();
      ok(
        await ir('POST', `/api/incidents/${incidentId}/evidence`, {
          fileId: file.item.id,
          description: corpus.evidenceDescription[i]?.text,
          collectedBy: corpus.evidenceCollectedBy[i]?.text,
        }),
        `evidence ${i}`,
      );
    }
  }, 300_000);

  afterAll(async () => {
    await env?.close();
  });

  it('no payload runs in the incident list, the detail and its tabs, the triage queue or the reports list', async () => {
    const page = await newPage(env);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.addInitScript({ content: 'window.__xss = [];' });
    await loginInBrowser(page, env.baseUrl, responder.username, PASSWORD);
    await headerBadge(page).waitFor();

    // The detector itself: a planted hit must be seen (the next navigation starts clean).
    await page.evaluate(
      "__xss.push('SELFTEST'); document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=\"1\"><a href=\"javascript:1\">x</a>')",
    );
    const planted = await inspect(page);
    expect(planted.executed).toEqual(['SELFTEST']);
    expect(planted.handlers.length).toBeGreaterThan(0);
    expect(planted.jsUrls.length).toBeGreaterThan(0);
    expect(planted.injected.length).toBeGreaterThan(0);

    const visited: { name: string; shown: number }[] = [];
    const seen = new Set<string>();
    const check = async (name: string) => {
      const f = await inspect(page);
      for (const p of all) if (f.text.includes(p.marker)) seen.add(p.marker.slice(0, 2));
      const { shown, mangled } = literalCheck(f.text);
      visited.push({ name, shown });
      expect.soft(f.executed, `${name}: payloads executed`).toEqual([]);
      expect.soft(f.handlers, `${name}: event-handler attributes`).toEqual([]);
      expect.soft(f.jsUrls, `${name}: javascript:/data: URLs`).toEqual([]);
      expect.soft(f.injected, `${name}: injected elements`).toEqual([]);
      expect.soft(mangled, `${name}: payloads not shown literally`).toEqual([]);
    };

    await page.goto(`${env.baseUrl}/incidents`);
    await page
      .getByText(corpus.incidentTitle.at(-1)?.marker ?? '')
      .first()
      .waitFor();
    await check('incident list');
    await page.screenshot({ path: 'test-results/incident-xss-list-vi.png', fullPage: true });

    await page.goto(`${env.baseUrl}/incidents/${incidentId}`);
    await page
      .getByText(corpus.incidentTitle[0]?.marker ?? '')
      .first()
      .waitFor();
    await check('incident detail');
    const tabs = page.getByRole('tab');
    await tabs.first().waitFor();
    const count = await tabs.count();
    for (let i = 0; i < count; i++) {
      const tab = tabs.nth(i);
      const label = (await tab.textContent())?.trim() ?? `tab ${i}`;
      await tab.click();
      // let the tab's own data arrive: any stored marker in the active pane (some tabs have none)
      await page
        .locator('.ant-tabs-tabpane-active')
        .getByText(/[A-Z]{2}\d\dM/)
        .first()
        .waitFor({ timeout: 5000 })
        .catch(() => undefined);
      await check(`incident detail, tab “${label}”`);
    }
    await page.screenshot({ path: 'test-results/incident-xss-detail-vi.png', fullPage: true });

    await page.goto(`${env.baseUrl}/incidents/triage`);
    await check('triage queue');
    // one report opened for review: its reporter, contact and system fields
    await page.locator('[data-testid^="triage-review-"]').first().click();
    await page
      .getByTestId('triage-drawer')
      .getByText(/RN\d\dM/)
      .first()
      .waitFor();
    await check('triage, report under review');
    await page.goto(`${env.baseUrl}/incidents/reports`);
    await page
      .getByText(corpus.reportTitle.at(-1)?.marker ?? '')
      .first()
      .waitFor();
    await check('reports list');
    await page.screenshot({ path: 'test-results/incident-xss-reports-vi.png', fullPage: true });

    expect(dialogs).toEqual([]);
    console.info(
      `XSS corpus: ${all.length} payloads stored; pages: ${visited.map((v) => `${v.name} (${v.shown} shown)`).join(', ')}`,
    );
    // Every field a page is meant to show was really shown (and so tested), not just stored.
    const expected = [
      FIELDS.incidentTitle,
      FIELDS.reportTitle,
      FIELDS.comment,
      FIELDS.taskTitle,
      FIELDS.timeline,
      FIELDS.evidenceDescription,
      FIELDS.reportDescription,
      FIELDS.reporterName,
    ];
    console.info(`fields shown: ${[...seen].sort().join(' ')}`);
    expect(expected.filter((p) => !seen.has(p))).toEqual([]);
    // The list, the detail and the report pages must really show the poisoned text.
    for (const name of ['incident list', 'incident detail', 'reports list'])
      expect(visited.find((v) => v.name === name)?.shown ?? 0, `${name} shows payloads`).toBeGreaterThan(0);
    await page.context().close();
  }, 180_000);
});
