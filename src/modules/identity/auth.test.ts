import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, PASSWORD } from '../../../test/factories.ts';
import { type TestEnv, testEnv } from '../../../test/harness.ts';
import { as, login, sessionCookie } from '../../../test/http.ts';
import { decrypt } from '../../platform/secrets.ts';
import { totpCodeAt } from './totp.ts';

let env: TestEnv;
let orgId: string;

beforeAll(async () => {
  env = await testEnv();
  orgId = (await makeOrg(env.platform)).id;
});
afterAll(() => env.close());

describe('password login', () => {
  it('opens a session that /api/me recognises, with roles and organisation', async () => {
    const u = await makeUser(env.platform, orgId, ['member', 'member-lead']);
    const s = await login(env.app, u.username, PASSWORD);
    const me = await as(env.app, s)('GET', '/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      username: u.username,
      roles: ['member', 'member-lead'],
      organisation: { id: orgId },
    });
  });

  it('records logins and failed logins under the account that tried', async () => {
    const u = await makeUser(env.platform, orgId, ['member']);
    await login(env.app, u.username, PASSWORD);
    await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: 'not-it-at-all' },
    });
    await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'no-such-person-xyz', password: 'x' },
    });
    const rows = await env.platform.pool.query(
      "SELECT actor, action, diff->'detail'->>'username' AS name FROM audit_log WHERE action IN ('auth.login', 'auth.login_failed') AND (subject_id = $1 OR subject_id IS NULL) ORDER BY id",
      [u.id],
    );
    expect(rows.rows).toEqual(
      expect.arrayContaining([
        { actor: u.username, action: 'auth.login', name: u.username },
        { actor: u.username, action: 'auth.login_failed', name: u.username },
        { actor: 'system:anonymous', action: 'auth.login_failed', name: 'no…(18)' },
      ]),
    );
  });

  it('refuses a wrong password with a localised message and no cookie', async () => {
    const u = await makeUser(env.platform, orgId, ['member']);
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'vi' },
      payload: { username: u.username, password: 'wrong-password-123' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      error: { code: 'invalid_credentials', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' },
    });
    expect(sessionCookie(res)).toBeUndefined();
  });

  it('locks an account after five failures, for fifteen minutes of the clock', async () => {
    const u = await makeUser(env.platform, orgId, ['member']);
    const attempt = (password: string) =>
      env.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.9.9.9',
        payload: { username: u.username, password },
      });
    for (let i = 0; i < 4; i++) expect((await attempt('nope-nope-nope')).statusCode).toBe(401);
    expect((await attempt('nope-nope-nope')).statusCode).toBe(423);
    expect((await attempt(PASSWORD)).statusCode).toBe(423);
    env.clock.advance(16 * 60_000);
    expect((await attempt(PASSWORD)).statusCode).toBe(200);
  });

  it('rate-limits one client address across accounts', async () => {
    const attempt = (i: number) =>
      env.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.7.7.7',
        payload: { username: `ghost${i}`, password: 'x' },
      });
    for (let i = 0; i < 30; i++) expect((await attempt(i)).statusCode).toBe(401);
    const limited = await attempt(99);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
  });
});

describe('CSRF and API tokens', () => {
  it('rejects a cookie-authenticated change without the CSRF header', async () => {
    const u = await makeUser(env.platform, orgId, ['member']);
    const s = await login(env.app, u.username, PASSWORD);
    const res = await env.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie: s.cookie },
      payload: { locale: 'en' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_failed');
    expect((await as(env.app, s)('PATCH', '/api/me', { locale: 'en' })).json().locale).toBe('en');
  });

  it('issues a token shown once, stores only its hash, honours scope and revocation', async () => {
    const u = await makeUser(env.platform, orgId, ['member']);
    const s = await login(env.app, u.username, PASSWORD);
    const created = await as(env.app, s)('POST', '/api/me/tokens', {
      name: 'SIEM',
      scopes: ['read'],
      expiresInDays: 30,
    });
    expect(created.statusCode).toBe(200);
    const { token, item } = created.json<{ token: string; item: { id: string } }>();
    const stored = await env.platform.pool.query('SELECT token_hash FROM api_tokens WHERE id = $1', [item.id]);
    expect(stored.rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.rows[0].token_hash).not.toContain(token);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await env.app.inject({ method: 'GET', url: '/api/me', headers: bearer })).json().username).toBe(u.username);
    const write = await env.app.inject({ method: 'PATCH', url: '/api/me', headers: bearer, payload: { locale: 'en' } });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe('token_scope');
    expect((await as(env.app, s)('DELETE', `/api/me/tokens/${item.id}`)).statusCode).toBe(204);
    expect((await env.app.inject({ method: 'GET', url: '/api/me', headers: bearer })).statusCode).toBe(401);
  });

  it('expires a token with the clock', async () => {
    const u = await makeUser(env.platform, orgId, ['member']);
    const s = await login(env.app, u.username, PASSWORD);
    const { token } = (
      await as(env.app, s)('POST', '/api/me/tokens', { name: 'short', scopes: ['read', 'write'], expiresInDays: 1 })
    ).json();
    const bearer = { authorization: `Bearer ${token}` };
    expect(
      (await env.app.inject({ method: 'PATCH', url: '/api/me', headers: bearer, payload: { locale: 'en' } }))
        .statusCode,
    ).toBe(200);
    env.clock.advance(2 * 86_400_000);
    expect((await env.app.inject({ method: 'GET', url: '/api/me', headers: bearer })).statusCode).toBe(401);
  });
});

describe('sessions', () => {
  it('"log out everywhere" ends every session of the user', async () => {
    const u = await makeUser(env.platform, orgId, ['member']);
    const a = await login(env.app, u.username, PASSWORD);
    const b = await login(env.app, u.username, PASSWORD);
    expect((await as(env.app, a)('GET', '/api/me/sessions')).json().items).toHaveLength(2);
    expect((await as(env.app, a)('POST', '/api/me/sessions/revoke-all')).statusCode).toBe(204);
    expect((await as(env.app, a)('GET', '/api/me')).statusCode).toBe(401);
    expect((await as(env.app, b)('GET', '/api/me')).statusCode).toBe(401);
  });

  it('an admin kills the sessions of another user', async () => {
    const admin = await makeUser(env.platform, orgId, ['admin']);
    const victim = await makeUser(env.platform, orgId, ['member']);
    const sa = await login(env.app, admin.username, PASSWORD);
    const sv = await login(env.app, victim.username, PASSWORD);
    expect((await as(env.app, sa)('DELETE', `/api/users/${victim.id}/sessions`)).statusCode).toBe(204);
    expect((await as(env.app, sv)('GET', '/api/me')).statusCode).toBe(401);
  });

  it('a disabled user is logged out and cannot log in', async () => {
    const admin = await makeUser(env.platform, orgId, ['admin']);
    const u = await makeUser(env.platform, orgId, ['member']);
    const sa = await login(env.app, admin.username, PASSWORD);
    const su = await login(env.app, u.username, PASSWORD);
    expect((await as(env.app, sa)('PATCH', `/api/users/${u.id}`, { disabled: true })).json().disabled).toBe(true);
    expect((await as(env.app, su)('GET', '/api/me')).statusCode).toBe(401);
    await expect(login(env.app, u.username, PASSWORD)).rejects.toThrow(/401/);
  });
});

describe('TOTP MFA', () => {
  it('enrols, then requires the code at login; a code works once; a recovery code works once', async () => {
    const u = await makeUser(env.platform, orgId, ['responder']);
    const s = await login(env.app, u.username, PASSWORD);
    const setup = (await as(env.app, s)('POST', '/api/me/mfa/setup')).json<{ secret: string; otpauthUrl: string }>();
    expect(setup.otpauthUrl).toMatch(/^otpauth:\/\/totp\/CanhGac:/);
    const stored = await env.platform.pool.query('SELECT mfa_pending_secret_enc FROM users WHERE id = $1', [u.id]);
    expect(stored.rows[0].mfa_pending_secret_enc).not.toContain(setup.secret);
    expect(decrypt(env.platform.keys.totp, stored.rows[0].mfa_pending_secret_enc)).toBe(setup.secret);
    const wrong = await as(env.app, s)('POST', '/api/me/mfa/enable', { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    const enabled = await as(env.app, s)('POST', '/api/me/mfa/enable', {
      code: totpCodeAt(setup.secret, env.clock.now()),
    });
    const { recoveryCodes } = enabled.json<{ recoveryCodes: string[] }>();
    expect(recoveryCodes).toHaveLength(10);

    env.clock.advance(60_000);
    const first = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: PASSWORD },
    });
    expect(first.json()).toMatchObject({ mfaRequired: true });
    const pending = { cookie: sessionCookie(first) ?? '', csrf: first.json().csrfToken };
    expect((await as(env.app, pending)('GET', '/api/me')).json().error.code).toBe('mfa_required');
    const code = totpCodeAt(setup.secret, env.clock.now());
    const done = await as(env.app, pending)('POST', '/api/auth/mfa', { code });
    expect(done.statusCode).toBe(200);
    const full = { cookie: sessionCookie(done) ?? '', csrf: done.json().csrfToken };
    expect(full.cookie).not.toBe(pending.cookie);
    expect((await as(env.app, full)('GET', '/api/me')).json().mfaEnabled).toBe(true);
    expect((await as(env.app, pending)('GET', '/api/me')).statusCode).toBe(401);

    // The same code again (replay) is refused; a recovery code works once.
    const again = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: PASSWORD },
    });
    const pending2 = { cookie: sessionCookie(again) ?? '', csrf: again.json().csrfToken };
    expect((await as(env.app, pending2)('POST', '/api/auth/mfa', { code })).statusCode).toBe(400);
    expect((await as(env.app, pending2)('POST', '/api/auth/mfa', { code: recoveryCodes[0] })).statusCode).toBe(200);
    const third = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: PASSWORD },
    });
    const pending3 = { cookie: sessionCookie(third) ?? '', csrf: third.json().csrfToken };
    expect((await as(env.app, pending3)('POST', '/api/auth/mfa', { code: recoveryCodes[0] })).statusCode).toBe(400);
  });

  it('an organisation that requires MFA blocks its users until they enrol', async () => {
    const strict = await makeOrg(env.platform);
    await env.platform.pool.query('UPDATE organisations SET require_mfa = true WHERE id = $1', [strict.id]);
    const u = await makeUser(env.platform, strict.id, ['member']);
    const s = await login(env.app, u.username, PASSWORD);
    expect((await as(env.app, s)('GET', '/api/me')).json().mfaEnrollmentRequired).toBe(true);
    const blocked = await as(env.app, s)('GET', '/api/organisations');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('mfa_enrollment_required');
    const setup = (await as(env.app, s)('POST', '/api/me/mfa/setup')).json<{ secret: string }>();
    await as(env.app, s)('POST', '/api/me/mfa/enable', { code: totpCodeAt(setup.secret, env.clock.now()) });
    expect((await as(env.app, s)('GET', '/api/organisations')).statusCode).toBe(200);
  });

  it('a role listed in the MFA setting must enrol', async () => {
    const admin = await makeUser(env.platform, orgId, ['admin']);
    const sa = await login(env.app, admin.username, PASSWORD);
    expect((await as(env.app, sa)('PUT', '/api/admin/settings/mfa', { roles: ['coordinator'] })).statusCode).toBe(200);
    const c = await makeUser(env.platform, orgId, ['coordinator']);
    const sc = await login(env.app, c.username, PASSWORD);
    expect((await as(env.app, sc)('GET', '/api/users')).json().error.code).toBe('mfa_enrollment_required');
    await as(env.app, sa)('PUT', '/api/admin/settings/mfa', { roles: [] });
    expect((await as(env.app, sc)('GET', '/api/users')).statusCode).toBe(200);
  });
});

describe('password policy', () => {
  it('refuses short, common and username-containing passwords when creating users', async () => {
    const admin = await makeUser(env.platform, orgId, ['admin']);
    const s = await login(env.app, admin.username, PASSWORD);
    const body = (password: string) => ({
      username: 'newperson',
      displayName: 'Người mới',
      organisationId: orgId,
      roles: ['member'],
      password,
    });
    expect((await as(env.app, s)('POST', '/api/users', body('short'))).json().error.code).toBe('password_too_short');
    expect((await as(env.app, s)('POST', '/api/users', body('password1234'))).json().error.code).toBe(
      'password_too_common',
    );
    expect((await as(env.app, s)('POST', '/api/users', body('xx-newperson-xx'))).json().error.code).toBe(
      'password_contains_username',
    );
    expect((await as(env.app, s)('POST', '/api/users', body('a-long-and-fine-passphrase'))).statusCode).toBe(200);
    const dup = await as(env.app, s)('POST', '/api/users', body('a-long-and-fine-passphrase'));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('username_taken');
  });

  it('stores argon2id hashes', async () => {
    const u = await makeUser(env.platform, orgId, ['member']);
    const r = await env.platform.pool.query('SELECT password_hash FROM users WHERE id = $1', [u.id]);
    expect(r.rows[0].password_hash).toMatch(/^\$argon2id\$/);
  });
});

describe('review regressions', () => {
  it('a known password does not reset the second-factor failure count (no TOTP brute force)', async () => {
    const u = await makeUser(env.platform, orgId, ['responder']);
    const s = await login(env.app, u.username, PASSWORD);
    const { secret } = (await as(env.app, s)('POST', '/api/me/mfa/setup')).json<{ secret: string }>();
    await as(env.app, s)('POST', '/api/me/mfa/enable', { code: totpCodeAt(secret, env.clock.now()) });
    const pending = async () => {
      const r = await env.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.3.3.3',
        payload: { username: u.username, password: PASSWORD },
      });
      return { cookie: sessionCookie(r) ?? '', csrf: r.json().csrfToken };
    };
    const wrong = async (p: { cookie: string; csrf: string }) =>
      (
        await env.app.inject({
          method: 'POST',
          url: '/api/auth/mfa',
          remoteAddress: '10.3.3.3',
          headers: { cookie: p.cookie, 'x-csrf-token': p.csrf },
          payload: { code: '000000' },
        })
      ).statusCode;
    const first = await pending();
    for (let i = 0; i < 3; i++) expect(await wrong(first)).toBe(400);
    const second = await pending();
    expect(await wrong(second)).toBe(400);
    expect(await wrong(second)).toBe(423);
  });

  it('parallel wrong passwords still lock the account', async () => {
    const u = await makeUser(env.platform, orgId, ['member']);
    await Promise.all(
      Array.from({ length: 8 }, () =>
        env.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: '10.4.4.4',
          payload: { username: u.username, password: 'wrong-wrong-wrong' },
        }),
      ),
    );
    const r = await env.platform.pool.query('SELECT locked_until FROM users WHERE id = $1', [u.id]);
    expect(r.rows[0].locked_until).not.toBeNull();
  });

  it('parallel guesses from one address cannot exceed the address limit', async () => {
    const results = await Promise.all(
      Array.from({ length: 45 }, (_, i) =>
        env.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: '10.5.5.5',
          payload: { username: `nobody${i}`, password: 'x' },
        }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 429).length).toBeGreaterThanOrEqual(15);
  });

  it("another Authorization scheme (a proxy's Basic auth) does not block login", async () => {
    const u = await makeUser(env.platform, orgId, ['member']);
    const r = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
      payload: { username: u.username, password: PASSWORD },
    });
    expect(r.statusCode).toBe(200);
  });

  it('an API token cannot change MFA, passwords or tokens; MFA cannot be re-enrolled while on', async () => {
    const u = await makeUser(env.platform, orgId, ['member']);
    const s = await login(env.app, u.username, PASSWORD);
    const { token } = (
      await as(env.app, s)('POST', '/api/me/tokens', { name: 'rw', scopes: ['read', 'write'] })
    ).json();
    const bearer = { authorization: `Bearer ${token}` };
    for (const url of ['/api/me/mfa/setup', '/api/me/tokens', '/api/me/password']) {
      const r = await env.app.inject({ method: 'POST', url, headers: bearer, payload: {} });
      expect(r.statusCode, url).toBe(403);
    }
    const { secret } = (await as(env.app, s)('POST', '/api/me/mfa/setup')).json<{ secret: string }>();
    await as(env.app, s)('POST', '/api/me/mfa/enable', { code: totpCodeAt(secret, env.clock.now()) });
    const again = await as(env.app, s)('POST', '/api/me/mfa/setup');
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('mfa_already_enabled');
  });

  it("an administrator's password reset revokes the user's API tokens", async () => {
    const admin = await makeUser(env.platform, orgId, ['admin']);
    const u = await makeUser(env.platform, orgId, ['member']);
    const su = await login(env.app, u.username, PASSWORD);
    const { token } = (await as(env.app, su)('POST', '/api/me/tokens', { name: 'r', scopes: ['read'] })).json();
    const sa = await login(env.app, admin.username, PASSWORD);
    expect(
      (await as(env.app, sa)('POST', `/api/users/${u.id}/reset-password`, { password: 'a-brand-new-passphrase-1' }))
        .statusCode,
    ).toBe(204);
    expect(
      (await env.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } }))
        .statusCode,
    ).toBe(401);
  });
});
