import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, PASSWORD } from '../../../../test/factories.ts';
import { type TestEnv, testEnv } from '../../../../test/harness.ts';
import { as, login } from '../../../../test/http.ts';
import { CONTACT, type PortalServer, startPortalServer } from '../../../../test/portal-server.ts';
import { systemCtx } from '../../../platform/actor.ts';
import { createContact } from '../commands/save-contact.ts';
import { checkAllPortals } from './check-all.ts';

let env: TestEnv;
let server: PortalServer;
let coordinator: ReturnType<typeof as>;
let coordinatorName: string;
/** The test clock jumps days ahead, past the session timeout: log in afresh. */
const relogin = async () => {
  coordinator = as(env.app, await login(env.app, coordinatorName, PASSWORD));
};

beforeAll(async () => {
  env = await testEnv();
  env.clock.set(new Date('2026-03-02T01:00:00Z'));
  env.platform.config.fetchAllow = ['127.0.0.1/32'];
  server = await startPortalServer();
  const home = await makeOrg(env.platform, 'coordinator');
  coordinatorName = (await makeUser(env.platform, home.id, ['coordinator'])).username;
});
beforeEach(relogin);
afterAll(async () => {
  await server.close();
  await env.close();
});

async function orgWithContact() {
  const org = await makeOrg(env.platform);
  const contact = await createContact(env.platform.db, systemCtx('system:test', env.clock), org.id, {
    personName: 'Trần Văn Trực',
    ...CONTACT,
  });
  return { org, contact };
}

async function checkPage(path: string) {
  const { org } = await orgWithContact();
  const put = await coordinator('PUT', `/api/organisations/${org.id}/publication/portal`, {
    url: `${server.base}${path}`,
  });
  expect(put.statusCode, put.body).toBe(200);
  const res = await coordinator('POST', `/api/organisations/${org.id}/publication/check`);
  expect(res.statusCode, res.body).toBe(200);
  return { org, check: res.json() };
}

describe('checking a portal page', () => {
  it.each(['/plain', '/obfuscated', '/entities', '/cp1258', '/redirect'])(
    '%s shows the contact: published, with evidence',
    async (path) => {
      const { check } = await checkPage(path);
      expect(check.result).toBe('published');
      expect(check.found).toEqual([
        { kind: 'email', value: CONTACT.email },
        { kind: 'phone', value: CONTACT.phone247 },
      ]);
      expect(check.missing).toEqual([]);
      expect(check.httpStatus).toBe(200);
      expect(check.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(check.bytes).toBeGreaterThan(0);
      expect(check.checkedAt).toBe('2026-03-02T01:00:00.000Z');
      expect(check.trigger).toBe('manual');
    },
  );

  it('a page without the contact (or only inside a script) is not-found, listing what is missing', async () => {
    for (const path of ['/none', '/only-script']) {
      const { check } = await checkPage(path);
      expect(check.result).toBe('not-found');
      expect(check.found).toEqual([]);
      expect(check.missing).toHaveLength(2);
    }
  });

  it('a 500 and an oversize page are unreachable; a redirect to the metadata address is blocked', async () => {
    const error = (await checkPage('/error')).check;
    expect(error).toMatchObject({ result: 'unreachable', httpStatus: 500, error: 'HTTP 500' });
    const big = (await checkPage('/big')).check;
    expect(big.result).toBe('unreachable');
    expect(big.error).toMatch(/^too-large/);
    const metadata = (await checkPage('/redirect-metadata')).check;
    expect(metadata.result).toBe('blocked');
    expect(metadata.finalUrl).toBe('http://169.254.169.254/latest/meta-data/');
  });

  it('without the allowlist the loopback server is blocked', async () => {
    const { org } = await checkPage('/plain');
    env.platform.config.fetchAllow = [];
    try {
      const res = await coordinator('POST', `/api/organisations/${org.id}/publication/check`);
      expect(res.json()).toMatchObject({ result: 'blocked', httpStatus: null, sha256: null });
      expect(res.json().error).toMatch(/^blocked: 127\.0\.0\.1 is loopback/);
    } finally {
      env.platform.config.fetchAllow = ['127.0.0.1/32'];
    }
  });

  it('refuses to save an internal address or another scheme, and to check without a URL', async () => {
    const { org } = await orgWithContact();
    const url = `/api/organisations/${org.id}/publication/portal`;
    const internal = await coordinator('PUT', url, { url: 'http://10.0.0.8/lien-he' });
    expect(internal.statusCode).toBe(400);
    expect(internal.json().error.code).toBe('portal_url_blocked');
    for (const bad of [
      'ftp://portal.example/',
      'javascript:alert(1)',
      'https://u:p@portal.example/',
      'x'.repeat(3000),
    ]) {
      const res = await coordinator('PUT', url, { url: bad });
      expect(res.statusCode, bad).toBe(400);
    }
    const check = await coordinator('POST', `/api/organisations/${org.id}/publication/check`);
    expect(check.statusCode).toBe(409);
    expect(check.json().error.code).toBe('portal_url_missing');
  });
});

describe('the daily job', () => {
  it('checks every organisation with a portal URL, keeps history and audits each check', async () => {
    const a = await checkPage('/plain');
    const b = await checkPage('/none');
    env.clock.advance(24 * 3600_000);
    const run = await checkAllPortals(env.platform);
    expect(run.failed).toBe(0);
    expect(run.checked).toBeGreaterThanOrEqual(2);
    await relogin();
    const history = await coordinator('GET', `/api/organisations/${a.org.id}/publication/checks?limit=1`);
    expect(history.json().items[0]).toMatchObject({
      trigger: 'schedule',
      result: 'published',
      checkedAt: '2026-03-03T01:00:00.000Z',
    });
    const older = await coordinator(
      'GET',
      `/api/organisations/${a.org.id}/publication/checks?limit=1&cursor=${history.json().nextCursor}`,
    );
    expect(older.json().items[0]).toMatchObject({ trigger: 'manual', checkedAt: '2026-03-02T01:00:00.000Z' });
    expect(older.json().nextCursor).toBeNull();
    const latest = await coordinator('GET', `/api/organisations/${b.org.id}/publication`);
    expect(latest.json().latest).toMatchObject({ result: 'not-found', trigger: 'schedule' });
    const audit = await env.platform.pool.query(
      "SELECT actor, diff FROM audit_log WHERE action = 'publication.check' AND organisation_id = $1 ORDER BY created_at",
      [a.org.id],
    );
    expect(audit.rows.map((r) => r.actor)).toEqual([expect.any(String), 'system:publication-check']);
    expect(audit.rows[1].diff.detail.result).toBe('published');
  });
});

describe('confirming a contact', () => {
  it('a member confirms their own contact; others cannot; editing also confirms', async () => {
    const { org, contact } = await orgWithContact();
    const member = await makeUser(env.platform, org.id, ['member']);
    env.clock.set(new Date('2026-04-01T02:03:04Z'));
    const asMember = as(env.app, await login(env.app, member.username, PASSWORD));
    const res = await asMember('POST', `/api/contacts/${contact.id}/confirm`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ confirmedAt: '2026-04-01T02:03:04.000Z', confirmedBy: member.id });

    const other = await orgWithContact();
    expect((await asMember('POST', `/api/contacts/${other.contact.id}/confirm`)).statusCode).toBe(404);
    const partner = await makeUser(env.platform, org.id, ['partner']);
    const asPartner = as(env.app, await login(env.app, partner.username, PASSWORD));
    expect((await asPartner('POST', `/api/contacts/${contact.id}/confirm`)).statusCode).toBe(403);

    const lead = await makeUser(env.platform, org.id, ['member-lead']);
    const asLead = as(env.app, await login(env.app, lead.username, PASSWORD));
    env.clock.advance(60_000);
    const edit = await asLead('PATCH', `/api/contacts/${contact.id}`, { personRole: 'Trực ban' });
    expect(edit.json()).toMatchObject({ confirmedAt: '2026-04-01T02:04:04.000Z', confirmedBy: lead.id });
    const audit = await env.platform.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'contact.confirm' AND subject_id = $1",
      [contact.id],
    );
    expect(audit.rows[0].n).toBe(1);
  });
});

describe('constituency status list', () => {
  it('lists organisations by status with a filter and a summary; members are refused', async () => {
    const published = await checkPage('/plain');
    const { org: noUrl } = await orgWithContact();
    const list = await coordinator('GET', '/api/publication/status?status=published&limit=100');
    expect(list.statusCode, list.body).toBe(200);
    const rows = list.json().items as { organisation: { id: string }; status: string }[];
    expect(rows.every((r) => r.status === 'published')).toBe(true);
    expect(rows.some((r) => r.organisation.id === published.org.id)).toBe(true);
    const none = await coordinator('GET', `/api/publication/status?status=no-url&limit=100`);
    expect(none.json().items.some((r: { organisation: { id: string } }) => r.organisation.id === noUrl.id)).toBe(true);

    // a new URL is unchecked until it is checked
    await coordinator('PUT', `/api/organisations/${published.org.id}/publication/portal`, {
      url: `${server.base}/none`,
    });
    const after = await coordinator('GET', `/api/publication/status?status=unchecked&limit=100`);
    expect(
      after.json().items.some((r: { organisation: { id: string } }) => r.organisation.id === published.org.id),
    ).toBe(true);

    const summary = (await coordinator('GET', '/api/publication/summary')).json();
    expect(summary.byStatus['no-url']).toBeGreaterThan(0);
    expect(summary.total).toBe(Object.values(summary.byStatus as Record<string, number>).reduce((a, b) => a + b, 0));

    const member = await makeUser(env.platform, noUrl.id, ['member']);
    const asMember = as(env.app, await login(env.app, member.username, PASSWORD));
    expect((await asMember('GET', '/api/publication/status')).statusCode).toBe(403);
    expect((await asMember('GET', `/api/organisations/${noUrl.id}/publication`)).statusCode).toBe(200);
    expect((await coordinator('GET', '/api/publication/status?status=bogus')).statusCode).toBe(400);
  });
});
