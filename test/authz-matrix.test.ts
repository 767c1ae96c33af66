import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/modules/identity/passwords.ts';
import { ROLES, type Role } from '../src/modules/identity/tables.ts';
import { makeContact, makeOrg, PASSWORD } from './factories.ts';
import { type TestEnv, testEnv } from './harness.ts';
import { as, login, type Session } from './http.ts';

/**
 * The authorisation matrix: every registered route × every role × own/foreign organisation, sent as
 * real HTTP requests and compared with the table below. The table is written by hand from the
 * access rules in docs/ARCHITECTURE.md, NOT derived from the policy code. A route that is not in
 * the table fails the test, so every new route must be classified here.
 */

type Axis = 'own' | 'foreign';
type Expect = Record<Role, { own: boolean; foreign: boolean }>;

const all = (own: boolean, foreign: boolean) => Object.fromEntries(ROLES.map((r) => [r, { own, foreign }])) as Expect;
const only = (rules: Partial<Record<Role, [own: boolean, foreign: boolean]>>): Expect =>
  Object.fromEntries(ROLES.map((r) => [r, { own: rules[r]?.[0] ?? false, foreign: rules[r]?.[1] ?? false }])) as Expect;

const CONSTITUENCY_WIDE: [boolean, boolean] = [true, true];
const OWN_ONLY: [boolean, boolean] = [true, false];

/** Route class × role → allowed, for the subject in the actor's own organisation and in another. */
const EXPECTATIONS: Record<string, Expect> = {
  self: all(true, true),
  search: all(true, true),
  'org.list': all(true, true),
  'user.list': all(true, true),
  'org.read': only({
    admin: CONSTITUENCY_WIDE,
    coordinator: CONSTITUENCY_WIDE,
    responder: CONSTITUENCY_WIDE,
    viewer: CONSTITUENCY_WIDE,
    'member-lead': OWN_ONLY,
    member: OWN_ONLY,
    partner: OWN_ONLY,
  }),
  'user.read': only({
    admin: CONSTITUENCY_WIDE,
    coordinator: CONSTITUENCY_WIDE,
    responder: CONSTITUENCY_WIDE,
    viewer: CONSTITUENCY_WIDE,
    'member-lead': OWN_ONLY,
    member: OWN_ONLY,
    partner: OWN_ONLY,
  }),
  'org.create': only({ admin: CONSTITUENCY_WIDE, coordinator: CONSTITUENCY_WIDE }),
  'org.manage': only({ admin: CONSTITUENCY_WIDE, coordinator: CONSTITUENCY_WIDE }),
  'contact.manage': only({ admin: CONSTITUENCY_WIDE, coordinator: CONSTITUENCY_WIDE, 'member-lead': OWN_ONLY }),
  'user.create': only({ admin: CONSTITUENCY_WIDE, coordinator: CONSTITUENCY_WIDE, 'member-lead': OWN_ONLY }),
  'user.manage': only({ admin: CONSTITUENCY_WIDE, coordinator: CONSTITUENCY_WIDE, 'member-lead': OWN_ONLY }),
  'audit.read': only({ admin: CONSTITUENCY_WIDE, coordinator: CONSTITUENCY_WIDE }),
  'settings.manage': only({ admin: CONSTITUENCY_WIDE }),
};

type Fixture = {
  actor: { id: string; username: string; organisationId: string };
  session: Session;
  subjectOrgId: string;
  targetUserId: string;
  contactId: string;
  tokenId: string;
  targetTokenId: string;
  sessionPublicId: string;
  successorOrgId: string;
};

type Sample = { class: string; axis: boolean; request: (f: Fixture) => { url: string; payload?: unknown } };

const strong = 'an-acceptable-passphrase-42';
const u = () => randomBytes(4).toString('hex');

/** Every route the app registers, with its class and a valid request. */
const ROUTES: Record<string, Sample> = {
  'POST /api/auth/mfa': {
    class: 'self',
    axis: false,
    request: () => ({ url: '/api/auth/mfa', payload: { code: '123456' } }),
  },
  'POST /api/auth/logout': { class: 'self', axis: false, request: () => ({ url: '/api/auth/logout' }) },
  'GET /api/me': { class: 'self', axis: false, request: () => ({ url: '/api/me' }) },
  'PATCH /api/me': { class: 'self', axis: false, request: () => ({ url: '/api/me', payload: { locale: 'en' } }) },
  'POST /api/me/password': {
    class: 'self',
    axis: false,
    request: () => ({ url: '/api/me/password', payload: { currentPassword: PASSWORD, newPassword: strong } }),
  },
  'POST /api/me/mfa/setup': { class: 'self', axis: false, request: () => ({ url: '/api/me/mfa/setup' }) },
  'POST /api/me/mfa/enable': {
    class: 'self',
    axis: false,
    request: () => ({ url: '/api/me/mfa/enable', payload: { code: '123456' } }),
  },
  'POST /api/me/mfa/disable': {
    class: 'self',
    axis: false,
    request: () => ({ url: '/api/me/mfa/disable', payload: { password: PASSWORD } }),
  },
  'GET /api/me/sessions': { class: 'self', axis: false, request: () => ({ url: '/api/me/sessions' }) },
  'DELETE /api/me/sessions/:id': {
    class: 'self',
    axis: false,
    request: (f) => ({ url: `/api/me/sessions/${f.sessionPublicId}` }),
  },
  'POST /api/me/sessions/revoke-all': {
    class: 'self',
    axis: false,
    request: () => ({ url: '/api/me/sessions/revoke-all' }),
  },
  'GET /api/me/tokens': { class: 'self', axis: false, request: () => ({ url: '/api/me/tokens' }) },
  'POST /api/me/tokens': {
    class: 'self',
    axis: false,
    request: () => ({ url: '/api/me/tokens', payload: { name: 'ci', scopes: ['read'] } }),
  },
  'DELETE /api/me/tokens/:id': { class: 'self', axis: false, request: (f) => ({ url: `/api/me/tokens/${f.tokenId}` }) },
  'GET /api/search': { class: 'search', axis: false, request: () => ({ url: '/api/search?q=thu' }) },
  'GET /api/organisations': { class: 'org.list', axis: false, request: () => ({ url: '/api/organisations' }) },
  'GET /api/organisations/stats': {
    class: 'org.list',
    axis: false,
    request: () => ({ url: '/api/organisations/stats' }),
  },
  'GET /api/organisations/:id': {
    class: 'org.read',
    axis: true,
    request: (f) => ({ url: `/api/organisations/${f.subjectOrgId}` }),
  },
  'GET /api/organisations/:id/contacts': {
    class: 'org.read',
    axis: true,
    request: (f) => ({ url: `/api/organisations/${f.subjectOrgId}/contacts` }),
  },
  'POST /api/organisations': {
    class: 'org.create',
    axis: false,
    request: () => ({ url: '/api/organisations', payload: { code: `M-${u()}`, name: 'Đơn vị mới', kind: 'member' } }),
  },
  'PATCH /api/organisations/:id': {
    class: 'org.manage',
    axis: true,
    request: (f) => ({ url: `/api/organisations/${f.subjectOrgId}`, payload: { locality: 'Tam Kỳ' } }),
  },
  'POST /api/organisations/:id/merge': {
    class: 'org.manage',
    axis: true,
    request: (f) => ({
      url: `/api/organisations/${f.subjectOrgId}/merge`,
      payload: { successorId: f.successorOrgId, effectiveDate: '2025-07-01' },
    }),
  },
  'POST /api/organisations/:id/contacts': {
    class: 'contact.manage',
    axis: true,
    request: (f) => ({ url: `/api/organisations/${f.subjectOrgId}/contacts`, payload: { personName: 'Trần Thị B' } }),
  },
  'PATCH /api/contacts/:id': {
    class: 'contact.manage',
    axis: true,
    request: (f) => ({ url: `/api/contacts/${f.contactId}`, payload: { personRole: 'Trực 24/7' } }),
  },
  'DELETE /api/contacts/:id': {
    class: 'contact.manage',
    axis: true,
    request: (f) => ({ url: `/api/contacts/${f.contactId}` }),
  },
  'GET /api/users': { class: 'user.list', axis: false, request: () => ({ url: '/api/users' }) },
  'GET /api/users/:id': { class: 'user.read', axis: true, request: (f) => ({ url: `/api/users/${f.targetUserId}` }) },
  'POST /api/users': {
    class: 'user.create',
    axis: true,
    request: (f) => ({
      url: '/api/users',
      payload: {
        username: `n${u()}`,
        displayName: 'Nhân viên mới',
        organisationId: f.subjectOrgId,
        roles: ['member'],
        password: strong,
      },
    }),
  },
  'PATCH /api/users/:id': {
    class: 'user.manage',
    axis: true,
    request: (f) => ({ url: `/api/users/${f.targetUserId}`, payload: { displayName: 'Đổi tên' } }),
  },
  'POST /api/users/:id/reset-password': {
    class: 'user.manage',
    axis: true,
    request: (f) => ({ url: `/api/users/${f.targetUserId}/reset-password`, payload: { password: strong } }),
  },
  'GET /api/users/:id/tokens': {
    class: 'user.manage',
    axis: true,
    request: (f) => ({ url: `/api/users/${f.targetUserId}/tokens` }),
  },
  'DELETE /api/users/:id/tokens/:tokenId': {
    class: 'user.manage',
    axis: true,
    request: (f) => ({ url: `/api/users/${f.targetUserId}/tokens/${f.targetTokenId}` }),
  },
  'GET /api/users/:id/sessions': {
    class: 'user.manage',
    axis: true,
    request: (f) => ({ url: `/api/users/${f.targetUserId}/sessions` }),
  },
  'DELETE /api/users/:id/sessions': {
    class: 'user.manage',
    axis: true,
    request: (f) => ({ url: `/api/users/${f.targetUserId}/sessions` }),
  },
  'GET /api/admin/settings/mfa': {
    class: 'settings.manage',
    axis: false,
    request: () => ({ url: '/api/admin/settings/mfa' }),
  },
  'PUT /api/admin/settings/mfa': {
    class: 'settings.manage',
    axis: false,
    request: () => ({ url: '/api/admin/settings/mfa', payload: { roles: [] } }),
  },
  'GET /api/admin/test-clock': {
    class: 'settings.manage',
    axis: false,
    request: () => ({ url: '/api/admin/test-clock' }),
  },
  'PUT /api/admin/test-clock': {
    class: 'settings.manage',
    axis: false,
    request: () => ({ url: '/api/admin/test-clock', payload: { advanceMs: 0 } }),
  },
  'GET /api/audit': { class: 'audit.read', axis: false, request: () => ({ url: '/api/audit' }) },
  'GET /api/audit/export.csv': { class: 'audit.read', axis: false, request: () => ({ url: '/api/audit/export.csv' }) },
  'GET /api/audit/status': { class: 'audit.read', axis: false, request: () => ({ url: '/api/audit/status' }) },
};

/** Routes anyone may call (login, health, docs). */
const PUBLIC = new Set([
  'POST /api/auth/login',
  'GET /healthz',
  'GET /readyz',
  'GET /metrics',
  'GET /api/openapi.json',
]);

let env: TestEnv;
let ownOrg: string;
let foreignOrg: string;

beforeAll(async () => {
  env = await testEnv({ poolSize: 8 });
  ownOrg = (await makeOrg(env.platform)).id;
  foreignOrg = (await makeOrg(env.platform)).id;
});
afterAll(() => env.close());

let passwordHash: string | undefined;
/** Users straight into the table (one shared argon2 hash keeps the matrix fast). */
async function insertUser(organisationId: string, roles: Role[]) {
  passwordHash ??= await hashPassword(PASSWORD);
  const username = `m${u()}`;
  const r = await env.platform.pool.query<{ id: string }>(
    'INSERT INTO users (username, display_name, organisation_id, password_hash) VALUES ($1, $2, $3, $4) RETURNING id',
    [username, 'Ma trận', organisationId, passwordHash],
  );
  const id = r.rows[0]?.id ?? '';
  for (const role of roles)
    await env.platform.pool.query('INSERT INTO user_roles (user_id, role) VALUES ($1, $2)', [id, role]);
  return { id, username, organisationId };
}

async function fixture(role: Role, axis: Axis): Promise<Fixture> {
  const actor = await insertUser(ownOrg, [role]);
  const session = await login(env.app, actor.username, PASSWORD);
  const subjectOrgId = axis === 'own' ? ownOrg : foreignOrg;
  const target = await insertUser(subjectOrgId, ['member']);
  const contact = await makeContact(env.platform, subjectOrgId);
  const token = await as(env.app, session)('POST', '/api/me/tokens', { name: 'fixture', scopes: ['read'] });
  const targetToken = await env.platform.pool.query<{ id: string }>(
    "INSERT INTO api_tokens (user_id, name, token_hash, scopes) VALUES ($1, 'target', $2, '{read}') RETURNING id",
    [target.id, u() + u() + u()],
  );
  const sessions = await as(env.app, session)('GET', '/api/me/sessions');
  return {
    actor,
    session,
    subjectOrgId,
    targetUserId: target.id,
    contactId: contact.id,
    tokenId: token.json().item.id,
    targetTokenId: targetToken.rows[0]?.id ?? '',
    sessionPublicId: sessions.json().items[0].id,
    successorOrgId: (await makeOrg(env.platform)).id,
  };
}

const DENIED = new Set([401, 403, 404]);

describe('authorisation matrix', () => {
  it('every registered route is classified in the hand-written table, with the same class', () => {
    const outside = env.routes.filter((r) => r.url.startsWith('/api/docs') || !r.url.startsWith('/api/'));
    for (const r of outside) expect(r.auth, `${r.method} ${r.url}`).toBe('public');
    const registered = env.routes.filter((r) => !outside.includes(r));
    for (const r of registered) {
      const key = `${r.method} ${r.url}`;
      if (PUBLIC.has(key)) {
        expect(r.auth, key).toBe('public');
        continue;
      }
      expect(ROUTES[key], `route ${key} is missing from the authorisation matrix`).toBeDefined();
      expect(r.routeClass, key).toBe(ROUTES[key]?.class);
    }
    for (const key of Object.keys(ROUTES)) {
      expect(
        registered.some((r) => `${r.method} ${r.url}` === key),
        `${key} is in the table but not registered`,
      ).toBe(true);
    }
  });

  it('refuses every non-public route without a login', async () => {
    for (const [key, sample] of Object.entries(ROUTES)) {
      const [method, route] = key.split(' ') as ['GET', string];
      const f = {
        subjectOrgId: ownOrg,
        targetUserId: randomUUID(),
        contactId: randomUUID(),
        tokenId: randomUUID(),
        targetTokenId: randomUUID(),
        sessionPublicId: randomUUID(),
      } as Fixture;
      const { url, payload } = sample.request(f);
      const res = await env.app.inject({ method, url, ...(payload ? { payload: payload as object } : {}) });
      expect(res.statusCode, `${method} ${route}`).toBe(401);
    }
  });

  for (const role of ROLES) {
    it(`role ${role}: every route × own/foreign organisation matches the table`, async () => {
      const failures: string[] = [];
      for (const [key, sample] of Object.entries(ROUTES)) {
        const [method] = key.split(' ') as ['GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'];
        const expectation = EXPECTATIONS[sample.class];
        if (!expectation) throw new Error(`no expectation for class ${sample.class}`);
        for (const axis of sample.axis ? (['own', 'foreign'] as const) : (['own'] as const)) {
          const f = await fixture(role, axis);
          const { url, payload } = sample.request(f);
          const res = await as(env.app, f.session)(method, url, payload);
          const allowed = !DENIED.has(res.statusCode) && res.statusCode < 500;
          if (res.statusCode >= 500) failures.push(`${key} (${axis}) → ${res.statusCode} ${res.body}`);
          else if (allowed !== expectation[role][axis]) {
            failures.push(
              `${key} (${axis}): expected ${expectation[role][axis] ? 'allow' : 'deny'}, got ${res.statusCode} ${res.body.slice(0, 120)}`,
            );
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('list queries return only what a member may see', async () => {
    const member = await insertUser(ownOrg, ['member']);
    const s = await login(env.app, member.username, PASSWORD);
    const orgs = (await as(env.app, s)('GET', '/api/organisations?limit=100')).json().items as { id: string }[];
    expect(orgs.map((o) => o.id)).toEqual([ownOrg]);
    const users = (await as(env.app, s)('GET', '/api/users?limit=100')).json().items as {
      organisation: { id: string };
    }[];
    expect(users.length).toBeGreaterThan(0);
    expect(users.every((x) => x.organisation.id === ownOrg)).toBe(true);
    const found = (await as(env.app, s)('GET', '/api/search?q=thu')).json();
    expect(found.organisations.every((o: { id: string }) => o.id === ownOrg)).toBe(true);
    const viewer = await insertUser(ownOrg, ['viewer']);
    const sv = await login(env.app, viewer.username, PASSWORD);
    // A viewer pages through the whole constituency and finds both organisations.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await as(env.app, sv)('GET', `/api/organisations?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      const page = res.json<{ items: { id: string }[]; nextCursor: string | null }>();
      seen.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expect.arrayContaining([ownOrg, foreignOrg]));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('a member-lead cannot grant roles above its own, nor a coordinator the admin role', async () => {
    const lead = await insertUser(ownOrg, ['member-lead']);
    const sl = await login(env.app, lead.username, PASSWORD);
    const body = (roles: string[]) => ({
      username: `g${u()}`,
      displayName: 'X',
      organisationId: ownOrg,
      roles,
      password: strong,
    });
    const up = await as(env.app, sl)('POST', '/api/users', body(['coordinator']));
    expect(up.statusCode).toBe(403);
    expect(up.json().error.code).toBe('role_not_allowed');
    const coord = await insertUser(ownOrg, ['coordinator']);
    const sc = await login(env.app, coord.username, PASSWORD);
    expect((await as(env.app, sc)('POST', '/api/users', body(['admin']))).statusCode).toBe(403);
    const admin = await insertUser(ownOrg, ['admin']);
    expect((await as(env.app, sc)('PATCH', `/api/users/${admin.id}`, { disabled: true })).statusCode).toBe(403);
  });
});
