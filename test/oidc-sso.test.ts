import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newTotpSecret, totpCodeAt } from '../src/modules/identity/totp.ts';
import { encrypt, sha256Hex } from '../src/platform/secrets.ts';
import { makeOrg, makeUser } from './factories.ts';
import { type TestEnv, testEnv } from './harness.ts';
import { browseSso, CookieJar } from './oidc-browserless.ts';
import { startIdp, type TestIdp } from './oidc-idp.ts';

const ORIGIN = 'http://canhgac.test';
const CALLBACK = `${ORIGIN}/api/auth/oidc/callback`;

let env: TestEnv;
let idp: TestIdp;
let org: { id: string; code: string };
let n = 0;

beforeAll(async () => {
  env = await testEnv();
  env.platform.config.baseUrl = ORIGIN;
  idp = await startIdp(CALLBACK);
  org = await makeOrg(env.platform);
}, 60_000);
afterAll(async () => {
  await idp?.close();
  await env?.close();
});
beforeEach(() => {
  env.platform.config.oidc = idp.oidcConfig();
});

const q = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) =>
  (await env.platform.pool.query(text, values)).rows as T[];
const sessionCount = async (userId?: string) =>
  Number(
    (
      await q<{ n: string }>('SELECT count(*) AS n FROM sessions WHERE $1::uuid IS NULL OR user_id = $1', [
        userId ?? null,
      ])
    )[0]?.n,
  );
const lastRefusal = async () =>
  (
    await q<{ diff: { detail: Record<string, unknown> }; subject_id: string | null; actor: string }>(
      "SELECT diff, subject_id, actor FROM audit_log WHERE action = 'auth.sso_refused' ORDER BY id DESC LIMIT 1",
    )
  )[0];

/** A CanhGac user and an IdP account sharing a verified e-mail address. */
async function pair(opts: { emailVerified?: boolean; roles?: ('member' | 'responder')[] } = {}) {
  n += 1;
  const user = await makeUser(env.platform, org.id, opts.roles ?? ['member']);
  const email = `nguoi.dung${n}@so-tt.test`;
  await q('UPDATE users SET email = $2 WHERE id = $1', [user.id, email.toUpperCase()]);
  const account = idp.add({
    sub: `sub-${n}-${user.username}`,
    password: 'idp-password',
    email,
    email_verified: opts.emailVerified ?? true,
    preferred_username: `kc.${user.username}`,
    name: 'Nguyễn Văn SSO',
  });
  return { user, account, email };
}

async function me(jar: CookieJar) {
  return env.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: jar.header(new URL(ORIGIN)) } });
}

describe('OIDC single sign-on (code flow against a real OpenID provider)', () => {
  it('says whether SSO is on, with the button label', async () => {
    expect((await env.app.inject({ url: '/api/auth/oidc' })).json()).toEqual({ enabled: true, label: 'Test IdP' });
    env.platform.config.oidc = null;
    expect((await env.app.inject({ url: '/api/auth/oidc' })).json()).toEqual({ enabled: false, label: null });
    const start = await env.app.inject({ url: '/api/auth/oidc/login' });
    expect(start.headers.location).toBe('/login?sso_error=sso_disabled');
    const paths = Object.keys((await env.app.inject({ url: '/api/openapi.json' })).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/auth/oidc', '/api/auth/oidc/login', '/api/auth/oidc/callback', '/api/auth/mfa']),
    );
  });

  it('matches a user by verified e-mail, links the sub and opens a session like a password login', async () => {
    const { user, account } = await pair();
    const jar = new CookieJar();
    const { final, hops } = await browseSso(env.app, ORIGIN, jar, { login: account.sub, password: 'idp-password' });
    expect(final).toBe('/');
    // PKCE (S256), state and nonce went to the provider.
    const authorize = new URL(hops[0]?.location ?? '');
    expect(authorize.origin).toBe(idp.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(authorize.searchParams.get('redirect_uri')).toBe(CALLBACK);
    const res = await me(jar);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ username: user.username, csrfToken: expect.any(String) });
    expect(await q('SELECT issuer, subject FROM user_identities WHERE user_id = $1', [user.id])).toEqual([
      { issuer: idp.issuer, subject: account.sub },
    ]);
    const actions = await q<{ action: string; actor: string; detail: Record<string, unknown> }>(
      "SELECT action, actor, diff->'detail' AS detail FROM audit_log WHERE subject_id = $1 AND action LIKE '%sso%' ORDER BY id",
      [user.id],
    );
    expect(actions.map((a) => a.action)).toEqual(['user.sso_link', 'auth.sso_login']);
    expect(actions[1]).toMatchObject({ actor: user.username, detail: { matchedBy: 'email', mfaByIdp: false } });
    // The binding cookie is gone; the state cannot be used again.
    expect(jar.get('canhgac.test', 'cg_oidc')).toBeUndefined();
  });

  it('matches later logins by the stored sub link, even after the e-mail changed', async () => {
    const { user, account } = await pair();
    await browseSso(env.app, ORIGIN, new CookieJar(), { login: account.sub, password: 'idp-password' });
    account.email = `changed.${account.email}`;
    const jar = new CookieJar();
    expect((await browseSso(env.app, ORIGIN, jar, { login: account.sub, password: 'idp-password' })).final).toBe('/');
    expect((await me(jar)).json().username).toBe(user.username);
    const last = await q<{ detail: { matchedBy: string } }>(
      "SELECT diff->'detail' AS detail FROM audit_log WHERE action = 'auth.sso_login' AND subject_id = $1 ORDER BY id DESC LIMIT 1",
      [user.id],
    );
    expect(last[0]?.detail.matchedBy).toBe('link');
  });

  it('matches by preferred_username when configured', async () => {
    env.platform.config.oidc = idp.oidcConfig({ matchClaim: 'preferred_username' });
    const user = await makeUser(env.platform, org.id, ['member']);
    idp.add({ sub: `pu-${user.username}`, password: 'pw-1', preferred_username: user.username.toUpperCase() });
    const jar = new CookieJar();
    expect((await browseSso(env.app, ORIGIN, jar, { login: `pu-${user.username}`, password: 'pw-1' })).final).toBe('/');
    expect((await me(jar)).json().username).toBe(user.username);
  });

  it('with sub matching, only a stored link signs in', async () => {
    env.platform.config.oidc = idp.oidcConfig({ matchClaim: 'sub' });
    const { user, account } = await pair();
    const refused = await browseSso(env.app, ORIGIN, new CookieJar(), { login: account.sub, password: 'idp-password' });
    expect(refused.final).toBe('/login?sso_error=unknown_user');
    await q('INSERT INTO user_identities (issuer, subject, user_id) VALUES ($1, $2, $3)', [
      idp.issuer,
      account.sub,
      user.id,
    ]);
    const jar = new CookieJar();
    expect((await browseSso(env.app, ORIGIN, jar, { login: account.sub, password: 'idp-password' })).final).toBe('/');
    expect((await me(jar)).json().username).toBe(user.username);
  });

  it('refuses an e-mail the provider has not verified', async () => {
    const { user, account } = await pair({ emailVerified: false });
    const jar = new CookieJar();
    const { final } = await browseSso(env.app, ORIGIN, jar, { login: account.sub, password: 'idp-password' });
    expect(final).toBe('/login?sso_error=email_not_verified');
    expect(jar.get('canhgac.test', 'cg_session')).toBeUndefined();
    expect(await sessionCount(user.id)).toBe(0);
    expect((await lastRefusal())?.diff.detail.reason).toBe('email_not_verified');
  });

  it('refuses a second provider account claiming an already linked user', async () => {
    const { user, account, email } = await pair();
    await browseSso(env.app, ORIGIN, new CookieJar(), { login: account.sub, password: 'idp-password' });
    const intruder = idp.add({ sub: `other-${account.sub}`, password: 'x-password', email, email_verified: true });
    const before = await sessionCount(user.id);
    const { final } = await browseSso(env.app, ORIGIN, new CookieJar(), {
      login: intruder.sub,
      password: 'x-password',
    });
    expect(final).toBe('/login?sso_error=identity_conflict');
    expect(await sessionCount(user.id)).toBe(before);
  });

  it('JIT off: an unknown user is refused and nothing is created', async () => {
    const stranger = idp.add({
      sub: 'stranger-1',
      password: 'pw-s',
      email: 'stranger@khach.test',
      email_verified: true,
      preferred_username: 'stranger',
    });
    const users = (await q<{ n: string }>('SELECT count(*) AS n FROM users'))[0]?.n;
    const { final } = await browseSso(env.app, ORIGIN, new CookieJar(), { login: stranger.sub, password: 'pw-s' });
    expect(final).toBe('/login?sso_error=unknown_user');
    expect((await q<{ n: string }>('SELECT count(*) AS n FROM users'))[0]?.n).toBe(users);
    const refusal = await lastRefusal();
    expect(refusal?.diff.detail).toMatchObject({ reason: 'unknown_user', email: 'stranger@khach.test' });
  });

  it('JIT on: an unknown user is created in the default organisation with the default role', async () => {
    const home = await makeOrg(env.platform, 'locality');
    env.platform.config.oidc = idp.oidcConfig({ jit: true, defaultOrgCode: home.code, defaultRole: 'viewer' });
    idp.add({
      sub: 'jit-1',
      password: 'pw-j',
      email: 'Tran.Thi.Moi@Tinh.test',
      email_verified: true,
      preferred_username: 'Trần.Thị.Mới',
      name: 'Trần Thị Mới',
    });
    const jar = new CookieJar();
    expect((await browseSso(env.app, ORIGIN, jar, { login: 'jit-1', password: 'pw-j' })).final).toBe('/');
    const created = await q(
      `SELECT u.username, u.display_name, u.email, u.organisation_id, u.password_hash, array_agg(r.role) AS roles
         FROM users u JOIN user_roles r ON r.user_id = u.id WHERE u.username = 'tran.thi.moi'
        GROUP BY u.id`,
    );
    expect(created).toEqual([
      {
        username: 'tran.thi.moi',
        display_name: 'Trần Thị Mới',
        email: 'tran.thi.moi@tinh.test',
        organisation_id: home.id,
        password_hash: null,
        roles: ['viewer'],
      },
    ]);
    expect((await me(jar)).json()).toMatchObject({ username: 'tran.thi.moi', roles: ['viewer'] });
    const audit = await q<{ actor: string; detail: Record<string, unknown> }>(
      "SELECT actor, diff->'detail' AS detail FROM audit_log WHERE action = 'user.create' ORDER BY id DESC LIMIT 1",
    );
    expect(audit[0]).toMatchObject({ actor: 'system:oidc', detail: { source: 'oidc', subject: 'jit-1' } });
    // The next login finds the same account through the link, not a second one.
    await browseSso(env.app, ORIGIN, new CookieJar(), { login: 'jit-1', password: 'pw-j' });
    expect(await q("SELECT id FROM users WHERE username LIKE 'tran.thi.moi%'")).toHaveLength(1);
  });

  it('JIT with a missing default organisation refuses clearly', async () => {
    env.platform.config.oidc = idp.oidcConfig({ jit: true, defaultOrgCode: 'NO-SUCH-ORG' });
    idp.add({ sub: 'jit-2', password: 'pw-2', email: 'jit2@x.test', email_verified: true });
    const { final } = await browseSso(env.app, ORIGIN, new CookieJar(), { login: 'jit-2', password: 'pw-2' });
    expect(final).toBe('/login?sso_error=jit_failed');
    expect((await lastRefusal())?.diff.detail.why).toMatch(/NO-SUCH-ORG/);
  });

  it('a disabled user is refused', async () => {
    const { user, account } = await pair();
    await q('UPDATE users SET disabled = true WHERE id = $1', [user.id]);
    const jar = new CookieJar();
    const { final } = await browseSso(env.app, ORIGIN, jar, { login: account.sub, password: 'idp-password' });
    expect(final).toBe('/login?sso_error=disabled_user');
    expect(jar.get('canhgac.test', 'cg_session')).toBeUndefined();
    expect(await sessionCount(user.id)).toBe(0);
    const refusal = await lastRefusal();
    expect(refusal).toMatchObject({ subject_id: user.id, actor: user.username });
    expect(refusal?.diff.detail.reason).toBe('disabled_user');
  });

  it('a user with MFA still gives the second factor, unless the provider asserts MFA (amr)', async () => {
    const { user, account } = await pair({ roles: ['responder'] });
    const secret = newTotpSecret();
    await q('UPDATE users SET mfa_enabled = true, mfa_secret_enc = $2 WHERE id = $1', [
      user.id,
      encrypt(env.platform.keys.totp, secret),
    ]);
    const jar = new CookieJar();
    const { final } = await browseSso(env.app, ORIGIN, jar, { login: account.sub, password: 'idp-password' });
    expect(final).toBe('/login?sso=mfa');
    expect((await me(jar)).json().error.code).toBe('mfa_required');
    const cookie = jar.header(new URL(ORIGIN));
    const pending = await env.app.inject({ url: '/api/auth/mfa', headers: { cookie } });
    expect(pending.json()).toEqual({ pending: true, csrfToken: expect.any(String) });
    const done = await env.app.inject({
      method: 'POST',
      url: '/api/auth/mfa',
      headers: { cookie, 'x-csrf-token': pending.json().csrfToken },
      payload: { code: totpCodeAt(secret, env.platform.clock.now()) },
    });
    expect(done.statusCode, done.body).toBe(200);

    const strong = new CookieJar();
    const viaIdp = await browseSso(env.app, ORIGIN, strong, {
      login: account.sub,
      password: 'idp-password',
      otp: true,
    });
    expect(viaIdp.final).toBe('/');
    expect((await me(strong)).statusCode).toBe(200);
  });

  it("an organisation's MFA duty is met by a provider-asserted MFA login, not by a password-only one", async () => {
    const { user, account } = await pair();
    await q(
      'UPDATE organisations SET require_mfa = true WHERE id = (SELECT organisation_id FROM users WHERE id = $1)',
      [user.id],
    );
    try {
      const weak = new CookieJar();
      await browseSso(env.app, ORIGIN, weak, { login: account.sub, password: 'idp-password' });
      expect((await me(weak)).json().mfaEnrollmentRequired).toBe(true);
      const strong = new CookieJar();
      await browseSso(env.app, ORIGIN, strong, { login: account.sub, password: 'idp-password', otp: true });
      expect((await me(strong)).json().mfaEnrollmentRequired).toBe(false);
    } finally {
      await q('UPDATE organisations SET require_mfa = false WHERE id = $1', [org.id]);
    }
  });
});

describe('OIDC callbacks that must be refused', () => {
  /** Runs a login up to the provider's redirect back to us, without calling our callback. */
  async function upToCallback() {
    const { account, user } = await pair();
    const jar = new CookieJar();
    const { final } = await browseSso(
      env.app,
      ORIGIN,
      jar,
      { login: account.sub, password: 'idp-password' },
      { stopAt: (url) => url.pathname === '/api/auth/oidc/callback' },
    );
    const callback = new URL(final);
    return { jar, user, callback, state: callback.searchParams.get('state') ?? '' };
  }

  async function callBack(jar: CookieJar, url: URL) {
    const res = await env.app.inject({ url: `${url.pathname}${url.search}`, headers: { cookie: jar.header(url) } });
    expect(res.statusCode).toBe(303);
    expect(res.cookies.find((c) => c.name === 'cg_session')).toBeUndefined();
    return res.headers.location;
  }

  it('a wrong state', async () => {
    const { jar, user, callback } = await upToCallback();
    callback.searchParams.set('state', 'forged-state-value');
    expect(await callBack(jar, callback)).toBe('/login?sso_error=wrong_state');
    expect(await sessionCount(user.id)).toBe(0);
    expect((await lastRefusal())?.diff.detail.reason).toBe('wrong_state');
  });

  it('a state issued to another browser (login CSRF)', async () => {
    const { user, callback } = await upToCallback();
    expect(await callBack(new CookieJar(), callback)).toBe('/login?sso_error=wrong_state');
    expect(await sessionCount(user.id)).toBe(0);
  });

  it('a replayed state', async () => {
    const { jar, user, callback } = await upToCallback();
    const binding = jar.header(callback);
    const first = await env.app.inject({ url: `${callback.pathname}${callback.search}`, headers: { cookie: binding } });
    expect(first.headers.location).toBe('/');
    const sessions = await sessionCount(user.id);
    const replay = await env.app.inject({
      url: `${callback.pathname}${callback.search}`,
      headers: { cookie: binding },
    });
    expect(replay.headers.location).toBe('/login?sso_error=replayed_state');
    expect(replay.cookies.find((c) => c.name === 'cg_session')).toBeUndefined();
    expect(await sessionCount(user.id)).toBe(sessions);
    expect((await lastRefusal())?.diff.detail.reason).toBe('replayed_state');
  });

  it('an expired state', async () => {
    const { jar, user, callback } = await upToCallback();
    env.clock.advance(11 * 60_000);
    try {
      expect(await callBack(jar, callback)).toBe('/login?sso_error=expired_state');
    } finally {
      env.clock.advance(-11 * 60_000);
    }
    expect(await sessionCount(user.id)).toBe(0);
  });

  it('an ID token whose nonce does not match the one stored for the login', async () => {
    const { jar, user, callback, state } = await upToCallback();
    await q('UPDATE oidc_login_attempts SET nonce = $2 WHERE state_hash = $1', [sha256Hex(state), 'tampered-nonce']);
    expect(await callBack(jar, callback)).toBe('/login?sso_error=nonce_mismatch');
    expect(await sessionCount(user.id)).toBe(0);
    expect((await lastRefusal())?.diff.detail.reason).toBe('nonce_mismatch');
  });

  it('an error from the provider (the user cancelled)', async () => {
    const { jar, callback, state } = await upToCallback();
    const cancelled = new URL(callback.pathname, callback);
    cancelled.search = new URLSearchParams({
      error: 'access_denied',
      error_description: 'cancelled',
      state,
    }).toString();
    expect(await callBack(jar, cancelled)).toBe('/login?sso_error=idp_error');
    expect((await lastRefusal())?.diff.detail).toMatchObject({ reason: 'idp_error', error: 'access_denied' });
  });

  it('forged callbacks from one address are throttled and stop filling the audit trail', async () => {
    const audited = async () =>
      Number((await q<{ n: string }>("SELECT count(*) AS n FROM audit_log WHERE action = 'auth.sso_refused'"))[0]?.n);
    const before = await audited();
    const answers: string[] = [];
    for (let i = 0; i < 32; i++) {
      const res = await env.app.inject({
        url: `/api/auth/oidc/callback?code=c&state=forged-${i}`,
        remoteAddress: '203.0.113.7',
      });
      answers.push(String(res.headers.location));
    }
    expect(answers.slice(0, 30).every((a) => a === '/login?sso_error=wrong_state')).toBe(true);
    expect(answers.slice(30)).toEqual(['/login?sso_error=too_many_attempts', '/login?sso_error=too_many_attempts']);
    expect((await audited()) - before).toBe(30);
  });

  it('an unreachable issuer gives a clear error, not a crash', async () => {
    env.platform.config.oidc = idp.oidcConfig({ issuer: 'http://127.0.0.1:9/realms/none' });
    const res = await env.app.inject({ url: '/api/auth/oidc/login' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login?sso_error=idp_unreachable');
    expect((await lastRefusal())?.diff.detail).toMatchObject({ reason: 'idp_unreachable' });
    // The status route does not need the provider.
    expect((await env.app.inject({ url: '/api/auth/oidc' })).json().enabled).toBe(true);
  });
});
