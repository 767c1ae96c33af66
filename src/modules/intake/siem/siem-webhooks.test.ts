import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../../test/factories.ts';
import { type TestEnv, testEnv } from '../../../../test/harness.ts';
import { as, login } from '../../../../test/http.ts';
import { signBody } from './authenticate.ts';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../../../test/fixtures/siem/${name}`, import.meta.url), 'utf8'));

let env: TestEnv;
let admin: ReturnType<typeof as>;
let responder: ReturnType<typeof as>;
let orgId: string;

type Created = { item: { id: string; endpointPath: string }; secret: string };

async function createSource(body: Record<string, unknown>): Promise<Created> {
  const res = await admin('POST', '/api/intake/siem/sources', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Created>();
}

/** POST an alert signed as a Wazuh integration script would (or with other headers). */
function post(
  src: Created,
  alert: unknown,
  opts: { ts?: number; secret?: string; headers?: Record<string, string> } = {},
) {
  const body = typeof alert === 'string' ? alert : JSON.stringify(alert);
  const ts = opts.ts ?? Math.floor(Date.now() / 1000);
  return env.app.inject({
    method: 'POST',
    url: src.item.endpointPath,
    headers: {
      'content-type': 'application/json',
      'accept-language': 'en',
      'x-canhgac-timestamp': String(ts),
      'x-canhgac-signature': signBody(opts.secret ?? src.secret, ts, body),
      ...opts.headers,
    },
    payload: body,
  });
}

const wazuh = (id: string, over: Record<string, unknown> = {}) => ({
  ...fixture('wazuh-sshd-bruteforce.json'),
  id,
  ...over,
});

async function reportsOf(sourceId: string) {
  const r = await env.platform.pool.query<{ id: string; status: string; n: number }>(
    `SELECT r.id, r.status, count(a.id)::int AS n FROM reports r JOIN siem_alerts a ON a.report_id = r.id
     WHERE a.source_id = $1 GROUP BY r.id, r.status ORDER BY min(a.received_at)`,
    [sourceId],
  );
  return r.rows;
}

beforeAll(async () => {
  env = await testEnv({ poolSize: 8 });
  orgId = (await makeOrg(env.platform)).id;
  const a = await makeUser(env.platform, orgId, ['admin']);
  admin = as(env.app, await login(env.app, a.username, a.password));
  const r = await makeUser(env.platform, orgId, ['responder']);
  responder = as(env.app, await login(env.app, r.username, r.password));
});
afterAll(() => env.close());

describe('SIEM webhook endpoint', () => {
  let src: Created;
  beforeAll(async () => {
    src = await createSource({ name: 'Wazuh Sở', kind: 'wazuh', organisationId: orgId, groupWindowMinutes: 30 });
  });

  it('a signed Wazuh alert becomes a queued siem report attributed to the organisation; a replay answers 200 with it', async () => {
    const alert = wazuh('1764000902.1');
    const first = await post(src, alert);
    expect(first.statusCode, first.body).toBe(201);
    const out = first.json();
    expect(out).toMatchObject({ grouped: false, queued: true, created: true });
    const again = await post(src, alert);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ reportId: out.reportId, alertId: out.alertId, created: false });
    const report = (await admin('GET', `/api/reports/${out.reportId}`)).json();
    expect(report).toMatchObject({ source: 'siem', status: 'new', organisation: { id: orgId } });
    expect(report.title).toBe('sshd: brute force trying to get access to the system. Non existent user.');
    expect(report.observables).toEqual(expect.arrayContaining([{ type: 'ipv4', value: '203.0.113.77' }]));
  });

  it('refuses a wrong signature, a missing one, another secret and a stale timestamp (401), and says which', async () => {
    const alert = wazuh('1764000902.2');
    const wrong = await post(src, alert, { secret: 'whsec_not-the-secret' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('siem_auth_failed');
    const unsigned = await env.app.inject({
      method: 'POST',
      url: src.item.endpointPath,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(alert),
    });
    expect(unsigned.statusCode).toBe(401);
    const stale = await post(src, alert, { ts: Math.floor(Date.now() / 1000) - 3600 });
    expect(stale.statusCode).toBe(401);
    expect(stale.json().error.code).toBe('siem_timestamp_stale');
    // a body changed after signing
    const ts = Math.floor(Date.now() / 1000);
    const tampered = await env.app.inject({
      method: 'POST',
      url: src.item.endpointPath,
      headers: {
        'content-type': 'application/json',
        'x-canhgac-timestamp': String(ts),
        'x-canhgac-signature': signBody(src.secret, ts, JSON.stringify(alert)),
      },
      payload: JSON.stringify({ ...alert, rule: { level: 1, description: 'x' } }),
    });
    expect(tampered.statusCode).toBe(401);
    expect((await reportsOf(src.item.id)).length).toBe(1);
  });

  it('a body of the wrong shape is a 400 listing what is missing, localised', async () => {
    const res = await post(src, { hello: 'world', rule: { level: 'very' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('siem_alert_invalid');
    expect(res.json().error.message).toContain('title (rule.description): no value there');
    expect(res.json().error.message).toContain('level (rule.level): not a number');
    const vi = await post(src, { hello: 'world' }, { headers: { 'accept-language': 'vi' } });
    expect(vi.json().error.message).toContain('tiêu đề (rule.description): không có giá trị');
    expect((await post(src, '{not json')).json().error.code).toBe('invalid_json');
    expect((await post(src, '[1,2]')).json().error.code).toBe('siem_alert_invalid');
  });

  it('refuses a 50 MB body with 413 from its Content-Length, before reading it', async () => {
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = env.app.server.address() as AddressInfo;
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: src.item.endpointPath,
        headers: { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) },
      });
      req.on('response', (res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      // only 64 KiB of the announced 50 MB is ever sent: the answer must not wait for the rest
      req.write(Buffer.alloc(64 * 1024, 0x20));
    });
    expect(status).toBe(413);
  });

  it('keeps at most 64 KiB of the alert JSON, and says so', async () => {
    const res = await post(src, wazuh('big.1', { full_log: 'x'.repeat(100_000) }));
    expect(res.statusCode, res.body).toBe(201);
    const r = await env.platform.pool.query<{ n: number; cut: boolean }>(
      'SELECT length(raw)::int AS n, raw_truncated AS cut FROM siem_alerts WHERE id = $1',
      [res.json().alertId],
    );
    expect(r.rows[0]).toEqual({ n: 64 * 1024, cut: true });
  });

  it('alerts below the level are stored as logged reports, not queued for triage', async () => {
    const res = await post(src, fixture('wazuh-syscheck-low.json'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ queued: false, grouped: false });
    const report = (await admin('GET', `/api/reports/${res.json().reportId}`)).json();
    expect(report.status).toBe('logged');
    const queue = (await admin('GET', '/api/reports?status=new&limit=100')).json().items as { id: string }[];
    expect(queue.map((r) => r.id)).not.toContain(res.json().reportId);
  });

  it('groups alerts sharing an observable within the window, and not outside it', async () => {
    const g = await createSource({ name: 'Wazuh nhóm', kind: 'wazuh', groupWindowMinutes: 10 });
    const ip = { data: { srcip: '198.51.100.23' } };
    const a = (await post(g, wazuh('g.1', ip))).json();
    env.clock.advance(5 * 60_000);
    const b = await post(g, wazuh('g.2', { ...ip, agent: { id: '9', name: 'khac', ip: '10.0.0.9' } }));
    expect(b.statusCode).toBe(201);
    expect(b.json()).toMatchObject({ reportId: a.reportId, grouped: true });
    // the agent IP does not group: another attacker on the same host is another report
    const other = (await post(g, wazuh('g.3', { data: { srcip: '198.51.100.99' } }))).json();
    expect(other.reportId).not.toBe(a.reportId);
    env.clock.advance(11 * 60_000);
    const late = (await post(g, wazuh('g.4', ip))).json();
    expect(late.grouped).toBe(false);
    expect(late.reportId).not.toBe(a.reportId);
    const alerts = (await admin('GET', `/api/intake/siem/reports/${a.reportId}/alerts`)).json().items;
    expect(alerts.map((x: { externalId: string }) => x.externalId)).toEqual(['g.1', 'g.2']);
    expect(JSON.parse(alerts[1].raw).agent.name).toBe('khac');
  });

  it('a triaged report takes no more alerts: the next one opens a new report', async () => {
    const g = await createSource({ name: 'Wazuh phân loại', kind: 'wazuh' });
    const ip = { data: { srcip: '198.51.100.40' } };
    const a = (await post(g, wazuh('t.1', ip))).json();
    const triage = await admin('POST', `/api/reports/${a.reportId}/triage`, {
      action: 'dismiss',
      outcome: 'not-incident',
      reason: 'Quét thử',
    });
    expect(triage.statusCode, triage.body).toBe(200);
    const b = (await post(g, wazuh('t.2', ip))).json();
    expect(b).toMatchObject({ grouped: false });
    expect(b.reportId).not.toBe(a.reportId);
  });

  it('concurrent alerts sharing an observable make one report; concurrent replays one alert', async () => {
    const g = await createSource({ name: 'Wazuh song song', kind: 'wazuh' });
    const ip = { data: { srcip: '198.51.100.77' } };
    const sent = await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => post(g, wazuh(`c.${i}`, ip))),
      ...Array.from({ length: 4 }, () => post(g, wazuh('c.0', ip))),
    ]);
    for (const r of sent) expect([200, 201], r.body).toContain(r.statusCode);
    const rows = await reportsOf(g.item.id);
    expect(rows).toEqual([{ id: expect.any(String), status: 'new', n: 6 }]);
    expect(new Set(sent.map((r) => r.json().reportId)).size).toBe(1);
  });

  it('accepts a JSON content type with parameters (charset), as many SIEMs send it', async () => {
    const res = await post(src, wazuh('ct.1'), { headers: { 'content-type': 'application/json; charset=UTF-8' } });
    expect(res.statusCode, res.body).toBe(201);
    const text = await post(src, wazuh('ct.2'), { headers: { 'content-type': 'text/plain' } });
    expect(text.statusCode).toBe(415);
  });

  it('a level or time out of range is a clear 400 naming the field, never a server error', async () => {
    const level = await post(src, wazuh('range.1', { rule: { level: 1e10, description: 'x' } }));
    expect(level.statusCode).toBe(400);
    expect(level.json().error.code).toBe('siem_alert_invalid');
    expect(level.json().error.message).toContain('level (rule.level)');
    const time = await post(src, wazuh('range.2', { timestamp: 8.6e15 }));
    expect(time.statusCode).toBe(400);
    expect(time.json().error.message).toContain('detection time (timestamp)');
  });

  it('alerts whose long ids share their first 200 characters are distinct alerts, not replays', async () => {
    const g = await createSource({ name: 'Wazuh mã dài', kind: 'wazuh', groupWindowMinutes: 0 });
    const prefix = 'L'.repeat(300);
    const a = await post(g, wazuh(`${prefix}.1`));
    const b = await post(g, wazuh(`${prefix}.2`));
    expect(a.statusCode, a.body).toBe(201);
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json().alertId).not.toBe(a.json().alertId);
    const again = await post(g, wazuh(`${prefix}.2`));
    expect(again.statusCode).toBe(200);
    expect(again.json().alertId).toBe(b.json().alertId);
  });

  it('a disabled source refuses alerts (403) after authenticating them', async () => {
    const g = await createSource({ name: 'Wazuh tắt', kind: 'wazuh' });
    const off = await admin('PATCH', `/api/intake/siem/sources/${g.item.id}`, { enabled: false });
    expect(off.statusCode, off.body).toBe(200);
    const res = await post(g, wazuh('d.1'));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('siem_source_disabled');
  });
});

describe('generic sources and tokens', () => {
  const mapping = {
    externalId: 'alert.uuid',
    title: 'alert.name',
    description: 'alert.text',
    level: 'alert.severity',
    levelNames: { low: 2, medium: 5, high: 8 },
    detectedAt: 'alert.time',
    observables: [
      { path: 'network.src_ip', type: 'ip', group: true },
      { path: 'indicators[*].domain', type: 'domain', group: true },
    ],
  };
  const alert = (uuid: string, severity = 'high') => ({
    alert: { uuid, name: 'Truy vấn tên miền độc hại', text: 'DNS', severity, time: '2026-11-24T03:00:00Z' },
    network: { src_ip: '10.1.2.3' },
    indicators: [{ domain: 'ma-doc.vn' }],
  });

  it('maps with the source’s paths, authenticates by bearer token or X-CanhGac-Token, never by an API token', async () => {
    const g = await createSource({ name: 'SIEM chung', kind: 'generic', authMode: 'token', mapping, minLevel: 5 });
    expect(g.secret).toMatch(/^cgw_/);
    const send = (body: unknown, headers: Record<string, string>) =>
      env.app.inject({
        method: 'POST',
        url: g.item.endpointPath,
        headers: { 'content-type': 'application/json', ...headers },
        payload: JSON.stringify(body),
      });
    const ok = await send(alert('u-1'), { authorization: `Bearer ${g.secret}` });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ queued: true });
    const viaHeader = await send(alert('u-2', 'low'), { 'x-canhgac-token': g.secret });
    expect(viaHeader.statusCode).toBe(201);
    expect(viaHeader.json()).toMatchObject({ queued: false });
    expect((await send(alert('u-3'), { authorization: 'Bearer cgw_wrong' })).statusCode).toBe(401);
    // a user's API token is no source token, even an administrator's with write scope
    const apiToken = (await admin('POST', '/api/me/tokens', { name: 'siem', scopes: ['read', 'write'] })).json();
    const withApiToken = await send(alert('u-4'), { authorization: `Bearer ${apiToken.token}` });
    expect(withApiToken.statusCode).toBe(401);
    expect(withApiToken.json().error.code).toBe('siem_auth_failed');
    const report = (await admin('GET', `/api/reports/${ok.json().reportId}`)).json();
    expect(report.observables).toEqual(
      expect.arrayContaining([
        { type: 'ipv4', value: '10.1.2.3' },
        { type: 'domain', value: 'ma-doc.vn' },
      ]),
    );
    expect(report.detectedAt).toBe('2026-11-24T03:00:00.000Z');
  });

  it('any JSON body through a generic mapping answers 201, 200 or a 400 — never a server error', async () => {
    const g = await createSource({ name: 'SIEM ngẫu nhiên', kind: 'generic', mapping });
    const key = fc.constantFrom(
      'alert',
      'uuid',
      'name',
      'severity',
      'time',
      'network',
      'src_ip',
      'indicators',
      'domain',
    );
    const body = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.string({ maxLength: 20 }),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.constantFrom('high', '203.0.113.5', 'ma-doc.vn', '2026-11-24T03:00:00Z', '\u0000'),
        tie('array'),
        tie('object'),
      ),
      array: fc.array(tie('value'), { maxLength: 3 }),
      object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    })).value;
    await fc.assert(
      fc.asyncProperty(body, async (alert) => {
        const res = await post(g, alert);
        expect([200, 201, 400], res.body).toContain(res.statusCode);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a mapping whose paths do not parse, and a generic source without one', async () => {
    const bad = await admin('POST', '/api/intake/siem/sources', {
      name: 'x',
      kind: 'generic',
      mapping: { ...mapping, title: 'alert..name' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('siem_mapping_invalid');
    const none = await admin('POST', '/api/intake/siem/sources', { name: 'x', kind: 'generic' });
    expect(none.json().error.code).toBe('siem_mapping_required');
  });

  it('the preview runs a pasted alert through a mapping and stores nothing', async () => {
    const before = await env.platform.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM siem_alerts');
    const res = await responder('POST', '/api/intake/siem/preview', {
      kind: 'generic',
      mapping,
      minLevel: 5,
      alert: JSON.stringify(alert('p-1', 'medium')),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      ok: true,
      alert: { externalId: 'p-1', level: 5, queued: true, title: 'Truy vấn tên miền độc hại' },
    });
    const wz = await responder('POST', '/api/intake/siem/preview', { kind: 'wazuh', alert: '{"rule":{}}' });
    expect(wz.json()).toMatchObject({ ok: false, alert: null });
    expect(wz.json().problems).toContain('rule.description');
    const after = await env.platform.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM siem_alerts');
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it('the source list shows counts and never a secret; rotating gives a new one that works', async () => {
    const list = await responder('GET', '/api/intake/siem/sources');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toMatch(/whsec_|cgw_/);
    const wz = list.json().items.find((x: { name: string }) => x.name === 'Wazuh Sở');
    expect(wz.alerts.total).toBeGreaterThanOrEqual(2);
    const g = await createSource({ name: 'Xoay khoá', kind: 'wazuh' });
    const rotated = await admin('PATCH', `/api/intake/siem/sources/${g.item.id}`, { rotateSecret: true });
    const secret = rotated.json().secret as string;
    expect(secret).not.toBe(g.secret);
    expect((await post(g, wazuh('r.1'))).statusCode).toBe(401);
    expect((await post({ ...g, secret }, wazuh('r.2'))).statusCode).toBe(201);
    expect((await responder('PATCH', `/api/intake/siem/sources/${g.item.id}`, { enabled: false })).statusCode).toBe(
      403,
    );
  });
});
