import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../../../../test/harness.ts';
import { as, type Session } from '../../../../test/http.ts';
import { caseworkFixture } from './casework-fixture.ts';

let env: TestEnv;
let f: Awaited<ReturnType<typeof caseworkFixture>>;
let responder: ReturnType<typeof as>;
let member: ReturnType<typeof as>;

beforeAll(async () => {
  env = await testEnv();
  f = await caseworkFixture(env);
  responder = as(env.app, f.responder);
  member = as(env.app, f.member);
});
afterAll(() => env.close());

type Obs = { id: string; type: string; value: string; tlp: string; indicatorId: string | null; owners: unknown[] };
const observablesOf = async (s: Session, id: string): Promise<Obs[]> => {
  const res = await as(env.app, s)('GET', `/api/incidents/${id}/observables?limit=100`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
};
const count = async (sql: string, params: unknown[]) =>
  Number((await env.platform.pool.query<{ n: string }>(sql, params)).rows[0]?.n ?? 0);

describe('observables', () => {
  it('adds typed and pasted observables, refangs defanged forms, lists bad values back, links owners and indicators', async () => {
    const inc = await f.incident('Mã độc trên cổng thông tin');
    const res = await responder('POST', `/api/incidents/${inc.id}/observables`, {
      text: 'Máy bị điều khiển từ hxxp://may-chu[.]test[.]example/shell.php, IP 203.0.113[.]10; hash d41d8cd98f00b204e9800998ecf8427e',
      items: [
        { type: 'domain', value: 'evil[.]example[.]com' },
        { type: 'ipv4', value: '999.1.1.1' },
        { type: 'cve', value: 'cve-2024-3400' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.rejected).toEqual([{ type: 'ipv4', value: '999.1.1.1' }]);
    expect(body.found).toEqual(
      expect.arrayContaining([
        { type: 'domain', value: 'evil.example.com' },
        { type: 'url', value: 'http://may-chu.test.example/shell.php' },
        { type: 'ipv4', value: '203.0.113.10' },
        { type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' },
        { type: 'cve', value: 'CVE-2024-3400' },
      ]),
    );
    expect(body.added).toBe(body.found.length);
    const again = await responder('POST', `/api/incidents/${inc.id}/observables`, { text: '203.0.113.10' });
    expect(again.json().added).toBe(0);

    const list = await observablesOf(f.responder, inc.id);
    const ip = list.find((o) => o.value === '203.0.113.10');
    expect(ip?.indicatorId).toBeTruthy();
    expect(ip?.owners).toEqual([
      expect.objectContaining({
        organisation: expect.objectContaining({ id: f.ownOrg.id }),
        system: expect.objectContaining({ code: f.system.code }),
      }),
    ]);
    expect(list.find((o) => o.type === 'cve')?.indicatorId).toBeNull();
    expect(list.find((o) => o.type === 'url')?.owners).toHaveLength(1);
  });

  it('refuses an empty body, more than 10,000 values and malformed items with a 400, writing nothing', async () => {
    const inc = await f.incident('Đầu vào sai');
    expect((await responder('POST', `/api/incidents/${inc.id}/observables`, {})).statusCode).toBe(400);
    expect((await responder('POST', `/api/incidents/${inc.id}/observables`, { text: '   ' })).statusCode).toBe(400);
    const many = Array.from({ length: 10_001 }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    const tooMany = await responder('POST', `/api/incidents/${inc.id}/observables`, { text: many.join(' ') });
    expect(tooMany.statusCode, tooMany.body).toBe(400);
    expect(tooMany.json().error.code).toBe('observables_too_many');
    const bad = await responder('POST', `/api/incidents/${inc.id}/observables`, { items: [{ type: 'x', value: 1 }] });
    expect(bad.statusCode).toBe(400);
    expect(await count('SELECT count(*) AS n FROM incident_observables WHERE incident_id = $1', [inc.id])).toBe(0);
  });

  it('adds 10,000 observables in one request and pages through them', { timeout: 60_000 }, async () => {
    const inc = await f.incident('Mười nghìn dấu hiệu');
    const items = Array.from({ length: 10_000 }, (_, i) => ({
      type: 'ipv4',
      value: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    }));
    const res = await responder('POST', `/api/incidents/${inc.id}/observables`, { items });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.json().added).toBe(10_000);
    const first = (await responder('GET', `/api/incidents/${inc.id}/observables?limit=100`)).json();
    expect(first.items).toHaveLength(100);
    const second = (
      await responder('GET', `/api/incidents/${inc.id}/observables?limit=100&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items).toHaveLength(100);
    expect(new Set([...first.items, ...second.items].map((o: Obs) => o.id)).size).toBe(200);
  });

  it('hides an observable marked stricter than the reader may see; members cannot change observables', async () => {
    const inc = await f.incident('Dấu hiệu TLP đỏ', { named: [f.namedMemberUser.id] });
    await responder('POST', `/api/incidents/${inc.id}/observables`, { text: '192.0.2.44 and 192.0.2.45' });
    const [first] = (await observablesOf(f.responder, inc.id)).filter((o) => o.value === '192.0.2.44');
    expect((await observablesOf(f.member, inc.id)).map((o) => o.value)).toContain('192.0.2.44');
    const patched = await responder('PATCH', `/api/incidents/${inc.id}/observables/${first?.id}`, {
      tlp: 'red',
      isIoc: true,
      note: '<script>alert(1)</script>',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ tlp: 'red', isIoc: true, note: '<script>alert(1)</script>' });
    expect((await observablesOf(f.member, inc.id)).map((o) => o.value)).toEqual(['192.0.2.45']);
    expect((await observablesOf(f.namedMember, inc.id)).map((o) => o.value)).toContain('192.0.2.44');
    const second = (await observablesOf(f.member, inc.id))[0];
    expect(
      (await member('PATCH', `/api/incidents/${inc.id}/observables/${second?.id}`, { isIoc: true })).statusCode,
    ).toBe(403);
    expect((await member('DELETE', `/api/incidents/${inc.id}/observables/${second?.id}`)).statusCode).toBe(403);
    expect((await responder('DELETE', `/api/incidents/${inc.id}/observables/${second?.id}`)).statusCode).toBe(204);
    expect((await responder('DELETE', `/api/incidents/${inc.id}/observables/${second?.id}`)).statusCode).toBe(404);
  });

  it('keeps first and last seen of an indicator across incidents, and lists where it was seen', async () => {
    const t1 = new Date('2026-03-01T02:00:00Z');
    env.clock.set(t1);
    const a = await f.incident('Lần thấy đầu');
    await responder('POST', `/api/incidents/${a.id}/observables`, {
      items: [{ type: 'ipv4', value: '198.51.100[.]77' }],
    });
    env.clock.advance(3_600_000);
    const b = await f.incident('Lần thấy sau');
    await responder('POST', `/api/incidents/${b.id}/observables`, { text: 'scan from 198.51.100.77' });
    const list = await responder('GET', '/api/indicators?q=198.51.100.77&type=ipv4');
    expect(list.statusCode, list.body).toBe(200);
    const [ind] = list.json().items;
    expect(ind).toMatchObject({ value: '198.51.100.77', firstSeenAt: t1.toISOString() });
    expect(ind.lastSeenAt).toBe(new Date(t1.getTime() + 3_600_000).toISOString());
    const detail = await responder('GET', `/api/indicators/${ind.id}`);
    expect(
      detail
        .json()
        .incidents.map((i: { id: string }) => i.id)
        .sort(),
    ).toEqual([a.id, b.id].sort());
    expect((await member('GET', '/api/indicators')).statusCode).toBe(403);
    expect((await responder('GET', '/api/indicators?q=%25_')).statusCode).toBe(200);
  });
});

describe('timeline and comments', () => {
  it('orders the timeline by when things happened, keeping when each was written down; refuses the future', async () => {
    const inc = await f.incident('Dòng thời gian');
    const past = '2020-01-02T03:04:05.000Z';
    const res = await responder('POST', `/api/incidents/${inc.id}/timeline`, {
      occurredAt: past,
      summary: 'Phát hiện lạ',
    });
    expect(res.statusCode, res.body).toBe(200);
    const items = (await member('GET', `/api/incidents/${inc.id}/timeline`)).json().items;
    expect(items[0]).toMatchObject({ kind: 'note', summary: 'Phát hiện lạ', occurredAt: past });
    expect(items[0].recordedAt).not.toBe(past);
    expect(items.map((i: { kind: string }) => i.kind)).toContain('created');
    const future = new Date(env.clock.now().getTime() + 86_400_000).toISOString();
    const bad = await responder('POST', `/api/incidents/${inc.id}/timeline`, { occurredAt: future, summary: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(
      (await member('POST', `/api/incidents/${inc.id}/timeline`, { occurredAt: past, summary: 'x' })).statusCode,
    ).toBe(403);
  });

  it('a member never receives internal comments and writes shared ones only', async () => {
    const inc = await f.incident('Bình luận');
    expect((await responder('POST', `/api/incidents/${inc.id}/comments`, { body: 'nội bộ' })).json().visibility).toBe(
      'internal',
    );
    env.clock.advance(1000);
    await responder('POST', `/api/incidents/${inc.id}/comments`, { body: 'chia sẻ', visibility: 'shared' });
    env.clock.advance(1000);
    const denied = await member('POST', `/api/incidents/${inc.id}/comments`, { body: 'x', visibility: 'internal' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('comment_internal_ir_only');
    const mine = await member('POST', `/api/incidents/${inc.id}/comments`, { body: 'Đơn vị đã cô lập máy' });
    expect(mine.json().visibility).toBe('shared');
    const seenByMember = (await member('GET', `/api/incidents/${inc.id}/comments`)).json().items;
    expect(seenByMember.map((c: { body: string }) => c.body)).toEqual(['chia sẻ', 'Đơn vị đã cô lập máy']);
    const seenByTeam = (await responder('GET', `/api/incidents/${inc.id}/comments`)).json().items;
    expect(seenByTeam).toHaveLength(3);
    const timeline = (await member('GET', `/api/incidents/${inc.id}/timeline`)).body;
    expect(timeline).not.toContain('nội bộ');
  });
});

describe('links, merge and split', () => {
  it('links by number, lists only linked incidents the user sees, and unlinks', async () => {
    const a = await f.incident('Liên kết A');
    const b = await f.incident('Liên kết B');
    const foreign = await f.incident('Của đơn vị khác', { organisationId: f.otherOrg.id });
    expect((await responder('POST', `/api/incidents/${a.id}/links`, { otherNumber: b.number })).statusCode).toBe(200);
    expect(
      (await responder('POST', `/api/incidents/${a.id}/links`, { otherId: foreign.id, kind: 'same-campaign' }))
        .statusCode,
    ).toBe(200);
    expect((await responder('POST', `/api/incidents/${a.id}/links`, { otherId: a.id })).statusCode).toBe(400);
    expect(
      (await responder('POST', `/api/incidents/${a.id}/links`, { otherNumber: 'SC-1999-000000' })).statusCode,
    ).toBe(404);
    expect((await responder('GET', `/api/incidents/${a.id}/links`)).json().items).toHaveLength(2);
    const forMember = (await member('GET', `/api/incidents/${a.id}/links`)).json().items;
    expect(forMember.map((l: { incidentId: string }) => l.incidentId)).toEqual([b.id]);
    expect((await responder('GET', `/api/incidents/${b.id}/links`)).json().items[0]).toMatchObject({
      incidentId: a.id,
      kind: 'related',
    });
    expect((await member('POST', `/api/incidents/${a.id}/links`, { otherId: b.id })).statusCode).toBe(403);
    expect((await responder('DELETE', `/api/incidents/${b.id}/links/${a.id}`)).statusCode).toBe(204);
    expect((await responder('DELETE', `/api/incidents/${b.id}/links/${a.id}`)).statusCode).toBe(404);
  });

  it('merge moves reports, observables (de-duplicated), tasks, comments, members; the source becomes a duplicate', async () => {
    const source = await f.incident('Nguồn gộp', { named: [f.namedMemberUser.id] });
    const target = await f.incident('Đích gộp');
    await responder('POST', `/api/incidents/${source.id}/observables`, {
      text: '192.0.2.1 192.0.2.2 evil.example.org',
    });
    await responder('POST', `/api/incidents/${target.id}/observables`, { text: '192.0.2.2' });
    const report = await env.platform.pool.query<{ id: string }>(
      `INSERT INTO reports (tracking_no, source, channel_key, reporter_name, title, description, detection_method, handling_state, status, incident_id)
       VALUES ($1, 'web', 'public', 'Người báo', 'Báo cáo', 'Mô tả', 'log', 'not-yet', 'accepted', $2) RETURNING id`,
      [`BC-${Date.now()}`, source.id],
    );
    await env.platform.pool.query(`INSERT INTO incident_tasks (incident_id, title) VALUES ($1, 'Cô lập máy')`, [
      source.id,
    ]);
    await responder('POST', `/api/incidents/${source.id}/comments`, { body: 'ghi chú nguồn' });

    const res = await responder('POST', `/api/incidents/${source.id}/merge`, { intoNumber: target.number });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().moved).toMatchObject({
      reports: 1,
      observables: 2,
      observablesAlreadyThere: 1,
      tasks: 1,
      comments: 1,
      members: 1,
    });

    const row = (
      await env.platform.pool.query('SELECT status, merged_into_id FROM incidents WHERE id = $1', [source.id])
    ).rows[0];
    expect(row).toEqual({ status: 'duplicate', merged_into_id: target.id });
    expect((await observablesOf(f.responder, target.id)).map((o) => o.value).sort()).toEqual(
      ['192.0.2.1', '192.0.2.2', 'evil.example.org'].sort(),
    );
    expect(await count('SELECT count(*) AS n FROM incident_observables WHERE incident_id = $1', [source.id])).toBe(0);
    expect(
      (await env.platform.pool.query('SELECT incident_id FROM reports WHERE id = $1', [report.rows[0]?.id])).rows[0]
        ?.incident_id,
    ).toBe(target.id);
    expect(await count('SELECT count(*) AS n FROM incident_tasks WHERE incident_id = $1', [target.id])).toBe(1);
    expect(
      await count('SELECT count(*) AS n FROM incident_members WHERE incident_id = $1 AND user_id = $2', [
        target.id,
        f.namedMemberUser.id,
      ]),
    ).toBe(1);
    expect((await responder('GET', `/api/incidents/${target.id}/links`)).json().items[0]).toMatchObject({
      incidentId: source.id,
      kind: 'merged',
    });
    for (const id of [source.id, target.id])
      expect(
        await count(`SELECT count(*) AS n FROM incident_events WHERE incident_id = $1 AND kind = 'merge'`, [id]),
      ).toBe(1);
    expect(
      await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'incident.merge' AND subject_id = $1`, [
        source.id,
      ]),
    ).toBe(1);

    const again = await responder('POST', `/api/incidents/${source.id}/merge`, { intoId: target.id });
    expect(again.json().error.code).toBe('merge_source_merged');
    const intoMerged = await responder('POST', `/api/incidents/${target.id}/merge`, { intoId: source.id });
    expect(intoMerged.json().error.code).toBe('merge_target_merged');
    expect((await responder('POST', `/api/incidents/${target.id}/merge`, { intoId: target.id })).statusCode).toBe(400);
    expect((await responder('POST', `/api/incidents/${target.id}/merge`, {})).statusCode).toBe(400);
  });

  it('concurrent merges of a pair in both directions do not deadlock: one wins, the other is refused', async () => {
    const a = await f.incident('Song song A');
    const b = await f.incident('Song song B');
    const [x, y] = await Promise.all([
      responder('POST', `/api/incidents/${a.id}/merge`, { intoId: b.id }),
      responder('POST', `/api/incidents/${b.id}/merge`, { intoId: a.id }),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
  });

  it('split moves the chosen observables and tasks to a new incident linked split-from', async () => {
    const inc = await f.incident('Gốc tách', { tlp: 'amber+strict' });
    await responder('POST', `/api/incidents/${inc.id}/observables`, { text: '192.0.2.10 192.0.2.11' });
    const obs = await observablesOf(f.responder, inc.id);
    const task = await env.platform.pool.query<{ id: string }>(
      `INSERT INTO incident_tasks (incident_id, title) VALUES ($1, 'Điều tra riêng') RETURNING id`,
      [inc.id],
    );
    const moving = obs.find((o) => o.value === '192.0.2.11');
    const before = await count('SELECT count(*) AS n FROM incidents', []);
    const bad = await responder('POST', `/api/incidents/${inc.id}/split`, {
      title: 'Tách',
      observableIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(bad.statusCode).toBe(400);
    expect(await count('SELECT count(*) AS n FROM incidents', [])).toBe(before);
    const res = await responder('POST', `/api/incidents/${inc.id}/split`, {
      title: 'Chiến dịch thứ hai',
      observableIds: [moving?.id],
      taskIds: [task.rows[0]?.id],
    });
    expect(res.statusCode, res.body).toBe(200);
    const split = res.json();
    expect(split.moved).toMatchObject({ observables: 1, tasks: 1 });
    expect((await observablesOf(f.responder, split.id)).map((o) => o.value)).toEqual(['192.0.2.11']);
    expect((await observablesOf(f.responder, inc.id)).map((o) => o.value)).toEqual(['192.0.2.10']);
    const row = (
      await env.platform.pool.query('SELECT tlp, organisation_id, type_code FROM incidents WHERE id = $1', [split.id])
    ).rows[0];
    expect(row).toEqual({ tlp: 'amber+strict', organisation_id: f.ownOrg.id, type_code: 'malware' });
    expect((await responder('GET', `/api/incidents/${split.id}/links`)).json().items[0]).toMatchObject({
      incidentId: inc.id,
      kind: 'split-from',
    });
    for (const id of [inc.id, split.id])
      expect(
        await count(`SELECT count(*) AS n FROM incident_events WHERE incident_id = $1 AND kind = 'split'`, [id]),
      ).toBe(1);
  });
});
