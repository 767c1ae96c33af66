import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, PASSWORD } from '../../../test/factories.ts';
import { type TestEnv, testEnv } from '../../../test/harness.ts';
import { as, login } from '../../../test/http.ts';
import { systemCtx } from '../../platform/actor.ts';
import { encodeCursor } from '../../platform/pagination.ts';
import { runCommand } from '../audit/command.ts';
import { caseworkFixture } from './casework/casework-fixture.ts';
import { attachObservables } from './casework/observables/attach-observables.ts';

/** Review of issue #5: TLP leaks outside the list/detail rule, merge widening TLP, forged cursors. */
let env: TestEnv;
let f: Awaited<ReturnType<typeof caseworkFixture>>;
let responder: ReturnType<typeof as>;
let member: ReturnType<typeof as>;
let otherMember: ReturnType<typeof as>;

beforeAll(async () => {
  env = await testEnv();
  f = await caseworkFixture(env);
  responder = as(env.app, f.responder);
  member = as(env.app, f.member);
  const u = await makeUser(env.platform, f.otherOrg.id, ['member']);
  otherMember = as(env.app, await login(env.app, u.username, PASSWORD));
});
afterAll(() => env.close());

const addObservable = async (incidentId: string, value: string, tlp: string, type = 'ipv4') => {
  const res = await responder('POST', `/api/incidents/${incidentId}/observables`, {
    items: [{ type, value }],
    tlp,
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().added).toBe(1);
};

describe('suggestions', () => {
  it('use only the observables the caller sees, and tell members of no other organisation', async () => {
    // Incident of the other organisation; 203.0.113.10 belongs to a system of ownOrg, not on it.
    const inc = await f.incident('Dò quét từ máy chủ lạ', { organisationId: f.otherOrg.id, tlp: 'amber' });
    await addObservable(inc.id, '203.0.113.10', 'red');
    const asMember = await otherMember('GET', `/api/incidents/${inc.id}/suggestions`);
    expect(asMember.statusCode, asMember.body).toBe(200);
    expect(asMember.json()).toEqual({ organisations: [], systems: [] });
    // The responder is not named: the RED observable does not count for them either.
    expect((await responder('GET', `/api/incidents/${inc.id}/suggestions`)).json().organisations).toEqual([]);

    await addObservable(inc.id, 'http://may-chu.test.example/shell.php', 'amber', 'url');
    const ir = (await responder('GET', `/api/incidents/${inc.id}/suggestions`)).json();
    expect(ir.organisations.map((o: { id: string }) => o.id)).toEqual([f.ownOrg.id]);
    expect(ir.systems).toHaveLength(1);
    // A member of the other organisation learns nothing about who owns the address.
    expect((await otherMember('GET', `/api/incidents/${inc.id}/suggestions`)).json()).toEqual({
      organisations: [],
      systems: [],
    });
  });
});

describe('incident detail', () => {
  it('counts only visible observables and lists only the reports the caller may see', async () => {
    const inc = await f.incident('Tấn công vào cổng dịch vụ công', { tlp: 'amber' });
    await addObservable(inc.id, '198.51.100.1', 'red');
    await addObservable(inc.id, '198.51.100.2', 'amber');
    const sent = await otherMember('POST', '/api/reports', {
      title: 'Báo cáo mật của đơn vị khác',
      description: 'Nội dung chỉ đơn vị báo cáo và đội ứng cứu được xem',
      detectedAt: '2026-03-01T02:00:00Z',
      detectionMethod: 'ids',
      handlingState: 'not-yet',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const attach = await responder('POST', `/api/reports/${sent.json().id}/triage`, {
      action: 'attach',
      incidentId: inc.id,
    });
    expect(attach.statusCode, attach.body).toBe(200);

    const mine = (await member('GET', `/api/incidents/${inc.id}`)).json();
    expect(mine.observableCount).toBe(1);
    expect(mine.reports).toEqual([]);
    const ir = (await responder('GET', `/api/incidents/${inc.id}`)).json();
    expect(ir.observableCount).toBe(1);
    expect(ir.reports.map((r: { trackingNo: string }) => r.trackingNo)).toEqual([sent.json().trackingNo]);
  });
});

describe('indicators', () => {
  it('are listed and shown only where the responder could see a sighting (not from RED they are not named on)', async () => {
    const red = await f.incident('Sự cố mật', { tlp: 'red', named: [f.namedMemberUser.id] });
    // The responder is not named, so the sighting is written as the system (as triage of a RED report would).
    await runCommand(env.platform.db, systemCtx('system:test', env.clock), (scope) =>
      attachObservables(scope, red.id, [{ type: 'ipv4', value: '192.0.2.201' }], { tlp: 'red' }),
    );
    const list = await responder('GET', '/api/indicators?q=192.0.2.201');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toEqual([]);
    const { rows } = await env.platform.pool.query<{ id: string }>(
      `SELECT id FROM indicators WHERE value = '192.0.2.201'`,
    );
    expect(rows).toHaveLength(1);
    expect((await responder('GET', `/api/indicators/${rows[0]?.id}`)).statusCode).toBe(404);

    const green = await f.incident('Sự cố thường', { tlp: 'green' });
    await addObservable(green.id, '192.0.2.201', 'green');
    expect((await responder('GET', '/api/indicators?q=192.0.2.201')).json().items).toHaveLength(1);
    const detail = (await responder('GET', `/api/indicators/${rows[0]?.id}`)).json();
    expect(detail.incidents.map((i: { id: string }) => i.id)).toEqual([green.id]);
  });
});

describe('similar', () => {
  it('does not match a report against a RED observable the responder may not see', async () => {
    const green = await f.incident('Sự cố có dấu hiệu mật', { tlp: 'green' });
    await runCommand(env.platform.db, systemCtx('system:test', env.clock), (scope) =>
      attachObservables(scope, green.id, [{ type: 'ipv4', value: '192.0.2.222' }], { tlp: 'red' }),
    );
    const open = await f.incident('Sự cố có dấu hiệu thường', { tlp: 'green' });
    await addObservable(open.id, '192.0.2.222', 'green');
    const sent = await member('POST', '/api/reports', {
      title: 'Kết nối lạ',
      description: 'Máy chủ kết nối tới 192.0.2.222',
      detectedAt: '2026-03-01T02:00:00Z',
      detectionMethod: 'ids',
      handlingState: 'not-yet',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const similar = await responder('GET', `/api/reports/${sent.json().id}/similar`);
    expect(similar.statusCode, similar.body).toBe(200);
    expect(similar.json().incidents.map((i: { id: string }) => i.id)).toEqual([open.id]);
  });
});

describe('merge', () => {
  it('refuses to merge into an incident shared more widely (409), and merges the other way', async () => {
    const red = await f.incident('Sự cố TLP:RED', { tlp: 'red', named: [f.responderUser.id] });
    const green = await f.incident('Sự cố TLP:GREEN', { tlp: 'green', named: [f.responderUser.id] });
    const res = await responder('POST', `/api/incidents/${red.id}/merge`, { intoId: green.id });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('merge_tlp_looser');
    const row = await env.platform.pool.query('SELECT status, merged_into_id FROM incidents WHERE id = $1', [red.id]);
    expect(row.rows[0]?.merged_into_id).toBeNull();
    const ok = await responder('POST', `/api/incidents/${green.id}/merge`, { intoId: red.id });
    expect(ok.statusCode, ok.body).toBe(200);
    // The merge link is history: not re-labelled nor removed by hand.
    const relabel = await responder('POST', `/api/incidents/${green.id}/links`, { otherId: red.id, kind: 'related' });
    expect(relabel.statusCode, relabel.body).toBe(409);
    expect(relabel.json().error.code).toBe('link_history');
    expect((await responder('DELETE', `/api/incidents/${red.id}/links/${green.id}`)).statusCode).toBe(409);
    const links = (await responder('GET', `/api/incidents/${green.id}/links`)).json();
    expect(links.items.map((l: { kind: string }) => l.kind)).toEqual(['merged']);
    expect(links.mergedInto).toEqual({ id: red.id, number: red.number });
  });
});

describe('forged cursors', () => {
  it('are ignored (200), never a 500', async () => {
    const inc = await f.incident('Con trỏ giả');
    const dashes = encodeCursor(['2026-01-01T00:00:00Z', '-'.repeat(36)]);
    const notInt = encodeCursor(['2026-01-01T00:00:00Z', 1.5]);
    const huge = encodeCursor(['2026-01-01T00:00:00Z', 1e30]);
    const farFuture = encodeCursor(['+275000-01-01T00:00:00Z', inc.id]);
    for (const url of [
      `/api/incidents?cursor=${dashes}`,
      `/api/incidents?cursor=${farFuture}`,
      `/api/incidents/${inc.id}/comments?cursor=${farFuture}`,
      `/api/incidents/${inc.id}/observables?cursor=${farFuture}`,
      `/api/reports?cursor=${farFuture}`,
      `/api/indicators?cursor=${farFuture}`,
      `/api/incidents/${inc.id}/comments?cursor=${dashes}`,
      `/api/incidents/${inc.id}/observables?cursor=${dashes}`,
      `/api/incidents/${inc.id}/timeline?cursor=${notInt}`,
      `/api/incidents/${inc.id}/timeline?cursor=${huge}`,
    ]) {
      const res = await responder('GET', url);
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
    }
  });
});

describe('second review: RED incidents keep someone who sees them; merged incidents stay merged', () => {
  it('whoever opens an incident as TLP:RED, or makes one RED, is named on it and can still open it', async () => {
    const created = await responder('POST', '/api/incidents', {
      title: 'Sự cố mật mở trực tiếp',
      typeCode: 'malware',
      tlp: 'red',
      organisationId: f.home.id,
    });
    expect(created.statusCode, created.body).toBe(200);
    expect((await responder('GET', `/api/incidents/${created.json().id}`)).statusCode).toBe(200);
    const green = await f.incident('Sự cố sẽ thành RED', { tlp: 'green' });
    const before = (await responder('GET', `/api/incidents/${green.id}`)).json();
    const patched = await responder('PATCH', `/api/incidents/${green.id}`, { version: before.version, tlp: 'red' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await responder('GET', `/api/incidents/${green.id}`)).statusCode).toBe(200);
    // and nobody can empty the list of named users of a RED incident
    const emptied = await responder('PUT', `/api/incidents/${green.id}/members`, { members: [] });
    expect(emptied.statusCode).toBe(409);
    expect(emptied.json().error.code).toBe('incident_red_needs_member');
  });

  it('a closed incident is not merged away, and a merged one does not leave "duplicate"', async () => {
    const target = await f.incident('Đích gộp', { tlp: 'amber' });
    const closed = await f.incident('Đã đóng', { tlp: 'amber' });
    await env.platform.pool.query("UPDATE incidents SET status = 'closed' WHERE id = $1", [closed.id]);
    const refused = await responder('POST', `/api/incidents/${closed.id}/merge`, { intoId: target.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('incident_transition_invalid');
    const source = await f.incident('Nguồn gộp', { tlp: 'amber' });
    const merged = await responder('POST', `/api/incidents/${source.id}/merge`, { intoId: target.id });
    expect(merged.statusCode, merged.body).toBe(200);
    const reopened = await responder('POST', `/api/incidents/${source.id}/status`, { status: 'triage' });
    expect(reopened.statusCode).toBe(409);
    expect(reopened.json().error.code).toBe('incident_merged_status');
  });
});
