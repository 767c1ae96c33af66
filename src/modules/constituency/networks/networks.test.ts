import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, PASSWORD } from '../../../../test/factories.ts';
import { type TestEnv, testEnv } from '../../../../test/harness.ts';
import { as, login, type Session } from '../../../../test/http.ts';
import { makeSystem } from '../../../../test/systems-fixture.ts';
import { ownershipService } from './ownership-service.ts';

let env: TestEnv;
let coordinator: Session;
let viewer: Session;
let member: Session;
let ispPartner: Session;
let otherPartner: Session;
let isp: { id: string; code: string };
let agency: { id: string; code: string };
let rival: { id: string; code: string };
let operator: { id: string; code: string };

const addNet = (orgId: string, body: object, s: Session = coordinator) =>
  as(env.app, s)('POST', `/api/organisations/${orgId}/networks`, body);
const lookup = async (value: string, s: Session = viewer) =>
  as(env.app, s)('GET', `/api/ownership?value=${encodeURIComponent(value)}`);
const ownerCodes = async (value: string, s: Session = viewer) =>
  (await lookup(value, s))
    .json<{ owners: { organisation: { code: string } }[] }>()
    .owners.map((o) => o.organisation.code);

beforeAll(async () => {
  env = await testEnv();
  const home = await makeOrg(env.platform, 'coordinator');
  isp = await makeOrg(env.platform, 'isp', 'VNPT Quảng Nam (thử)');
  agency = await makeOrg(env.platform, 'member', 'Sở Khoa học và Công nghệ (thử)');
  rival = await makeOrg(env.platform, 'member', 'Sở Tư pháp (thử)');
  operator = await makeOrg(env.platform, 'member', 'Trung tâm dữ liệu (thử)');
  const other = await makeOrg(env.platform, 'security-company');
  coordinator = await login(env.app, (await makeUser(env.platform, home.id, ['coordinator'])).username, PASSWORD);
  viewer = await login(env.app, (await makeUser(env.platform, home.id, ['viewer'])).username, PASSWORD);
  member = await login(env.app, (await makeUser(env.platform, agency.id, ['member'])).username, PASSWORD);
  ispPartner = await login(env.app, (await makeUser(env.platform, isp.id, ['partner'])).username, PASSWORD);
  otherPartner = await login(env.app, (await makeUser(env.platform, other.id, ['partner'])).username, PASSWORD);
  for (const [org, body] of [
    [isp, { kind: 'range', cidr: '203.0.113.0/24' }],
    [isp, { kind: 'range', cidr: '2001:DB8::/32' }],
    [isp, { kind: 'asn', asn: 'AS64500' }],
    [agency, { kind: 'range', cidr: '203.0.113.64/26', note: 'Mạng nội bộ' }],
    [agency, { kind: 'domain', domain: 'SKHCN.QuangNam.Example.' }],
    [rival, { kind: 'range', cidr: '198.51.100.0/24' }],
    [agency, { kind: 'range', cidr: '198.51.100.0/24' }],
  ] as const) {
    const res = await addNet(org.id, body);
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(() => env.close());

describe('network entries', () => {
  it('are stored normalised and listed with conflicts flagged', async () => {
    const ranges = await as(env.app, coordinator)('GET', `/api/organisations/${agency.id}/networks?kind=range`);
    expect(ranges.json().items.map((i: { value: string; conflict: string | null }) => [i.value, i.conflict])).toEqual([
      ['198.51.100.0/24', 'tie'],
      ['203.0.113.64/26', 'overlap'],
    ]);
    const domains = await as(env.app, coordinator)('GET', `/api/organisations/${agency.id}/networks?kind=domain`);
    expect(domains.json().items).toMatchObject([{ value: 'skhcn.quangnam.example', includeSubdomains: true }]);
    const asns = await as(env.app, member)('GET', `/api/organisations/${isp.id}/networks?kind=asn`);
    expect(asns.statusCode).toBe(404);
    const own = await as(env.app, member)('GET', `/api/organisations/${agency.id}/networks?kind=range&limit=1`);
    expect(own.json().items).toHaveLength(1);
    const next = await as(env.app, member)(
      'GET',
      `/api/organisations/${agency.id}/networks?kind=range&limit=1&cursor=${own.json().nextCursor}`,
    );
    expect(next.json()).toMatchObject({ items: [{ value: '203.0.113.64/26' }], nextCursor: null });
  });

  it('refuse malformed values with a localised message naming the network form', async () => {
    const bits = await addNet(agency.id, { kind: 'range', cidr: '203.0.113.70/26' });
    expect(bits.statusCode).toBe(400);
    expect(bits.json().error).toMatchObject({ code: 'cidr_host_bits' });
    expect(bits.json().error.message).toContain('203.0.113.64/26');
    const vi = await env.app.inject({
      method: 'POST',
      url: `/api/organisations/${agency.id}/networks`,
      payload: { kind: 'range', cidr: '300.1.1.0/24' },
      headers: { ...(await sessionHeaders(coordinator)), 'accept-language': 'vi' },
    });
    expect(vi.json().error.message).toBe(
      '"300.1.1.0/24" không phải dải mạng hợp lệ (ví dụ 203.0.113.0/24 hoặc 2001:db8::/32).',
    );
    expect((await addNet(agency.id, { kind: 'domain', domain: 'a..example' })).json().error.code).toBe(
      'domain_invalid',
    );
    expect((await addNet(agency.id, { kind: 'asn', asn: 'AS99999999999' })).json().error.code).toBe('asn_invalid');
    const dup = await addNet(agency.id, { kind: 'range', cidr: '203.0.113.64/26' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('network_duplicate');
  });

  it('only coordinators and admins change them, and every change is audited', async () => {
    expect((await addNet(agency.id, { kind: 'range', cidr: '192.0.2.0/24' }, member)).statusCode).toBe(403);
    const added = await addNet(agency.id, { kind: 'range', cidr: '192.0.2.128/25' });
    const id = added.json().id;
    expect(await ownerCodes('192.0.2.130')).toEqual([agency.code]);
    const del = await as(env.app, coordinator)('DELETE', `/api/organisations/${agency.id}/networks/range/${id}`);
    expect(del.statusCode).toBe(204);
    expect(await ownerCodes('192.0.2.130')).toEqual([]);
    const { rows } = await env.platform.pool.query(
      `SELECT action, diff FROM audit_log WHERE subject_id = $1 ORDER BY created_at, action`,
      [id],
    );
    expect(rows.map((r) => r.action)).toEqual(['network.add', 'network.remove']);
  });
});

describe('ownership lookup', () => {
  it('lists the agency first, then the ISP, and IPv6 and mapped addresses alike', async () => {
    expect(await ownerCodes('203.0.113.70')).toEqual([agency.code, isp.code]);
    expect(await ownerCodes('203.0.113.7')).toEqual([isp.code]);
    expect(await ownerCodes('::ffff:203.0.113.70')).toEqual([agency.code, isp.code]);
    expect(await ownerCodes('2001:db8:1::1')).toEqual([isp.code]);
    const res = (await lookup('hxxp://www.skhcn.quangnam[.]example/a')).json();
    expect(res).toMatchObject({
      normalised: 'http://www.skhcn.quangnam.example/a',
      host: 'www.skhcn.quangnam.example',
      owners: [{ organisation: { code: agency.code }, via: 'domain', match: 'skhcn.quangnam.example' }],
    });
    expect(await ownerCodes('notskhcn.quangnam.example')).toEqual([]);
  });

  it('counts a system component for the operator, before the ranges around it', async () => {
    const system = await makeSystem(env.platform, agency.id, operator.id);
    // Written outside this instance's routes: rebuild now rather than wait for the notification.
    await ownershipService(env.platform).refresh();
    // The fixture's host is 203.0.113.10, inside the ISP's block.
    const res = (await lookup('203.0.113.10')).json();
    expect(
      res.owners.map((o: { organisation: { code: string }; via: string }) => [o.organisation.code, o.via]),
    ).toEqual([
      [operator.code, 'component'],
      [isp.code, 'range'],
    ]);
    expect(res.owners[0].system).toMatchObject({ id: system.systemId, code: system.code });
    // An ISP partner sees the operator inside its block, but not the system (partners read no systems).
    const byIsp = (await lookup('203.0.113.10', ispPartner)).json();
    expect(byIsp.owners.map((o: { via: string; system: unknown }) => [o.via, o.system])).toEqual([
      ['component', null],
      ['range', null],
    ]);
    expect(await ownerCodes('may-chu.test.example')).toEqual([operator.code]);
    // A retired system's components no longer count.
    const retired = await as(env.app, coordinator)('POST', `/api/systems/${system.systemId}/retire`);
    expect(retired.statusCode, retired.body).toBe(200);
    await ownershipService(env.platform).refresh();
    expect(await ownerCodes('203.0.113.10')).toEqual([isp.code]);
    expect(await ownerCodes('may-chu.test.example')).toEqual([]);
  });

  it("holds a member's component inside another organisation's registered space until a coordinator confirms it", async () => {
    const system = await makeSystem(env.platform, agency.id, agency.id);
    // 203.0.113.20 is the ISP's (its /24), not the agency's (/26 covers .64–.127).
    const added = await as(env.app, member)('POST', `/api/systems/${system.systemId}/components`, {
      kind: 'host',
      ip: '203.0.113.20',
    });
    expect(added.statusCode, added.body).toBe(200);
    await ownershipService(env.platform).refresh();
    expect(await ownerCodes('203.0.113.20')).toEqual([isp.code]);
    const claims = (await as(env.app, viewer)('GET', '/api/networks/component-claims')).json();
    const claim = claims.items.find((c: { componentId: string }) => c.componentId === added.json().id);
    expect(claim).toMatchObject({
      value: '203.0.113.20',
      claimedBy: { code: agency.code },
      registeredBy: [{ code: isp.code }],
      system: { id: system.systemId },
    });
    // Members cannot vouch for it; a coordinator can, and then it counts (most specific first).
    const url = `/api/systems/${system.systemId}/components/${added.json().id}/confirm-ownership`;
    expect((await as(env.app, member)('POST', url)).statusCode).toBe(403);
    const confirmed = await as(env.app, coordinator)('POST', url);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    await ownershipService(env.platform).refresh();
    expect(await ownerCodes('203.0.113.20')).toEqual([agency.code, isp.code]);
    const after = (await as(env.app, viewer)('GET', '/api/networks/component-claims')).json();
    expect(after.items.some((c: { componentId: string }) => c.componentId === added.json().id)).toBe(false);
    // A member's change to the value is a new claim: it waits again.
    const moved = await as(env.app, member)('PATCH', `/api/systems/${system.systemId}/components/${added.json().id}`, {
      ip: '203.0.113.21',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    await ownershipService(env.platform).refresh();
    expect(await ownerCodes('203.0.113.21')).toEqual([isp.code]);
    // A component inside the agency's own registered range needs nobody's confirmation.
    const own = await as(env.app, member)('POST', `/api/systems/${system.systemId}/components`, {
      kind: 'host',
      ip: '203.0.113.90',
    });
    expect(own.statusCode, own.body).toBe(200);
    await ownershipService(env.platform).refresh();
    expect((await ownerCodes('203.0.113.90'))[0]).toBe(agency.code);
  });

  it('reports a tie when two organisations claim the same block', async () => {
    const res = (await lookup('198.51.100.1')).json();
    expect(res.tie).toBe(true);
    expect(res.owners.map((o: { organisation: { code: string } }) => o.organisation.code).sort()).toEqual(
      [agency.code, rival.code].sort(),
    );
    const report = (await as(env.app, viewer)('GET', '/api/networks/overlaps?limit=100')).json();
    const pairs = report.items.map((i: { relation: string; outer: { value: string }; inner: { value: string } }) =>
      [i.relation, i.outer.value, i.inner.value].join(' '),
    );
    expect(pairs).toEqual(
      expect.arrayContaining(['tie 198.51.100.0/24 198.51.100.0/24', 'overlap 203.0.113.0/24 203.0.113.64/26']),
    );
  });

  it('answers bad values with 400 and an empty list when nobody owns it', async () => {
    const bad = await lookup('10.0.0.999');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('ip_invalid');
    expect((await lookup('10.0.0.1')).json()).toMatchObject({ owners: [], tie: false });
  });

  it('shows members only their own organisation, an ISP what lies in its ranges, other partners nothing', async () => {
    expect(await ownerCodes('203.0.113.70', member)).toEqual([agency.code]);
    expect(await ownerCodes('203.0.113.7', member)).toEqual([]);
    expect(await ownerCodes('203.0.113.70', ispPartner)).toEqual([agency.code, isp.code]);
    const outside = await lookup('198.51.100.1', ispPartner);
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.code).toBe('ownership_outside_own_ranges');
    expect((await lookup('skhcn.quangnam.example', ispPartner)).statusCode).toBe(403);
    expect((await lookup('203.0.113.70', otherPartner)).statusCode).toBe(403);
    expect((await as(env.app, ispPartner)('GET', '/api/networks/overlaps')).statusCode).toBe(403);
  });
});

async function sessionHeaders(s: Session) {
  return { cookie: s.cookie, 'x-csrf-token': s.csrf };
}
