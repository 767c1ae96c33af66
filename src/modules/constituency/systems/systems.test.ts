import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeContact, makeOrg, makeUser, PASSWORD } from '../../../../test/factories.ts';
import { type TestEnv, testEnv } from '../../../../test/harness.ts';
import { as, login, type Session } from '../../../../test/http.ts';

let env: TestEnv;
let coordinator: Session;
let member: Session;
let otherMember: Session;
let viewer: Session;
let partner: Session;
let ownOrg: { id: string };
let otherOrg: { id: string };

beforeAll(async () => {
  env = await testEnv();
  const home = await makeOrg(env.platform, 'coordinator');
  ownOrg = await makeOrg(env.platform, 'member', 'Sở Y tế');
  otherOrg = await makeOrg(env.platform, 'member', 'Sở Tư pháp');
  const isp = await makeOrg(env.platform, 'isp');
  coordinator = await login(env.app, (await makeUser(env.platform, home.id, ['coordinator'])).username, PASSWORD);
  viewer = await login(env.app, (await makeUser(env.platform, home.id, ['viewer'])).username, PASSWORD);
  member = await login(env.app, (await makeUser(env.platform, ownOrg.id, ['member'])).username, PASSWORD);
  otherMember = await login(env.app, (await makeUser(env.platform, otherOrg.id, ['member'])).username, PASSWORD);
  partner = await login(env.app, (await makeUser(env.platform, isp.id, ['partner'])).username, PASSWORD);
});
afterAll(() => env.close());

const systemBody = (code: string, ownerOrgId: string, extra: object = {}) => ({
  code,
  name: 'Cổng thông tin điện tử Sở Y tế',
  nameEn: 'Department of Health web portal',
  ownerOrgId,
  category: 'citizen-services',
  securityLevel: 2,
  internetFacing: true,
  securityMeasures: { antivirus: true, firewall: true, ids: false, other: null },
  ...extra,
});

describe('information systems', () => {
  it('a member registers its system, adds normalised components, and sees them on the detail', async () => {
    const created = await as(env.app, member)('POST', '/api/systems', systemBody('syt-portal', ownOrg.id));
    expect(created.statusCode, created.body).toBe(200);
    const system = created.json();
    expect(system).toMatchObject({ code: 'SYT-PORTAL', owner: { id: ownOrg.id }, operator: { id: ownOrg.id } });
    const add = (body: object) => as(env.app, member)('POST', `/api/systems/${system.id}/components`, body);
    expect(
      (await add({ kind: 'host', ip: '2001:DB8:0:0:0:0:0:10', fqdn: 'Portal.SYT.QuangNam.Example.' })).json(),
    ).toMatchObject({ ip: '2001:db8::10', fqdn: 'portal.syt.quangnam.example' });
    expect((await add({ kind: 'host', ip: '::ffff:203.0.113.20' })).json()).toMatchObject({ ip: '203.0.113.20' });
    expect((await add({ kind: 'domain', domain: 'Sở-Y-tế.example' })).json().domain).toBe('xn--s-y-t-s61b1i.example');
    expect((await add({ kind: 'range', cidr: '198.51.100.0/25' })).json().cidr).toBe('198.51.100.0/25');
    const url = (await add({ kind: 'url', url: 'HTTPS://Dichvucong.SYT.example/thu-tuc' })).json();
    expect(url).toMatchObject({ url: 'https://dichvucong.syt.example/thu-tuc', fqdn: 'dichvucong.syt.example' });
    const sw = (await add({ kind: 'software', cpe: 'cpe:/a:apache:tomcat:9.0.80' })).json();
    expect(sw).toMatchObject({
      cpe: 'cpe:2.3:a:apache:tomcat:9.0.80:*:*:*:*:*:*:*',
      vendor: 'apache',
      product: 'tomcat',
      version: '9.0.80',
    });
    expect((await add({ kind: 'software', purl: 'pkg:npm/%40angular/core@16.0.0' })).json()).toMatchObject({
      product: 'core',
      version: '16.0.0',
    });
    expect(
      (await add({ kind: 'software', vendor: 'WordPress', product: 'WordPress', version: '6.4.2' })).statusCode,
    ).toBe(200);

    const detail = (await as(env.app, member)('GET', `/api/systems/${system.id}`)).json();
    expect(detail.components).toHaveLength(8);
    expect(detail.canManage).toBe(true);
    expect(Date.parse(detail.lastChangedAt)).toBeGreaterThanOrEqual(Date.parse(system.lastChangedAt));
  });

  it('a member of another organisation neither sees nor changes it; a partner sees no systems at all', async () => {
    const system = (await as(env.app, member)('POST', '/api/systems', systemBody('SYT-HIS', ownOrg.id))).json();
    expect((await as(env.app, otherMember)('GET', `/api/systems/${system.id}`)).statusCode).toBe(404);
    expect((await as(env.app, otherMember)('PATCH', `/api/systems/${system.id}`, { name: 'x' })).statusCode).toBe(404);
    const list = (await as(env.app, otherMember)('GET', '/api/systems?q=SYT')).json();
    expect(list.items.map((s: { code: string }) => s.code)).not.toContain('SYT-HIS');
    expect((await as(env.app, partner)('GET', '/api/systems')).statusCode).toBe(403);
    expect((await as(env.app, partner)('GET', `/api/systems/${system.id}`)).statusCode).toBe(404);
    // a viewer reads it but cannot change it
    expect((await as(env.app, viewer)('GET', `/api/systems/${system.id}`)).json().canManage).toBe(false);
    expect((await as(env.app, viewer)('PATCH', `/api/systems/${system.id}`, { name: 'x' })).statusCode).toBe(403);
  });

  it('the operator organisation sees and manages a system another organisation owns', async () => {
    const body = systemBody('STP-LGSP-OP', otherOrg.id, { operatorOrgId: ownOrg.id });
    const system = (await as(env.app, coordinator)('POST', '/api/systems', body)).json();
    expect((await as(env.app, member)('GET', `/api/systems/${system.id}`)).statusCode).toBe(200);
    const patched = await as(env.app, member)('PATCH', `/api/systems/${system.id}`, { securityLevel: 3 });
    expect(patched.json().securityLevel).toBe(3);
    // …but it cannot hand the system away from its own organisation
    const away = await as(env.app, member)('PATCH', `/api/systems/${system.id}`, { operatorOrgId: otherOrg.id });
    expect(away.statusCode).toBe(403);
    expect(away.json().error.code).toBe('system_keep_own_organisation');
  });

  it('lists with filters and server-side keyset paging, searching without diacritics', async () => {
    for (const [i, level] of [1, 2, 3, 3, 3].entries())
      await as(env.app, coordinator)(
        'POST',
        '/api/systems',
        systemBody(`PAGE-${i}`, otherOrg.id, {
          name: `Hệ thống quản lý văn bản ${i}`,
          securityLevel: level,
          sharedProvincial: level === 3,
        }),
      );
    const first = (await as(env.app, coordinator)('GET', '/api/systems?q=quan%20ly%20van%20ban&limit=2')).json();
    expect(first.items.map((s: { code: string }) => s.code)).toEqual(['PAGE-0', 'PAGE-1']);
    const second = (
      await as(env.app, coordinator)('GET', `/api/systems?q=quan%20ly%20van%20ban&limit=2&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items.map((s: { code: string }) => s.code)).toEqual(['PAGE-2', 'PAGE-3']);
    const l3 = (await as(env.app, coordinator)('GET', `/api/systems?level=3&shared=true&owner=${otherOrg.id}`)).json();
    expect(l3.items.map((s: { code: string }) => s.code)).toEqual(['PAGE-2', 'PAGE-3', 'PAGE-4']);
  });

  it('keeps the history of the system and its components, removed ones included, with before/after', async () => {
    const contact = await makeContact(env.platform, ownOrg.id);
    const system = (await as(env.app, member)('POST', '/api/systems', systemBody('SYT-HIST', ownOrg.id))).json();
    const c = (
      await as(env.app, member)('POST', `/api/systems/${system.id}/components`, { kind: 'host', ip: '203.0.113.5' })
    ).json();
    env.clock.advance(60_000);
    await as(env.app, member)('PATCH', `/api/systems/${system.id}/components/${c.id}`, { ip: '203.0.113.6' });
    await as(env.app, member)('PATCH', `/api/systems/${system.id}`, { securityLevel: 3, ownerContactId: contact.id });
    await as(env.app, member)('DELETE', `/api/systems/${system.id}/components/${c.id}`);
    await as(env.app, member)('POST', `/api/systems/${system.id}/retire`);
    const history = (await as(env.app, member)('GET', `/api/systems/${system.id}/history?limit=3`)).json();
    expect(history.items.map((e: { action: string }) => e.action)).toEqual([
      'system.retire',
      'system_component.delete',
      'system.update',
    ]);
    expect(history.items[2].diff).toMatchObject({ before: { securityLevel: 2 }, after: { securityLevel: 3 } });
    // the history names what the ids refer to, and who acted
    expect(history.refs.contacts[contact.id]).toEqual({ id: contact.id, personName: contact.personName });
    expect(history.items[2].actorName).toBe('Người dùng thử');
    expect(history.items[1].diff.detail).toMatchObject({ componentKind: 'host', component: '203.0.113.6' });
    const rest = (
      await as(env.app, member)('GET', `/api/systems/${system.id}/history?cursor=${history.nextCursor}`)
    ).json();
    expect(rest.items.map((e: { action: string }) => e.action)).toEqual([
      'system_component.update',
      'system_component.create',
      'system.create',
    ]);
    expect(rest.items[0].diff).toMatchObject({ before: { ip: '203.0.113.5' }, after: { ip: '203.0.113.6' } });
    expect(rest.refs.organisations[ownOrg.id]).toMatchObject({ id: ownOrg.id, name: 'Sở Y tế' });
    const detail = (await as(env.app, member)('GET', `/api/systems/${system.id}`)).json();
    expect(detail.status).toBe('retired');
    expect(detail.ownerContact).toMatchObject({
      id: contact.id,
      organisationId: ownOrg.id,
      personName: contact.personName,
    });
    expect(Date.parse(detail.lastChangedAt)).toBeGreaterThanOrEqual(Date.parse(system.lastChangedAt) + 60_000);
  });
});

describe('merging an organisation', () => {
  it('moves the systems it owns or operates to the successor, audited and marked changed', async () => {
    const dic = await makeOrg(env.platform, 'member', 'Sở Thông tin và Truyền thông');
    const dost = await makeOrg(env.platform, 'member', 'Sở Khoa học và Công nghệ');
    const owned = (await as(env.app, coordinator)('POST', '/api/systems', systemBody('MERGE-OWNED', dic.id))).json();
    const operated = (
      await as(env.app, coordinator)(
        'POST',
        '/api/systems',
        systemBody('MERGE-OPERATED', otherOrg.id, { operatorOrgId: dic.id }),
      )
    ).json();
    env.clock.advance(1000);
    const res = await as(env.app, coordinator)('POST', `/api/organisations/${dic.id}/merge`, {
      successorId: dost.id,
      effectiveDate: '2025-03-01',
    });
    expect(res.statusCode, res.body).toBe(200);
    const a = (await as(env.app, coordinator)('GET', `/api/systems/${owned.id}`)).json();
    const b = (await as(env.app, coordinator)('GET', `/api/systems/${operated.id}`)).json();
    expect([a.owner.id, a.operator.id, b.owner.id, b.operator.id]).toEqual([dost.id, dost.id, otherOrg.id, dost.id]);
    expect(Date.parse(a.lastChangedAt)).toBeGreaterThan(Date.parse(owned.lastChangedAt));
    const history = (await as(env.app, coordinator)('GET', `/api/systems/${operated.id}/history`)).json();
    expect(history.items[0]).toMatchObject({ action: 'system.update', diff: { after: { operatorOrgId: dost.id } } });
    expect(history.refs.organisations[dic.id].name).toBe('Sở Thông tin và Truyền thông');
    expect(history.refs.organisations[dost.id].name).toBe('Sở Khoa học và Công nghệ');
  });
});
