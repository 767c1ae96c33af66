import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../../test/factories.ts';
import { type TestEnv, testEnv } from '../../../../test/harness.ts';
import { as, login, type Session } from '../../../../test/http.ts';

let env: TestEnv;
let orgA: string;
let orgB: string;
let member: ReturnType<typeof as>;
let memberSession: Session;
let memberB: ReturnType<typeof as>;
let responder: ReturnType<typeof as>;
let viewer: ReturnType<typeof as>;
let memberUserId: string;
let systemA: string;
let systemB: string;

const HTML = '<script>alert("x")</script><img src=x onerror=alert(1)>';

const body = (over: Record<string, unknown> = {}) => ({
  title: 'Mã độc trên máy chủ cổng thông tin',
  description: 'Phát hiện kết nối tới 203.0.113[.]7 và hxxp://evil[.]example/payload.exe',
  detectedAt: '2026-03-01T02:00:00Z',
  detectionMethod: 'ids',
  handlingState: 'not-yet',
  ...over,
});

async function count(table: string): Promise<number> {
  const r = await env.platform.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return r.rows[0]?.n ?? 0;
}

async function upload(session: ReturnType<typeof as>, name: string) {
  const form = new FormData();
  form.append('file', new File(['nhật ký\n'], name, { type: 'text/plain' }));
  const res = await session('POST', '/api/files', form);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ item: { id: string; name: string } }>().item;
}

beforeAll(async () => {
  env = await testEnv({ poolSize: 12 });
  orgA = (await makeOrg(env.platform, 'member', 'Sở Thông tin và Truyền thông')).id;
  orgB = (await makeOrg(env.platform)).id;
  const m = await makeUser(env.platform, orgA, ['member']);
  memberUserId = m.id;
  const mb = await makeUser(env.platform, orgB, ['member']);
  const r = await makeUser(env.platform, orgB, ['responder']);
  const c = await makeUser(env.platform, orgB, ['coordinator']);
  const v = await makeUser(env.platform, orgA, ['viewer']);
  memberSession = await login(env.app, m.username, m.password);
  member = as(env.app, memberSession);
  memberB = as(env.app, await login(env.app, mb.username, mb.password));
  responder = as(env.app, await login(env.app, r.username, r.password));
  viewer = as(env.app, await login(env.app, v.username, v.password));
  const coordinator = as(env.app, await login(env.app, c.username, c.password));
  const sys = async (code: string, ownerOrgId: string) => {
    const res = await coordinator('POST', '/api/systems', {
      code,
      name: `Hệ thống ${code}`,
      ownerOrgId,
      category: 'internal',
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ id: string }>().id;
  };
  systemA = await sys('SYS-A', orgA);
  systemB = await sys('SYS-B', orgB);
});
afterAll(() => env.close());

describe('submitting a report', () => {
  it('files a report with a tracking number, its observables, and acknowledges it at once', async () => {
    const res = await member('POST', '/api/reports', body({ systemId: systemA }));
    expect(res.statusCode, res.body).toBe(201);
    const out = res.json();
    expect(out.trackingNo).toMatch(/^TN-\d{4}-\d{6}$/);
    expect(out.acknowledgedAt).not.toBeNull();
    expect(out.created).toBe(true);
    const detail = (await member('GET', `/api/reports/${out.id}`)).json();
    expect(detail.observables).toEqual(
      expect.arrayContaining([
        { type: 'ipv4', value: '203.0.113.7' },
        { type: 'url', value: expect.stringContaining('evil.example') },
      ]),
    );
    expect(detail.system).toEqual({ id: systemA, name: 'Hệ thống SYS-A' });
    expect(detail.reporter.name).toBe('Sở Thông tin và Truyền thông');
    expect(detail.organisation.id).toBe(orgA);
    expect(detail.tlp).toBe('amber');
    const inbox = (await member('GET', '/api/me/notifications')).json();
    expect(JSON.stringify(inbox)).toContain(out.trackingNo);
    const audit = await env.platform.pool.query(
      `SELECT 1 FROM audit_log WHERE action = 'incident.report.submit' AND subject_id = $1`,
      [out.id],
    );
    expect(audit.rowCount).toBe(1);
  });

  it('a re-send with the same externalId returns the first report (200), also in parallel', async () => {
    const first = await member('POST', '/api/reports', body({ externalId: 'siem-1' }));
    expect(first.statusCode).toBe(201);
    const again = await member('POST', '/api/reports', body({ externalId: 'siem-1', title: 'khác' }));
    expect(again.statusCode).toBe(200);
    expect(again.json().trackingNo).toBe(first.json().trackingNo);

    const before = await count('reports');
    const parallel = await Promise.all(
      Array.from({ length: 8 }, () => member('POST', '/api/reports', body({ externalId: 'siem-parallel' }))),
    );
    expect(parallel.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(parallel.map((r) => r.json().trackingNo)).size).toBe(1);
    expect(await count('reports')).toBe(before + 1);
  });

  it('keeps 10,000 observables, flags the rest as truncated, in reasonable time', async () => {
    const observables = Array.from({ length: 10_500 }, (_, i) => ({
      type: 'ipv4',
      value: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    }));
    const started = Date.now();
    const res = await member('POST', '/api/reports', body({ observables }));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(res.json().observableCount).toBe(10_000);
    expect(res.json().observablesTruncated).toBe(true);
    const detail = (await responder('GET', `/api/reports/${res.json().id}`)).json();
    expect(detail.observableCount).toBe(10_000);
    expect(detail.observablesTruncated).toBe(true);
  }, 60_000);

  it('stores HTML and script in every text field verbatim and returns it as data', async () => {
    const res = await member(
      'POST',
      '/api/reports',
      body({
        title: HTML,
        description: HTML,
        systemName: HTML,
        detectionDetail: HTML,
        handlingResult: HTML,
        requests: HTML,
        reporter: { name: HTML, address: HTML },
        contact: { name: HTML, title: HTML },
        extra: { operatingSystem: HTML, services: [HTML] },
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const detail = await member('GET', `/api/reports/${res.json().id}`);
    expect(detail.headers['content-type']).toContain('application/json');
    const d = detail.json();
    for (const v of [
      d.title,
      d.description,
      d.system.name,
      d.detectionDetail,
      d.handlingResult,
      d.requests,
      d.reporter.name,
      d.reporter.address,
      d.contact.name,
      d.contact.title,
      d.extra.operatingSystem,
      d.extra.services[0],
    ])
      expect(v).toBe(HTML);
  });

  it('attaches the user’s own uploads; a path-traversal file name stays a plain name', async () => {
    const file = await upload(member, '../../etc/passwd');
    const res = await member('POST', '/api/reports', body({ fileIds: [file.id] }));
    expect(res.statusCode, res.body).toBe(201);
    const d = (await member('GET', `/api/reports/${res.json().id}`)).json();
    expect(d.files).toHaveLength(1);
    expect(d.files[0].id).toBe(file.id);
    expect(d.files[0].name).toBe(file.name);
    expect(d.files[0].name).not.toContain('/');
  });

  it('refuses bad input with a localised 4xx and writes nothing', async () => {
    const others = await upload(memberB, 'b.log');
    const before = [await count('reports'), await count('report_observables'), await count('report_files')];
    const cases: [Record<string, unknown>, number, string | undefined][] = [
      [body({ observables: [{ type: 'ipv4', value: '999.1.1.1' }] }), 400, 'report_observables_invalid'],
      [body({ systemId: systemB }), 400, 'report_system_unknown'],
      [body({ systemId: '00000000-0000-4000-8000-000000000000' }), 400, 'report_system_unknown'],
      [body({ fileIds: [others.id] }), 400, 'report_files_invalid'],
      [body({ title: 'x'.repeat(501) }), 400, 'validation_failed'],
      [body({ description: 'x'.repeat(100_001) }), 400, 'validation_failed'],
      [body({ detectionMethod: 'telepathy' }), 400, 'validation_failed'],
      [body({ title: '' }), 400, 'validation_failed'],
      [body({ unknown: 1 }), 400, 'validation_failed'],
      [body({ description: 'a\u0000b' }), 400, 'invalid_characters'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await member('POST', '/api/reports', payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 120)).toBe(status);
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.message.length).toBeGreaterThan(0);
    }
    const vi = await env.app.inject({
      method: 'POST',
      url: '/api/reports',
      headers: { cookie: memberSession.cookie, 'x-csrf-token': memberSession.csrf, 'accept-language': 'vi' },
      payload: body({ observables: [{ type: 'email', value: 'không phải email' }] }),
    });
    expect(vi.statusCode).toBe(400);
    expect(vi.json().error.message).toContain('không hợp lệ');
    const big = await member('POST', '/api/reports', body({ description: 'x'.repeat(1_100_000) }));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('body_too_large');
    expect([await count('reports'), await count('report_observables'), await count('report_files')]).toEqual(before);
  });

  it('takes reports over the API with a write token; a read token may not report', async () => {
    const token = async (scopes: string[]) =>
      (await member('POST', '/api/me/tokens', { name: `t-${scopes.join('-')}`, scopes })).json<{ token: string }>()
        .token;
    const send = async (bearer: string, payload: unknown) =>
      env.app.inject({
        method: 'POST',
        url: '/api/reports',
        headers: { authorization: `Bearer ${bearer}` },
        payload: payload as object,
      });
    const writer = await token(['read', 'write']);
    const first = await send(writer, body({ externalId: 'api-1' }));
    expect(first.statusCode, first.body).toBe(201);
    const again = await send(writer, body({ externalId: 'api-1' }));
    expect(again.statusCode).toBe(200);
    expect(again.json().trackingNo).toBe(first.json().trackingNo);
    // the member form's externalId space is its own: the same id from the form is another report
    const form = await member('POST', '/api/reports', body({ externalId: 'api-1' }));
    expect(form.json().trackingNo).not.toBe(first.json().trackingNo);
    const d = (await member('GET', `/api/reports/${first.json().id}`)).json();
    expect(d.source).toBe('api');
    expect(d.externalId).toBe('api-1');
    const reader = await token(['read']);
    expect((await send(reader, body())).statusCode).toBe(403);
  });

  it('a viewer may not report', async () => {
    const res = await viewer('POST', '/api/reports', body());
    expect(res.statusCode).toBe(403);
  });

  it('random bodies never cause a 5xx (property)', async () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constant(HTML), fc.constant('../../x'));
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            title: text,
            description: text,
            detectedAt: fc.oneof(fc.string(), fc.constant('2026-01-01T00:00:00Z')),
            detectionMethod: fc.constantFrom('ids', 'log', 'x'),
            handlingState: fc.constantFrom('handled', 'not-yet', ''),
            systemId: fc.oneof(fc.uuid(), fc.string()),
            externalId: text,
            tlp: fc.constantFrom('amber', 'red', 'purple'),
            observables: fc.array(
              fc.record({ type: fc.constantFrom('ipv4', 'domain', 'sha256', 'nope'), value: text }),
              { maxLength: 5 },
            ),
            fileIds: fc.array(fc.oneof(fc.uuid(), fc.string()), { maxLength: 2 }),
            extra: fc.dictionary(fc.string(), fc.jsonValue()),
          },
          { requiredKeys: [] },
        ),
        async (payload) => {
          const res = await member('POST', '/api/reports', payload);
          expect(res.statusCode, res.body.slice(0, 200)).toBeLessThan(500);
        },
      ),
      { numRuns: 120 },
    );
  }, 120_000);
});

describe('lists and detail', () => {
  it('members see their organisation’s reports, the IR team all; search ignores diacritics; keyset pages', async () => {
    const mine = await member('POST', '/api/reports', body({ title: 'Tấn công từ chối dịch vụ cổng Sở' }));
    const theirs = await memberB('POST', '/api/reports', body({ title: 'Lừa đảo qua thư điện tử' }));
    const memberList = (await member('GET', '/api/reports?limit=100')).json();
    expect(memberList.items.map((r: { id: string }) => r.id)).toContain(mine.json().id);
    expect(memberList.items.map((r: { id: string }) => r.id)).not.toContain(theirs.json().id);
    expect((await member('GET', `/api/reports/${theirs.json().id}`)).statusCode).toBe(404);
    expect((await responder('GET', `/api/reports/${theirs.json().id}`)).statusCode).toBe(200);
    const found = (await responder('GET', '/api/reports?q=tu%20choi%20dich%20vu')).json();
    expect(found.items.map((r: { id: string }) => r.id)).toEqual([mine.json().id]);
    const p1 = (await responder('GET', '/api/reports?limit=2')).json();
    const p2 = (await responder('GET', `/api/reports?limit=2&cursor=${p1.nextCursor}`)).json();
    expect(p1.items).toHaveLength(2);
    expect(p2.items.length).toBeGreaterThan(0);
    expect(p2.items.map((r: { id: string }) => r.id)).not.toContain(p1.items[0].id);
    expect(p2.items.map((r: { id: string }) => r.id)).not.toContain(p1.items[1].id);
    const bad = await responder('GET', '/api/reports?cursor=%25%25not-a-cursor');
    expect(bad.statusCode).toBe(200);
  });
});

describe('triage', () => {
  it('opens an incident from a report, with its observables, once', async () => {
    const rep = (await member('POST', '/api/reports', body({ systemId: systemA }))).json();
    const forbidden = await member('POST', `/api/reports/${rep.id}/triage`, { action: 'open', typeCode: 'malware' });
    expect(forbidden.statusCode).toBe(403);
    const res = await responder('POST', `/api/reports/${rep.id}/triage`, {
      action: 'open',
      typeCode: 'malware',
      severity: 'high',
    });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json();
    expect(out.status).toBe('accepted');
    expect(out.incident.number).toMatch(/^SC-\d{4}-\d{6}$/);
    const inc = await env.platform.pool.query(
      'SELECT status, organisation_id, triaged_at, reported_at, severity FROM incidents WHERE id = $1',
      [out.incident.id],
    );
    expect(inc.rows[0]).toMatchObject({ status: 'triage', organisation_id: orgA, severity: 'high' });
    const obs = await env.platform.pool.query(
      'SELECT type, value FROM incident_observables WHERE incident_id = $1 AND report_id = $2',
      [out.incident.id, rep.id],
    );
    expect(obs.rows).toEqual(expect.arrayContaining([{ type: 'ipv4', value: '203.0.113.7' }]));
    const rel = await env.platform.pool.query(
      'SELECT organisation_id, relation FROM incident_organisations WHERE incident_id = $1',
      [out.incident.id],
    );
    expect(rel.rows).toEqual(expect.arrayContaining([{ organisation_id: orgA, relation: 'reporting' }]));
    const events = await env.platform.pool.query('SELECT kind FROM incident_events WHERE incident_id = $1', [
      out.incident.id,
    ]);
    expect(events.rows.map((e) => e.kind)).toEqual(expect.arrayContaining(['created', 'report', 'observable']));
    const again = await responder('POST', `/api/reports/${rep.id}/triage`, {
      action: 'dismiss',
      outcome: 'spam',
      reason: 'x',
    });
    expect(again.statusCode).toBe(409);
    const d = (await member('GET', `/api/reports/${rep.id}`)).json();
    expect(d.incident).toEqual(out.incident);
    expect(d.status).toBe('accepted');
  });

  it('attaches a report to an incident, dismisses one with a reason, and finds similar items', async () => {
    const first = (await member('POST', '/api/reports', body())).json();
    const opened = (
      await responder('POST', `/api/reports/${first.id}/triage`, { action: 'open', typeCode: 'malware' })
    ).json();
    const second = (await memberB('POST', '/api/reports', body({ title: 'Cùng địa chỉ 203.0.113.7' }))).json();
    const similar = (await responder('GET', `/api/reports/${second.id}/similar`)).json();
    expect(similar.reports.map((r: { id: string }) => r.id)).toContain(first.id);
    expect(similar.incidents.map((i: { id: string }) => i.id)).toContain(opened.incident.id);
    expect((await member('GET', `/api/reports/${first.id}/similar`)).statusCode).toBe(403);

    const attached = await responder('POST', `/api/reports/${second.id}/triage`, {
      action: 'attach',
      incidentId: opened.incident.id,
    });
    expect(attached.statusCode, attached.body).toBe(200);
    expect(attached.json().incident.id).toBe(opened.incident.id);

    const third = (await member('POST', '/api/reports', body())).json();
    const noReason = await responder('POST', `/api/reports/${third.id}/triage`, { action: 'dismiss', outcome: 'spam' });
    expect(noReason.statusCode).toBe(400);
    const missing = await responder('POST', `/api/reports/${third.id}/triage`, {
      action: 'attach',
      incidentId: '00000000-0000-4000-8000-000000000000',
    });
    expect(missing.statusCode).toBe(404);
    const dismissed = await responder('POST', `/api/reports/${third.id}/triage`, {
      action: 'dismiss',
      outcome: 'duplicate',
      reason: 'Trùng báo cáo trước',
    });
    expect(dismissed.statusCode).toBe(200);
    expect(dismissed.json().status).toBe('duplicate');
    const list = (await responder('GET', '/api/reports?status=new&limit=100')).json();
    expect(list.items.map((r: { id: string }) => r.id)).not.toContain(third.id);
    expect(memberUserId).toBeTruthy();
  });
});
