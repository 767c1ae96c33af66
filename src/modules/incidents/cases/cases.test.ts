import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, PASSWORD } from '../../../../test/factories.ts';
import { type TestEnv, testEnv } from '../../../../test/harness.ts';
import { as, login, type Session } from '../../../../test/http.ts';
import { systemCtx } from '../../../platform/actor.ts';
import type { Tlp } from '../../../shared/vocabulary.ts';
import { runCommand } from '../../audit/command.ts';
import { createIncident, type NewIncident } from '../commands/create-incident.ts';

let env: TestEnv;
let home: { id: string };
let orgA: { id: string };
let orgB: { id: string };
let responder: Session;
let responderId: string;
let responder2: Session;
let responder2Id: string;
let memberA: Session;
let memberB: Session;
let viewer: Session;

const NOW = new Date('2026-03-18T03:00:00Z');

beforeAll(async () => {
  env = await testEnv();
  env.clock.set(NOW);
  home = await makeOrg(env.platform, 'coordinator');
  orgA = await makeOrg(env.platform, 'member', 'Sở Y tế');
  orgB = await makeOrg(env.platform, 'member', 'Sở Tư pháp');
  const r = await makeUser(env.platform, home.id, ['responder']);
  responderId = r.id;
  responder = await login(env.app, r.username, PASSWORD);
  const r2 = await makeUser(env.platform, home.id, ['responder']);
  responder2Id = r2.id;
  responder2 = await login(env.app, r2.username, PASSWORD);
  memberA = await login(env.app, (await makeUser(env.platform, orgA.id, ['member'])).username, PASSWORD);
  memberB = await login(env.app, (await makeUser(env.platform, orgB.id, ['member'])).username, PASSWORD);
  viewer = await login(env.app, (await makeUser(env.platform, home.id, ['viewer'])).username, PASSWORD);
});
afterAll(() => env.close());

const seed = (input: Partial<NewIncident> & { organisationId: string }) =>
  runCommand(env.platform.db, systemCtx('system:test', env.clock), (scope) =>
    createIncident(scope, { title: 'Sự cố thử', typeCode: 'malware', ...input }),
  );

const CLOSURE = {
  handledWith: ['alone'],
  estimatedDamageVnd: 15_000_000,
  damageNote: null,
  summary: 'Đã gỡ mã độc, khôi phục từ bản sao lưu.',
  rootCause: 'Mật khẩu yếu trên máy chủ quản trị.',
  lessons: null,
};

describe('opening and editing an incident', () => {
  it('the IR team opens one; a member may not', async () => {
    const body = { title: 'Tấn công thay đổi giao diện cổng Sở Y tế', typeCode: 'defacement', organisationId: orgA.id };
    const denied = await as(env.app, memberA)('POST', '/api/incidents', body);
    expect(denied.statusCode).toBe(403);
    const res = await as(env.app, responder)('POST', '/api/incidents', { ...body, severity: 'high', tlp: 'amber' });
    expect(res.statusCode, res.body).toBe(200);
    const detail = await as(env.app, responder)('GET', `/api/incidents/${res.json().id}`);
    expect(detail.json()).toMatchObject({
      number: expect.stringMatching(/^SC-2026-\d{6}$/),
      status: 'new',
      severity: 'high',
      type: { code: 'defacement', rsitClass: expect.any(String) },
      organisations: [{ organisationId: orgA.id, relation: 'affected' }],
      canWork: true,
      transitions: expect.arrayContaining(['triage', 'rejected', 'duplicate']),
      tasks: { open: 0, overdue: 0 },
    });
    const asMember = await as(env.app, memberA)('GET', `/api/incidents/${res.json().id}`);
    expect(asMember.json()).toMatchObject({ canWork: false, transitions: [] });
  });

  it('edits with an optimistic version; a stale version is 409 and writes nothing', async () => {
    const inc = await seed({ organisationId: orgA.id });
    const patch = as(env.app, responder);
    const first = await patch('PATCH', `/api/incidents/${inc.id}`, {
      version: 1,
      title: 'Đã đổi tên',
      severity: 'critical',
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ version: 2, title: 'Đã đổi tên', severity: 'critical' });
    const stale = await patch('PATCH', `/api/incidents/${inc.id}`, { version: 1, title: 'Ghi đè' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'incident_version_conflict',
      message: expect.stringContaining('2'),
    });
    const now = await patch('GET', `/api/incidents/${inc.id}`);
    expect(now.json().title).toBe('Đã đổi tên');
    const badType = await patch('PATCH', `/api/incidents/${inc.id}`, { version: 2, typeCode: 'no-such-type' });
    expect(badType.statusCode).toBe(400);
    const lead = await patch('PATCH', `/api/incidents/${inc.id}`, { version: 2, leadUserId: responder2Id });
    expect(lead.statusCode, lead.body).toBe(200);
    const d = (await patch('GET', `/api/incidents/${inc.id}`)).json();
    expect(d.members).toEqual([expect.objectContaining({ userId: responder2Id, role: 'lead' })]);
    // Saving the form without edits answers with the incident as it is and writes nothing.
    const same = await patch('PATCH', `/api/incidents/${inc.id}`, { version: 3, title: 'Đã đổi tên' });
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toMatchObject({ version: 3, title: 'Đã đổi tên' });
    const audit = await env.platform.pool.query(
      `SELECT action FROM audit_log WHERE subject_id = $1 AND action = 'incident.update'`,
      [inc.id],
    );
    expect(audit.rowCount).toBe(2);
    const events = await env.platform.pool.query(`SELECT kind FROM incident_events WHERE incident_id = $1`, [inc.id]);
    expect(events.rows.map((r) => r.kind)).toEqual(['created', 'fields', 'fields']);
  });

  it('stores script text as text', async () => {
    const inc = await seed({ organisationId: orgA.id });
    const xss = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const res = await as(env.app, responder)('PATCH', `/api/incidents/${inc.id}`, { version: 1, title: xss });
    expect(res.json().title).toBe(xss);
  });
});

describe('lifecycle', () => {
  it('walks new → … → closed, stamps the times, and needs the Mẫu 05 facts to close', async () => {
    const inc = await seed({ organisationId: orgA.id });
    const post = (body: object) => as(env.app, responder)('POST', `/api/incidents/${inc.id}/status`, body);
    expect((await post({ status: 'closed', closure: CLOSURE })).statusCode).toBe(409);
    env.clock.set(new Date(NOW.getTime() + 3_600_000));
    const triage = await post({ status: 'triage' });
    expect(triage.json()).toMatchObject({
      status: 'triage',
      triagedAt: new Date(NOW.getTime() + 3_600_000).toISOString(),
    });
    for (const status of ['containment', 'eradication', 'recovery', 'resolved'])
      expect((await post({ status })).statusCode).toBe(200);
    const missing = await post({ status: 'closed' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('incident_closure_required');
    const partial = await post({ status: 'closed', closure: { ...CLOSURE, handledWith: [] } });
    expect(partial.statusCode).toBe(400);
    const reopened = await post({ status: 'recovery', reason: 'Mã độc quay lại' });
    expect(reopened.json()).toMatchObject({ status: 'recovery', resolvedAt: null });
    await post({ status: 'resolved' });
    const closed = await post({ status: 'closed', closure: CLOSURE });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', closure: CLOSURE, closedAt: expect.any(String) });
    expect((await post({ status: 'triage' })).statusCode).toBe(409);
    const stale = await as(env.app, responder)('POST', `/api/incidents/${inc.id}/status`, {
      status: 'triage',
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    env.clock.set(NOW);
  });

  it('rejects and marks duplicates from open states; a member cannot change status', async () => {
    const inc = await seed({ organisationId: orgA.id });
    expect(
      (await as(env.app, memberA)('POST', `/api/incidents/${inc.id}/status`, { status: 'triage' })).statusCode,
    ).toBe(403);
    expect(
      (await as(env.app, memberB)('POST', `/api/incidents/${inc.id}/status`, { status: 'triage' })).statusCode,
    ).toBe(404);
    const res = await as(env.app, responder)('POST', `/api/incidents/${inc.id}/status`, { status: 'duplicate' });
    expect(res.json().status).toBe('duplicate');
  });
});

describe('serious incident, members, organisations, systems', () => {
  it('stores the checklist with the verdict and its reasons; a timeline entry when it becomes serious', async () => {
    const inc = await seed({ organisationId: orgA.id });
    const put = (answers: object) => as(env.app, responder)('PUT', `/api/incidents/${inc.id}/serious`, { answers });
    const serious = await put({
      securityLevel: 4,
      impacts: { serviceOutage: 'yes' },
      beyondOwnerCapacity: 'yes',
    });
    expect(serious.statusCode, serious.body).toBe(200);
    expect(serious.json().verdict).toMatchObject({ serious: true, reasons: expect.arrayContaining(['highLevel']) });
    const d = (await as(env.app, responder)('GET', `/api/incidents/${inc.id}`)).json();
    expect(d).toMatchObject({ serious: 'serious', seriousVerdict: { serious: true } });
    const ev = await env.platform.pool.query(
      `SELECT kind FROM incident_events WHERE incident_id = $1 AND kind = 'serious'`,
      [inc.id],
    );
    expect(ev.rowCount).toBe(1);
    expect((await put({ securityLevel: 9 })).statusCode).toBe(400);
  });

  it('TLP:RED is visible to the named users only', async () => {
    const inc = await seed({ organisationId: orgA.id, tlp: 'red' });
    expect((await as(env.app, responder2)('GET', `/api/incidents/${inc.id}`)).statusCode).toBe(404);
    const list = (await as(env.app, responder2)('GET', '/api/incidents?tlp=red')).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(inc.id);
    // The system names responder 1 (lead); the lead then names responder 2.
    await runCommand(env.platform.db, systemCtx('system:test', env.clock), async (scope) => {
      await scope.tx.execute(
        `INSERT INTO incident_members (incident_id, user_id, role) VALUES ('${inc.id}', '${responderId}', 'lead')` as never,
      );
      scope.audit({ action: 'test.seed', subjectType: 'incident', subjectId: inc.id });
    });
    const put = await as(env.app, responder)('PUT', `/api/incidents/${inc.id}/members`, {
      members: [
        { userId: responderId, role: 'lead' },
        { userId: responder2Id, role: 'team' },
      ],
    });
    expect(put.statusCode, put.body).toBe(200);
    expect((await as(env.app, responder2)('GET', `/api/incidents/${inc.id}`)).statusCode).toBe(200);
    const twoLeads = await as(env.app, responder)('PUT', `/api/incidents/${inc.id}/members`, {
      members: [
        { userId: responderId, role: 'lead' },
        { userId: responder2Id, role: 'lead' },
      ],
    });
    expect(twoLeads.statusCode).toBe(400);
  });

  it('adds organisations (AMBER then reaches them) and systems; the owner stays affected', async () => {
    const inc = await seed({ organisationId: orgA.id });
    expect((await as(env.app, memberB)('GET', `/api/incidents/${inc.id}`)).statusCode).toBe(404);
    const put = (organisations: object[]) =>
      as(env.app, responder)('PUT', `/api/incidents/${inc.id}/organisations`, { organisations });
    expect((await put([{ organisationId: orgB.id, relation: 'affected' }])).statusCode).toBe(400);
    const ok = await put([
      { organisationId: orgA.id, relation: 'affected' },
      { organisationId: orgB.id, relation: 'affected' },
    ]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await as(env.app, memberB)('GET', `/api/incidents/${inc.id}`)).statusCode).toBe(200);
    const sys = await as(env.app, responder)('PUT', `/api/incidents/${inc.id}/systems`, {
      systemIds: ['00000000-0000-4000-8000-000000000001'],
    });
    expect(sys.statusCode).toBe(400);
    const sugg = await as(env.app, responder)('GET', `/api/incidents/${inc.id}/suggestions`);
    expect(sugg.json()).toEqual({ organisations: [], systems: [] });
    // a list read at an older version would drop the change made since: 409, nothing replaced
    const stale = await as(env.app, responder)('PUT', `/api/incidents/${inc.id}/organisations`, {
      organisations: [{ organisationId: orgA.id, relation: 'affected' }],
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('incident_version_conflict');
    expect((await as(env.app, memberB)('GET', `/api/incidents/${inc.id}`)).statusCode).toBe(200);
    const current = (await as(env.app, responder)('GET', `/api/incidents/${inc.id}`)).json().version;
    const fresh = await as(env.app, responder)('PUT', `/api/incidents/${inc.id}/systems`, {
      systemIds: [],
      version: current,
    });
    expect(fresh.statusCode, fresh.body).toBe(200);
  });
});

describe('list filters, saved views, export', () => {
  let lorg: { id: string };
  let lead: Session;
  let ids: Record<string, string>;
  beforeAll(async () => {
    lorg = await makeOrg(env.platform, 'member', 'Sở Giáo dục');
    const leadUser = await makeUser(env.platform, home.id, ['responder']);
    lead = await login(env.app, leadUser.username, PASSWORD);
    const mk = async (key: string, input: Partial<NewIncident>, at: string) => {
      env.clock.set(new Date(at));
      const row = await seed({ organisationId: lorg.id, ...input });
      return [key, row.id] as const;
    };
    ids = Object.fromEntries([
      await mk(
        'ddos',
        { title: 'Tấn công từ chối dịch vụ cổng Sở Giáo dục', typeCode: 'denial-of-service', severity: 'high' },
        '2026-01-05T02:00:00Z',
      ),
      await mk(
        'phish',
        { title: 'Thư lừa đảo giả mạo Bộ', typeCode: 'spoofing', severity: 'low', tlp: 'green' },
        '2026-02-05T02:00:00Z',
      ),
      await mk(
        'led',
        { title: 'Mã độc mã hoá dữ liệu', typeCode: 'encryption', severity: 'critical', leadUserId: leadUser.id },
        '2026-03-01T02:00:00Z',
      ),
    ]);
    env.clock.set(NOW);
  });

  const list = async (qs: string, s: Session = lead) => {
    const res = await as(env.app, s)('GET', `/api/incidents?organisationId=${lorg.id}&${qs}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items.map((i: { id: string }) => i.id);
  };

  it('filters by each field, newest first, with keyset pages', async () => {
    expect(await list('')).toEqual([ids.led, ids.phish, ids.ddos]);
    expect(await list('severity=high&severity=critical')).toEqual([ids.led, ids.ddos]);
    expect(await list('typeCode=spoofing')).toEqual([ids.phish]);
    expect(await list('tlp=green')).toEqual([ids.phish]);
    expect(await list('status=new')).toHaveLength(3);
    expect(await list('status=closed')).toEqual([]);
    expect(await list('from=2026-02-01&to=2026-02-28')).toEqual([ids.phish]);
    expect(await list('q=tu choi dich vu')).toEqual([ids.ddos]);
    expect(await list('q=MA HOA')).toEqual([ids.led]);
    const leadId = (await env.platform.pool.query(`SELECT lead_user_id FROM incidents WHERE id = $1`, [ids.led]))
      .rows[0].lead_user_id;
    expect(await list(`assigneeUserId=${leadId}`)).toEqual([ids.led]);
    expect(await list('systemId=00000000-0000-4000-8000-000000000001')).toEqual([]);
    const page1 = (await as(env.app, lead)('GET', `/api/incidents?organisationId=${lorg.id}&limit=2`)).json();
    expect(page1.items).toHaveLength(2);
    const page2 = (
      await as(env.app, lead)('GET', `/api/incidents?organisationId=${lorg.id}&limit=2&cursor=${page1.nextCursor}`)
    ).json();
    expect(page2.items.map((i: { id: string }) => i.id)).toEqual([ids.ddos]);
    expect(page2.nextCursor).toBeNull();
    expect((await as(env.app, lead)('GET', '/api/incidents?severity=urgent')).statusCode).toBe(400);
  });

  it('scopes the list: a viewer sees GREEN only, a member of another organisation nothing', async () => {
    expect(await list('', viewer)).toEqual([ids.phish]);
    expect(await list('', memberB)).toEqual([]);
  });

  it('saves, lists and deletes own views; others cannot delete them', async () => {
    const saved = await as(env.app, lead)('POST', '/api/incident-views', {
      name: 'Nghiêm trọng',
      filters: { severity: ['critical'] },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(
      (await as(env.app, lead)('POST', '/api/incident-views', { name: 'Nghiêm trọng', filters: {} })).statusCode,
    ).toBe(409);
    expect(
      (await as(env.app, lead)('POST', '/api/incident-views', { name: 'x', filters: { severity: ['bad'] } }))
        .statusCode,
    ).toBe(400);
    const mine = (await as(env.app, lead)('GET', '/api/incident-views')).json();
    expect(mine.items).toEqual([{ id: saved.json().id, name: 'Nghiêm trọng', filters: { severity: ['critical'] } }]);
    expect((await as(env.app, responder)('GET', '/api/incident-views')).json().items).toEqual([]);
    expect((await as(env.app, responder)('DELETE', `/api/incident-views/${saved.json().id}`)).statusCode).toBe(404);
    expect((await as(env.app, lead)('DELETE', `/api/incident-views/${saved.json().id}`)).statusCode).toBe(204);
  });

  it('exports the visible filtered rows as CSV and XLSX', async () => {
    const csv = await as(env.app, lead)(
      'GET',
      `/api/incidents/export?format=csv&organisationId=${lorg.id}&severity=high,critical`,
    );
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('Số hiệu');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('Mã độc mã hoá dữ liệu');
    expect(lines[2]).toContain('TLP:AMBER');
    // in the interface language: English headers and type names on request
    const en = await as(env.app, lead)(
      'GET',
      `/api/incidents/export?format=csv&lang=en&organisationId=${lorg.id}&severity=high,critical`,
    );
    const enLines = en.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(enLines[0]).toMatch(/^Number,Title,Type,/);
    expect(String(en.headers['content-disposition'])).toContain('filename="incidents-');
    const viewerCsv = await as(env.app, viewer)('GET', `/api/incidents/export?organisationId=${lorg.id}`);
    expect(viewerCsv.body.trim().split('\r\n')).toHaveLength(2);
    const xlsx = await env.app.inject({
      method: 'GET',
      url: `/api/incidents/export?format=xlsx&organisationId=${lorg.id}`,
      headers: { cookie: lead.cookie },
    });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws?.rowCount).toBe(4);
    expect(String(ws?.getRow(2).getCell(2).value)).toBe('Mã độc mã hoá dữ liệu');
  });

  it('neutralises formula-like text in exports', async () => {
    env.clock.set(new Date('2026-03-02T02:00:00Z'));
    await seed({ organisationId: lorg.id, title: '=HYPERLINK("http://evil.example","x")', severity: 'medium' });
    env.clock.set(NOW);
    const csv = await as(env.app, lead)('GET', `/api/incidents/export?organisationId=${lorg.id}&severity=medium`);
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
  });
});

describe('dashboard', () => {
  it('counts a small known set, as a member of that organisation sees it', async () => {
    const org = await makeOrg(env.platform, 'member', 'Sở Nội vụ');
    const member = await login(env.app, (await makeUser(env.platform, org.id, ['member-lead'])).username, PASSWORD);
    const at = (iso: string) => env.clock.set(new Date(iso));
    const mk = async (iso: string, input: Partial<NewIncident>, tlp: Tlp = 'amber') => {
      at(iso);
      return seed({ organisationId: org.id, tlp, ...input });
    };
    const a = await mk('2026-03-16T01:00:00Z', { severity: 'high', typeCode: 'malware' });
    const b = await mk('2026-03-10T01:00:00Z', { severity: 'high', typeCode: 'malware' });
    const c = await mk('2026-03-03T01:00:00Z', { severity: 'low', typeCode: 'defacement' });
    await mk('2026-03-03T02:00:00Z', { severity: 'critical', typeCode: 'malware' }, 'red');
    const pool = env.platform.pool;
    // MTTA: 1 h and 3 h → median 2 h; MTTR: 10 h.
    await pool.query(`UPDATE incidents SET triaged_at = reported_at + interval '1 hour' WHERE id = $1`, [a.id]);
    await pool.query(
      `UPDATE incidents SET status = 'resolved', triaged_at = reported_at + interval '3 hours', resolved_at = reported_at + interval '10 hours' WHERE id = $1`,
      [b.id],
    );
    await pool.query(
      `INSERT INTO incident_tasks (incident_id, title, due_at) VALUES ($1, 'Quá hạn', '2026-03-17T00:00:00Z'), ($1, 'Chưa hạn', '2026-03-30T00:00:00Z')`,
      [c.id],
    );
    at(NOW.toISOString());
    const res = await as(env.app, member)('GET', '/api/incidents/dashboard');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.openBySeverity).toEqual({ low: 1, medium: 0, high: 1, critical: 0 });
    expect(d.newPerWeek).toHaveLength(13);
    expect(d.newPerWeek.slice(-3)).toEqual([
      { week: '2026-03-02', count: 1 },
      { week: '2026-03-09', count: 1 },
      { week: '2026-03-16', count: 1 },
    ]);
    expect(d.byType).toEqual([
      expect.objectContaining({ code: 'malware', n: 2 }),
      expect.objectContaining({ code: 'defacement', n: 1 }),
    ]);
    expect(d.byOrganisation).toEqual([expect.objectContaining({ id: org.id, n: 3 })]);
    expect(d.mttaSeconds).toBe(7200);
    expect(d.mttrSeconds).toBe(36000);
    expect(d.overdueTasks).toBe(1);
  });
});
