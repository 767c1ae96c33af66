import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, PASSWORD } from './factories.ts';
import { type TestEnv, testEnv } from './harness.ts';
import { login, type Session } from './http.ts';

let env: TestEnv;
let admin: Session;
let orgId: string;

beforeAll(async () => {
  env = await testEnv();
  orgId = (await makeOrg(env.platform)).id;
  const u = await makeUser(env.platform, orgId, ['admin']);
  admin = await login(env.app, u.username, PASSWORD);
});
afterAll(() => env.close());

async function counts() {
  const r = await env.platform.pool.query(
    'SELECT (SELECT count(*) FROM organisations)::int AS orgs, (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM audit_log)::int AS audit',
  );
  return r.rows[0];
}

function send(method: 'POST' | 'PATCH', url: string, body: string | Buffer, contentType = 'application/json') {
  return env.app.inject({
    method,
    url,
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': contentType, 'accept-language': 'en' },
    payload: body,
  });
}

describe('bad input gets a clear 4xx and changes nothing', () => {
  const cases: [string, 'POST' | 'PATCH', string, string | Buffer, number, string][] = [
    ['malformed JSON', 'POST', '/api/organisations', '{"code": "X", "name": ', 400, 'invalid_json'],
    [
      'unknown field',
      'POST',
      '/api/organisations',
      JSON.stringify({ code: 'AB', name: 'x', kind: 'member', evil: 1 }),
      400,
      'validation_failed',
    ],
    [
      'wrong enum',
      'POST',
      '/api/organisations',
      JSON.stringify({ code: 'AB', name: 'x', kind: 'pirate' }),
      400,
      'validation_failed',
    ],
    [
      '10k-character name',
      'POST',
      '/api/organisations',
      JSON.stringify({ code: 'AB', name: 'Đ'.repeat(10_000), kind: 'member' }),
      400,
      'validation_failed',
    ],
    [
      'invalid UTF-8',
      'POST',
      '/api/organisations',
      Buffer.concat([
        Buffer.from('{"code":"AB","name":"'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('","kind":"member"}'),
      ]),
      400,
      'invalid_utf8',
    ],
    [
      'NUL character',
      'POST',
      '/api/organisations',
      JSON.stringify({ code: 'AB', name: 'a\u0000b', kind: 'member' }),
      400,
      'invalid_characters',
    ],
    [
      'prototype pollution',
      'POST',
      '/api/organisations',
      '{"code":"AB","name":"x","kind":"member","__proto__":{"admin":true}}',
      400,
      'invalid_json',
    ],
    [
      'SQL-ish code',
      'POST',
      '/api/organisations',
      JSON.stringify({ code: "X'; DROP TABLE users;--", name: 'x', kind: 'member' }),
      400,
      'validation_failed',
    ],
    [
      'bad uuid in path',
      'PATCH',
      '/api/organisations/not-a-uuid',
      JSON.stringify({ name: 'x' }),
      400,
      'validation_failed',
    ],
    ['empty body', 'POST', '/api/users', '', 400, 'validation_failed'],
    ['array instead of object', 'POST', '/api/users', '[]', 400, 'validation_failed'],
  ];
  for (const [name, method, url, body, status, code] of cases) {
    it(name, async () => {
      const before = await counts();
      const res = await send(method, url, body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.code).toBe(code);
      expect(typeof res.json().error.message).toBe('string');
      expect(await counts()).toEqual(before);
    });
  }

  it('absurdly deep nesting is refused, not a crash', async () => {
    const res = await send('POST', '/api/organisations', `${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_json');
  });

  it('database-level rejections become 400s: NUL in a query, unknown parent, year 0000', async () => {
    const before = await counts();
    const get = (url: string) => env.app.inject({ method: 'GET', url, headers: { cookie: admin.cookie } });
    for (const url of ['/api/users?q=%00', '/api/organisations?q=a%00', '/api/search?q=a%00', '/api/audit?actor=%00']) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(400);
    }
    const unknownParent = await send(
      'PATCH',
      `/api/organisations/${orgId}`,
      JSON.stringify({ parentId: '6b0b2e0e-5f7e-4c1e-9a57-1c3f0b0f0b0f' }),
    );
    expect(unknownParent.statusCode).toBe(400);
    const ancient = await send(
      'POST',
      '/api/organisations',
      JSON.stringify({ code: 'OLD', name: 'x', kind: 'member', validFrom: '0000-01-01' }),
    );
    expect(ancient.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('an oversize body is refused with 413', async () => {
    const before = await counts();
    const res = await send(
      'POST',
      '/api/organisations',
      JSON.stringify({ code: 'AB', name: 'x'.repeat(2 * 1024 * 1024), kind: 'member' }),
    );
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('body_too_large');
    expect(await counts()).toEqual(before);
  });

  it('an unsupported content type is refused with 415', async () => {
    const res = await send('POST', '/api/organisations', 'code=AB', 'application/x-www-form-urlencoded');
    expect(res.statusCode).toBe(415);
  });

  it('a SQL-ish search string is just text', async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: `/api/search?q=${encodeURIComponent("%' OR 1=1; --")}`,
      headers: { cookie: admin.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ organisations: [], users: [] });
  });

  it('messages follow Accept-Language (vi default)', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
      payload: '{',
    });
    expect(res.json().error.message).toBe('Nội dung gửi lên không phải JSON hợp lệ.');
  });

  it('an unknown API path is a JSON 404', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/nothing-here', headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('route_not_found');
  });

  it('random bytes as a JSON body never cause a 5xx or a write (property)', async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        const res = await send('POST', '/api/organisations', Buffer.from(bytes));
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    expect(await counts()).toEqual(before);
  });

  it('random JSON values as an organisation never cause a 5xx (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            code: fc.string(),
            name: fc.string({ unit: 'binary' }),
            kind: fc.constantFrom('member', 'isp', 'x'),
            validFrom: fc.string(),
            parentId: fc.string(),
          },
          { requiredKeys: [] },
        ),
        async (body) => {
          const res = await send('POST', '/api/organisations', JSON.stringify(body));
          expect(res.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
  });
});
