import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, PASSWORD } from '../../../../test/factories.ts';
import { type TestEnv, testEnv } from '../../../../test/harness.ts';
import { as, login } from '../../../../test/http.ts';
import { leadingZeroBits } from '../../../shared/pow.ts';

let env: TestEnv;
let responder: ReturnType<typeof as>;
let member: ReturnType<typeof as>;
let irOrgId: string;
let lastOctet = 10;

/** A client address of its own per test, so the per-address limits of one test do not touch another. */
const nextAddress = () => `198.51.100.${lastOctet++}`;

type Challenge = { token: string; salt: string; bits: number; expiresAt: string };

async function challenge(address: string): Promise<Challenge> {
  const res = await env.app.inject({ method: 'POST', url: '/api/public/challenge', remoteAddress: address });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Challenge>();
}

/** The browser's work, done with node:crypto (the difficulty is low in tests). */
function solve(c: Challenge): string {
  for (let n = 0; ; n++) {
    if (
      leadingZeroBits(
        createHash('sha256')
          .update(c.salt + n)
          .digest(),
      ) >= c.bits
    )
      return String(n);
  }
}

const form = (over: Record<string, unknown> = {}) => ({
  submissionId: randomUUID(),
  name: 'Nguyễn Văn An',
  email: 'an.nguyen@nguoidan.test',
  phone: '0905 123 456',
  title: 'Trang web của phường hiển thị quảng cáo cờ bạc',
  description: 'Trang chủ chuyển hướng tới một trang cờ bạc khi mở trên điện thoại.',
  detectedAt: '2026-03-01T02:00:00Z',
  systemName: 'Cổng thông tin phường Hải Châu',
  indicators: 'hxxps://co-bac[.]example/landing\n203.0.113[.]77',
  ...over,
});

async function solvedForm(address: string, over: Record<string, unknown> = {}) {
  const c = await challenge(address);
  return { ...form(over), challenge: c.token, nonce: solve(c) };
}

function send(address: string, payload: object, language = 'vi') {
  return env.app.inject({
    method: 'POST',
    url: '/api/public/reports',
    payload,
    remoteAddress: address,
    headers: { 'accept-language': language },
  });
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const r = await env.platform.pool.query<{ n: number }>(sql, params);
  return r.rows[0]?.n ?? 0;
}

const reportsOf = (submissionId: string) =>
  count(
    `SELECT count(*)::int AS n FROM reports WHERE source = 'public-form' AND channel_key = 'public' AND external_id = $1`,
    [submissionId],
  );

beforeAll(async () => {
  env = await testEnv();
  env.platform.config.publicIntake = { powBits: 8, reportsPerHour: 1000 };
  const irOrg = await makeOrg(env.platform, 'coordinator', 'Trung tâm ứng cứu thử');
  irOrgId = irOrg.id;
  const r = await makeUser(env.platform, irOrg.id, ['responder']);
  responder = as(env.app, await login(env.app, r.username, PASSWORD));
  const m = await makeUser(env.platform, (await makeOrg(env.platform)).id, ['member']);
  member = as(env.app, await login(env.app, m.username, PASSWORD));
});
afterAll(() => env.close());

describe('public report form', () => {
  it('stores a report with a solved challenge, spends the challenge and e-mails only the public code', async () => {
    const address = nextAddress();
    const body = await solvedForm(address);
    const res = await send(address, body);
    expect(res.statusCode, res.body).toBe(201);
    const out = res.json<{ code: string; receivedAt: string; statusUrl: string }>();
    expect(out.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    expect(out.statusUrl).toBe(`/public/status?code=${out.code}`);

    const report = await env.platform.pool.query(
      `SELECT r.*, c.code FROM reports r JOIN public_report_codes c ON c.report_id = r.id WHERE r.external_id = $1`,
      [body.submissionId],
    );
    const row = report.rows[0];
    expect(row).toMatchObject({
      source: 'public-form',
      channel_key: 'public',
      status: 'new',
      reporter_org_id: null,
      reporter_name: 'Nguyễn Văn An',
      reporter_email: 'an.nguyen@nguoidan.test',
      reporter_phone: '0905 123 456',
      system_name: 'Cổng thông tin phường Hải Châu',
      code: out.code.replace(/-/g, ''),
    });
    const observables = await env.platform.pool.query<{ type: string; value: string }>(
      'SELECT type, value FROM report_observables WHERE report_id = $1 ORDER BY type',
      [row.id],
    );
    expect(observables.rows).toEqual(
      expect.arrayContaining([{ type: 'ipv4', value: '203.0.113.77' }, expect.objectContaining({ type: 'url' })]),
    );
    expect(
      await count('SELECT count(*)::int AS n FROM public_challenges_spent WHERE submission_id = $1', [
        body.submissionId,
      ]),
    ).toBe(1);

    const mail = await env.platform.pool.query<{ address: string; subject: string; body: string; locale: string }>(
      `SELECT address, subject, body, locale FROM notification_deliveries
        WHERE channel = 'email' AND template = 'intake.public.received' AND address = $1`,
      ['an.nguyen@nguoidan.test'],
    );
    const sent = mail.rows.find((m) => m.body.includes(out.code));
    expect(sent?.locale).toBe('vi');
    expect(sent?.body).toContain(`http://localhost/public/status?code=${out.code}`);
    // The internal, sequential number never reaches the reporter.
    expect(sent?.body).not.toContain(row.tracking_no);
    expect(sent?.subject).not.toContain('TN-');
    const audit = await count(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'incident.report.submit' AND subject_id = $1 AND actor = 'system:public-form' AND ip = $2`,
      [row.id, address],
    );
    expect(audit).toBe(1);
  });

  it('a re-sent submission (retry or double click, also in parallel) gives the same report and code', async () => {
    const address = nextAddress();
    const body = await solvedForm(address);
    const [a, b] = await Promise.all([send(address, body), send(address, body)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().code).toBe(b.json().code);
    const again = await send(address, body);
    expect(again.statusCode).toBe(200);
    expect(again.json().code).toBe(a.json().code);
    // A new challenge with the same submission is a re-send too.
    const fresh = await challenge(address);
    const third = await send(address, { ...body, challenge: fresh.token, nonce: solve(fresh) });
    expect(third.statusCode).toBe(200);
    expect(third.json().code).toBe(a.json().code);
    expect(await reportsOf(body.submissionId)).toBe(1);
    const acks = await count(
      `SELECT count(*)::int AS n FROM notification_deliveries WHERE template = 'intake.public.received' AND body LIKE $1`,
      [`%${a.json().code}%`],
    );
    expect(acks).toBe(1);
  });

  it('refuses a replayed challenge for another submission, storing nothing', async () => {
    const address = nextAddress();
    const first = await solvedForm(address);
    expect((await send(address, first)).statusCode).toBe(201);
    const replay = { ...form(), challenge: first.challenge, nonce: first.nonce };
    const res = await send(address, replay, 'en');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'public_challenge_used' });
    expect(res.json().error.message).toMatch(/already used/);
    expect(await reportsOf(replay.submissionId)).toBe(0);
  });

  it('refuses forms without a solved, valid challenge with a clear 400 and stores nothing', async () => {
    const address = nextAddress();
    const before = await count('SELECT count(*)::int AS n FROM reports');
    const missing = await send(address, form());
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('public_challenge_required');
    expect(missing.json().error.message).toContain('chống thư rác');

    const c = await challenge(address);
    let wrong = 0;
    while (
      leadingZeroBits(
        createHash('sha256')
          .update(c.salt + wrong)
          .digest(),
      ) >= c.bits
    )
      wrong++;
    const unsolved = await send(address, form({ challenge: c.token, nonce: String(wrong) }));
    expect(unsolved.json().error.code).toBe('public_challenge_invalid');

    const nonce = solve(c);
    const [v, salt, , expires, tag, mac] = c.token.split('.');
    const easier = [v, salt, '1', expires, tag, mac].join('.');
    expect((await send(address, form({ challenge: easier, nonce }))).json().error.code).toBe(
      'public_challenge_invalid',
    );
    const elsewhere = await send(nextAddress(), form({ challenge: c.token, nonce }));
    expect(elsewhere.json().error.code).toBe('public_challenge_invalid');
    expect((await send(address, form({ challenge: 'x.y', nonce: '1' }))).statusCode).toBe(400);

    env.clock.advance(61 * 60_000);
    const late = await send(address, form({ challenge: c.token, nonce }));
    expect(late.statusCode).toBe(400);
    expect(late.json().error.code).toBe('public_challenge_expired');
    expect(await count('SELECT count(*)::int AS n FROM reports')).toBe(before);
  });

  it('quietly discards a form whose honeypot is filled: success answer, nothing stored', async () => {
    const address = nextAddress();
    const reports = await count('SELECT count(*)::int AS n FROM reports');
    const spent = await count('SELECT count(*)::int AS n FROM public_challenges_spent');
    const deliveries = await count('SELECT count(*)::int AS n FROM notification_deliveries');
    const res = await send(address, await solvedForm(address, { website: 'http://spam.example' }));
    expect(res.statusCode).toBe(201);
    const code = res.json<{ code: string }>().code;
    expect(code).toMatch(/^[0-9A-Z]{4}-/);
    expect(await count('SELECT count(*)::int AS n FROM reports')).toBe(reports);
    expect(await count('SELECT count(*)::int AS n FROM public_challenges_spent')).toBe(spent);
    expect(await count('SELECT count(*)::int AS n FROM notification_deliveries')).toBe(deliveries);
    const status = await env.app.inject({ method: 'GET', url: `/api/public/reports/${code}`, remoteAddress: address });
    expect(status.statusCode).toBe(404);
  });

  it('limits reports per client address with a localised 429 and Retry-After', async () => {
    env.platform.config.publicIntake = { powBits: 8, reportsPerHour: 2 };
    try {
      const address = nextAddress();
      for (let i = 0; i < 2; i++) expect((await send(address, await solvedForm(address))).statusCode).toBe(201);
      const body = await solvedForm(address);
      const vi = await send(address, body);
      expect(vi.statusCode).toBe(429);
      expect(vi.json().error).toMatchObject({ code: 'public_too_many_requests' });
      expect(vi.json().error.message).toMatch(/Có quá nhiều yêu cầu.*phút/);
      expect(Number(vi.headers['retry-after'])).toBeGreaterThan(0);
      const en = await send(address, body, 'en');
      expect(en.json().error.message).toMatch(/Too many requests/);
      expect(await reportsOf(body.submissionId)).toBe(0);
      // Another address is not affected.
      const other = nextAddress();
      expect((await send(other, await solvedForm(other))).statusCode).toBe(201);
      // A new window opens after an hour.
      env.clock.advance(61 * 60_000);
      expect((await send(address, await solvedForm(address))).statusCode).toBe(201);
    } finally {
      env.platform.config.publicIntake = { powBits: 8, reportsPerHour: 1000 };
    }
  });

  it('counts an IPv6 client by its /64 (one subscriber), and an IPv4-mapped address as its IPv4 address', async () => {
    env.platform.config.publicIntake = { powBits: 8, reportsPerHour: 2 };
    try {
      const first = '2001:db8:77:1::10';
      for (let i = 0; i < 2; i++) expect((await send(first, await solvedForm(first))).statusCode).toBe(201);
      // another address of the same /64 is the same client: no fresh allowance, and its challenge still counts
      const sibling = '2001:db8:77:1:abcd:ef01:2345:6789';
      const refused = await send(sibling, await solvedForm(sibling));
      expect(refused.statusCode).toBe(429);
      const challenged = await challenge(first);
      expect(
        (await send('2001:db8:77:1::99', { ...form(), challenge: challenged.token, nonce: solve(challenged) }))
          .statusCode,
      ).toBe(429);
      // the next /64 is someone else
      const neighbour = '2001:db8:77:2::10';
      expect((await send(neighbour, await solvedForm(neighbour))).statusCode).toBe(201);
      // IPv4 clients seen through a dual-stack socket keep their own buckets (::ffff:0:0/96 is not one /64)
      expect((await send('::ffff:198.51.100.200', await solvedForm('::ffff:198.51.100.200'))).statusCode).toBe(201);
      expect((await send('::ffff:198.51.100.201', await solvedForm('::ffff:198.51.100.201'))).statusCode).toBe(201);
      expect((await send('::ffff:198.51.100.202', await solvedForm('::ffff:198.51.100.202'))).statusCode).toBe(201);
    } finally {
      env.platform.config.publicIntake = { powBits: 8, reportsPerHour: 1000 };
    }
  });

  it('binds a challenge to the client, not to one of its rotating IPv6 addresses', async () => {
    const c = await challenge('2001:db8:78:1::1');
    const res = await send('2001:db8:78:1:1234::5', { ...form(), challenge: c.token, nonce: solve(c) });
    expect(res.statusCode, res.body).toBe(201);
    const elsewhere = await challenge('2001:db8:78:1::1');
    const other = await send('2001:db8:78:2::1', { ...form(), challenge: elsewhere.token, nonce: solve(elsewhere) });
    expect(other.json().error.code).toBe('public_challenge_invalid');
  });

  it('the status page shows only the coarse state and reveals nothing internal', async () => {
    const address = nextAddress();
    const body = await solvedForm(address);
    const { code } = (await send(address, body)).json<{ code: string }>();
    const status = async (typed: string) =>
      env.app.inject({
        method: 'GET',
        url: `/api/public/reports/${encodeURIComponent(typed)}`,
        remoteAddress: address,
      });

    const first = await status(code);
    expect(first.statusCode).toBe(200);
    expect(Object.keys(first.json()).sort()).toEqual(['code', 'receivedAt', 'state']);
    expect(first.json().state).toBe('received');
    expect(first.body).not.toMatch(/TN-|amber|tlp|Trung tâm|title|incident/i);
    // Typed loosely: lower case, spaces instead of dashes.
    expect((await status(code.toLowerCase().replace(/-/g, ' '))).json().state).toBe('received');

    const { rows } = await env.platform.pool.query<{ id: string }>('SELECT id FROM reports WHERE external_id = $1', [
      body.submissionId,
    ]);
    const opened = await responder('POST', `/api/reports/${rows[0]?.id}/triage`, {
      action: 'open',
      typeCode: 'malware',
      organisationId: irOrgId,
    });
    expect(opened.statusCode, opened.body).toBe(200);
    const handled = await status(code);
    expect(handled.json().state).toBe('in-progress');
    expect(handled.body).not.toMatch(/INC-|TN-|Trung tâm|responder/i);

    const unknown = await status('ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    const malformed = await status('hello');
    expect(unknown.statusCode).toBe(404);
    expect(malformed.statusCode).toBe(404);
    expect(unknown.json().error).toEqual(malformed.json().error);
    expect(unknown.json().error.code).toBe('public_status_unknown');
  });

  it('a dismissed report shows as "not an incident"', async () => {
    const address = nextAddress();
    const body = await solvedForm(address);
    const { code } = (await send(address, body)).json<{ code: string }>();
    const { rows } = await env.platform.pool.query<{ id: string }>('SELECT id FROM reports WHERE external_id = $1', [
      body.submissionId,
    ]);
    const dismissed = await responder('POST', `/api/reports/${rows[0]?.id}/triage`, {
      action: 'dismiss',
      outcome: 'spam',
      reason: 'Quảng cáo',
    });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    const res = await env.app.inject({ method: 'GET', url: `/api/public/reports/${code}`, remoteAddress: address });
    expect(res.json().state).toBe('not-incident');
  });

  it('limits status look-ups per address', async () => {
    const address = nextAddress();
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await env.app.inject({
        method: 'GET',
        url: '/api/public/reports/ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ',
        remoteAddress: address,
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 30).every((c) => c === 404)).toBe(true);
    expect(codes[30]).toBe(429);
  });
});

describe('intake statistics', () => {
  it('counts reports per channel and day, the queue, outcomes and re-sends for the IR team only', async () => {
    const res = await responder('GET', '/api/intake/stats');
    expect(res.statusCode, res.body).toBe(200);
    const stats = res.json<{
      days: string[];
      series: { source: string; counts: number[] }[];
      queueDepth: number;
      totals: Record<string, number>;
    }>();
    expect(stats.days).toHaveLength(30);
    const publicForm = stats.series.find((s) => s.source === 'public-form');
    const inWindow = await count(
      `SELECT count(*)::int AS n FROM reports WHERE source = 'public-form' AND received_at >= $1`,
      [new Date(Date.parse(`${stats.days[0]}T00:00:00+07:00`))],
    );
    expect(publicForm?.counts.reduce((a, b) => a + b, 0)).toBe(inWindow);
    expect(inWindow).toBeGreaterThan(5);
    expect(stats.queueDepth).toBe(await count(`SELECT count(*)::int AS n FROM reports WHERE status = 'new'`));
    expect(stats.totals.spam).toBeGreaterThanOrEqual(1);
    expect(stats.totals.accepted).toBeGreaterThanOrEqual(1);
    expect(stats.totals.resent).toBeGreaterThanOrEqual(3);
    expect((await member('GET', '/api/intake/stats')).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: '/api/intake/stats' })).statusCode).toBe(401);
  });
});

describe('API description', () => {
  it('documents the public routes and the statistics', async () => {
    const doc = (await env.app.inject({ url: '/api/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/public/challenge',
        '/api/public/reports',
        '/api/public/reports/{code}',
        '/api/intake/stats',
      ]),
    );
  });
});
