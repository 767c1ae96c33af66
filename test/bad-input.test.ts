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

  it('JSON with a charset parameter is JSON (API clients and SIEMs send it)', async () => {
    const body = JSON.stringify({ code: 'CHARSET', name: 'Sở Thử nghiệm', kind: 'member' });
    const res = await send('POST', '/api/organisations', body, 'application/json; charset=UTF-8');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: 'CHARSET', name: 'Sở Thử nghiệm' });
    const other = await send('POST', '/api/organisations', body, 'application/jsonx');
    expect(other.statusCode).toBe(415);
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

  it('an OIDC callback with a wrong state is refused: no session, the refusal audited', async () => {
    // Nothing reaches the (unreachable) provider: the state is checked first.
    env.platform.config.oidc = {
      issuer: 'http://127.0.0.1:9/realms/none',
      clientId: 'canhgac',
      clientSecret: 'not-used',
      matchClaim: 'email',
      jit: false,
      defaultOrgCode: undefined,
      defaultRole: 'member',
      label: 'SSO',
    };
    try {
      const sessions = async () => (await env.platform.pool.query('SELECT count(*)::int AS n FROM sessions')).rows[0].n;
      const before = { ...(await counts()), sessions: await sessions() };
      const res = await env.app.inject({
        method: 'GET',
        url: '/api/auth/oidc/callback?code=stolen-code&state=made-up-state',
        headers: { cookie: 'cg_oidc=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/login?sso_error=wrong_state');
      expect(res.cookies.find((c) => c.name === 'cg_session')).toBeUndefined();
      expect({ ...(await counts()), sessions: await sessions() }).toEqual({ ...before, audit: before.audit + 1 });
      const last = await env.platform.pool.query('SELECT action, diff FROM audit_log ORDER BY id DESC LIMIT 1');
      expect(last.rows[0]).toMatchObject({ action: 'auth.sso_refused', diff: { detail: { reason: 'wrong_state' } } });
    } finally {
      env.platform.config.oidc = null;
    }
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

describe('notification input (webhooks, preferences, addresses) is refused with a clear 4xx and writes nothing', () => {
  const hooks = async () =>
    (await env.platform.pool.query('SELECT count(*)::int AS n FROM notify_webhooks')).rows[0].n as number;
  const put = (url: string, body: string) =>
    env.app.inject({
      method: 'PUT',
      url,
      headers: {
        cookie: admin.cookie,
        'x-csrf-token': admin.csrf,
        'content-type': 'application/json',
        'accept-language': 'en',
      },
      payload: body,
    });
  const hook = (url: unknown, extra: Record<string, unknown> = {}) =>
    send('POST', '/api/admin/webhooks', JSON.stringify({ name: 'SIEM', url, categories: ['incident'], ...extra }));

  const refusedUrls: [string, unknown, string][] = [
    ['not a URL', 'siem.example.test/hook', 'webhook_url_invalid'],
    ['a non-http scheme', 'ftp://siem.example.test/hook', 'webhook_url_invalid'],
    ['a javascript: URL', 'javascript:alert(1)', 'webhook_url_invalid'],
    ['a file: URL', 'file:///etc/passwd', 'webhook_url_invalid'],
    ['credentials in the URL', 'https://user:pass@siem.example.test/hook', 'webhook_url_invalid'],
    ['a URL over 2000 characters', `https://siem.example.test/${'a'.repeat(2100)}`, 'webhook_url_invalid'],
    ['a URL over the field bound', `https://siem.example.test/${'a'.repeat(5000)}`, 'validation_failed'],
    ['a number instead of a URL', 42, 'validation_failed'],
  ];
  for (const [name, url, code] of refusedUrls) {
    it(`webhook with ${name}`, async () => {
      const before = { ...(await counts()), hooks: await hooks() };
      const res = await hook(url);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe(code);
      expect({ ...(await counts()), hooks: await hooks() }).toEqual(before);
    });
  }

  it('webhook with unknown categories, no categories, a 10k name or 0 allowed failures', async () => {
    const before = { ...(await counts()), hooks: await hooks() };
    for (const extra of [
      { categories: ['gossip'] },
      { categories: [] },
      { name: 'Đ'.repeat(10_000) },
      { maxFailures: 0 },
      { maxFailures: 1_000_000 },
      { secret: 'mine' },
    ]) {
      const res = await hook('https://siem.example.test/hook', extra);
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    expect({ ...(await counts()), hooks: await hooks() }).toEqual(before);
  });

  it('an oversize webhook body is refused with 413', async () => {
    const res = await hook(`https://siem.example.test/${'a'.repeat(2 * 1024 * 1024)}`);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('body_too_large');
  });

  it('preferences: unknown category, in-app off, a category twice, a string for a boolean', async () => {
    const before = await counts();
    for (const items of [
      [{ category: 'gossip', email: true, digest: false, organisation: true }],
      [{ category: 'incident', inapp: false, email: true, digest: false, organisation: true }],
      [
        { category: 'incident', email: true, digest: false, organisation: true },
        { category: 'incident', email: false, digest: false, organisation: true },
      ],
      [{ category: 'incident', email: 'yes', digest: false, organisation: true }],
    ]) {
      const res = await put('/api/me/notification-preferences', JSON.stringify({ items }));
      expect(res.statusCode, JSON.stringify(items)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    expect(await counts()).toEqual(before);
  });

  it('organisation addresses: not an e-mail, header injection, more than 10, duplicates', async () => {
    const before = await counts();
    for (const emails of [
      ['not-an-address'],
      ['a@b.test\r\nBcc: x@y.test'],
      Array.from({ length: 11 }, (_, i) => `a${i}@b.test`),
      ['a@b.test', 'A@b.test'],
    ]) {
      const res = await put(`/api/organisations/${orgId}/notify-addresses`, JSON.stringify({ emails }));
      expect(res.statusCode, JSON.stringify(emails)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    expect(await counts()).toEqual(before);
  });
});

describe('document input (issue, numbering schemes, register filters) is refused with a clear 4xx and writes nothing', () => {
  const registered = async () =>
    (
      await env.platform.pool.query(
        'SELECT (SELECT count(*) FROM documents)::int AS documents, (SELECT count(*) FROM numbering_schemes)::int AS schemes, (SELECT count(*) FROM files)::int AS files',
      )
    ).rows[0];
  const request = (method: 'GET' | 'POST' | 'PUT', url: string, body?: string) =>
    env.app.inject({
      method,
      url,
      headers: {
        cookie: admin.cookie,
        'x-csrf-token': admin.csrf,
        'accept-language': 'en',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { payload: body }),
    });

  it('an unknown format, an unknown field, a foreign key that is not a uuid, a 10k signer name', async () => {
    const before = { ...(await counts()), ...(await registered()) };
    for (const body of [
      { format: 'odt' },
      { format: 'docx', evil: true },
      { format: 'docx', organisationId: "1' OR '1'='1" },
      { format: 'docx', signer: { name: 'Đ'.repeat(10_000) } },
      { format: 'docx', signer: { name: 'a\u0007b' } },
    ]) {
      for (const url of ['/api/documents/platform-report', '/api/documents/platform-report/preview']) {
        const res = await request('POST', url, JSON.stringify(body));
        expect(res.statusCode, `${url} ${JSON.stringify(body).slice(0, 80)}`).toBe(400);
        expect(res.json().error.code).toBe('validation_failed');
      }
    }
    expect({ ...(await counts()), ...(await registered()) }).toEqual(before);
  });

  it('an unknown organisation is a 404, not a number', async () => {
    const before = await registered();
    const res = await request(
      'POST',
      '/api/documents/platform-report',
      JSON.stringify({ format: 'docx', organisationId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(res.statusCode).toBe(404);
    expect(await registered()).toEqual(before);
  });

  it('numbering patterns without {n}, with unknown tokens or markup; unknown kinds; bad symbols', async () => {
    const before = { ...(await counts()), ...(await registered()) };
    for (const [kind, body] of [
      ['BC', { pattern: '{kind}-{org}' }],
      ['BC', { pattern: '{n}{n}' }],
      ['BC', { pattern: '{n}/{kind}-{secret}' }],
      ['BC', { pattern: '{n}<script>' }],
      ['BC', { pattern: `{n}/${'X'.repeat(100)}` }],
      ['BC', { pattern: '{n}/{kind}-{org}', orgSymbol: 'A B' }],
      ['XX', { pattern: '{n}/{kind}-{org}' }],
    ] as const) {
      const res = await request(
        'PUT',
        `/api/numbering-schemes/${orgId}/${encodeURIComponent(kind)}`,
        JSON.stringify(body),
      );
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    expect({ ...(await counts()), ...(await registered()) }).toEqual(before);
  });

  it('register filters out of range or of the wrong type', async () => {
    for (const query of [
      'year=99999',
      'year=abc',
      'kind=XX',
      'organisationId=nope',
      'limit=1000',
      `cursor=${'x'.repeat(600)}`,
    ]) {
      const res = await request('GET', `/api/documents?${query}`);
      expect(res.statusCode, query).toBe(400);
    }
    // A cursor that is not ours is ignored, not an error.
    expect((await request('GET', '/api/documents?cursor=bm90LWEtY3Vyc29y')).statusCode).toBe(200);
  });
});

describe('upload input (POST /api/files) is refused with a clear 4xx and keeps nothing', () => {
  const boundary = 'cg-bad-input';
  const multipart = (body: Buffer | FormData) =>
    env.app.inject({
      method: 'POST',
      url: '/api/files',
      headers: {
        cookie: admin.cookie,
        'x-csrf-token': admin.csrf,
        'accept-language': 'en',
        ...(Buffer.isBuffer(body) ? { 'content-type': `multipart/form-data; boundary=${boundary}` } : {}),
      },
      payload: body,
    });
  const files = async () => (await env.platform.pool.query('SELECT count(*)::int AS n FROM files')).rows[0].n as number;
  const form = (...parts: [string, string | File][]) => {
    const fd = new FormData();
    for (const [name, value] of parts) fd.append(name, value);
    return fd;
  };

  it('zero bytes, no file, two files, a field after the file, a body cut short, JSON, a bad boundary', async () => {
    const before = await files();
    const cases: [string, Buffer | FormData, number, string][] = [
      ['zero-byte file', form(['f', new File([], 'rỗng.txt')]), 400, 'file_empty'],
      ['no file part', form(['ghi_chu', 'chỉ có chữ']), 400, 'upload_no_file'],
      ['two files', form(['a', new File(['một'], '1.txt')], ['b', new File(['hai'], '2.txt')]), 400, 'upload_one_file'],
      ['file then field', form(['a', new File(['một'], '1.txt')], ['x', 'y']), 400, 'upload_one_file'],
      [
        'cut short',
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\nnửa chừng`),
        400,
        'upload_malformed',
      ],
    ];
    for (const [what, body, status, code] of cases) {
      const res = await multipart(body);
      expect(res.statusCode, what).toBe(status);
      expect(res.json().error.code, what).toBe(code);
    }
    expect((await send('POST', '/api/files', '{"name":"x"}')).statusCode).toBe(415);
    const noBoundary = await send('POST', '/api/files', 'abc', 'multipart/form-data');
    expect(noBoundary.statusCode).toBe(400);
    expect(await files()).toBe(before);
  });

  it('random bytes in a multipart body never cause a 5xx; only a 201 writes a record (property)', async () => {
    const before = await files();
    let created = 0;
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="tệp.bin"\r\n\r\n`;
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.uint8Array({ maxLength: 400 }),
        fc.constantFrom('', `\r\n--${boundary}--`, `\r\n--${boundary}\r\n`, '\r\n--wrong--'),
        async (withHead, bytes, tail) => {
          const res = await multipart(
            Buffer.concat([Buffer.from(withHead ? head : ''), Buffer.from(bytes), Buffer.from(tail)]),
          );
          expect(res.statusCode, res.body).toBeLessThan(500);
          if (res.statusCode === 201) created += 1;
          else expect(res.statusCode).toBeGreaterThanOrEqual(400);
        },
      ),
      { numRuns: 150 },
    );
    expect(await files()).toBe(before + created);
  });
});

describe('information system input (systems, components) is refused with a clear localised 4xx and writes nothing', () => {
  let member: Session;
  let systemId: string;
  let ownOrgId: string;

  function asMember(method: 'POST' | 'PATCH', url: string, payload: object, lang = 'en') {
    return env.app.inject({
      method,
      url,
      headers: { cookie: member.cookie, 'x-csrf-token': member.csrf, 'accept-language': lang },
      payload,
    });
  }
  async function systemCounts() {
    const r = await env.platform.pool.query(
      `SELECT (SELECT count(*) FROM information_systems)::int AS systems, (SELECT count(*) FROM system_components)::int AS components,
              (SELECT count(*) FROM audit_log)::int AS audit, (SELECT max(last_changed_at) FROM information_systems) AS changed`,
    );
    return r.rows[0];
  }

  beforeAll(async () => {
    ownOrgId = (await makeOrg(env.platform)).id;
    const u = await makeUser(env.platform, ownOrgId, ['member']);
    member = await login(env.app, u.username, PASSWORD);
    const res = await asMember('POST', '/api/systems', {
      code: 'BAD-BASE',
      name: 'Hệ thống gốc',
      ownerOrgId: ownOrgId,
      category: 'internal',
    });
    systemId = res.json().id;
  });

  it('malformed IPs, CIDRs, domains, URLs, CPEs and purls each get their own message', async () => {
    const cases: [object, string, RegExp][] = [
      [{ kind: 'host', ip: '203.0.113.256' }, 'component_bad_ip', /IP address "203\.0\.113\.256" is not valid/],
      [{ kind: 'host', ip: '2001:db8::1::2' }, 'component_bad_ip', /2001:db8::1::2/],
      [{ kind: 'host', ip: '10.1.2.3/24' }, 'component_bad_ip', /10\.1\.2\.3\/24/],
      [{ kind: 'range', cidr: '203.0.113.5/24' }, 'component_bad_cidr', /network address/],
      [{ kind: 'range', cidr: '198.51.100.0/33' }, 'component_bad_cidr', /198\.51\.100\.0\/33/],
      [{ kind: 'domain', domain: 'bad..example' }, 'component_bad_domain', /bad\.\.example/],
      // Components count for the operator's ownership: no whole allocations or TLDs through them.
      [{ kind: 'range', cidr: '0.0.0.0/0' }, 'component_range_too_broad', /at most \/16 for IPv4/],
      [{ kind: 'range', cidr: '203.0.0.0/15' }, 'component_range_too_broad', /203\.0\.0\.0\/15/],
      [{ kind: 'range', cidr: '2001:db8::/31' }, 'component_range_too_broad', /\/32 for IPv6/],
      [{ kind: 'domain', domain: 'VN.' }, 'component_domain_too_broad', /"vn" is too broad/],
      [{ kind: 'url', url: 'javascript:alert(1)' }, 'component_bad_url', /http:\/\/ or https:\/\//],
      [{ kind: 'software', cpe: 'cpe:2.3:a:nginx' }, 'component_bad_cpe', /11 fields after "cpe:2\.3:"/],
      [{ kind: 'software', cpe: 'cpe:2.3:q:f5:nginx:1:*:*:*:*:*:*:*' }, 'component_bad_cpe_part', /a \(application\)/],
      [
        { kind: 'software', cpe: 'cpe:2.3:a:f5:ngi nx:1:*:*:*:*:*:*:*' },
        'component_bad_cpe_field',
        /the product field/,
      ],
      [{ kind: 'software', cpe: 'nginx 1.24' }, 'component_bad_cpe', /Expected: cpe:2\.3:/],
      [{ kind: 'software', purl: 'npm/left-pad' }, 'component_bad_purl', /pkg:type/],
      [{ kind: 'software', version: '1.0' }, 'component_missing_value', /cpe \/ purl \/ product/],
      [{ kind: 'host' }, 'component_missing_value', /ip \/ hostname \/ fqdn/],
    ];
    const before = await systemCounts();
    for (const [body, code, text] of cases) {
      const res = await asMember('POST', `/api/systems/${systemId}/components`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code, JSON.stringify(body)).toBe(code);
      expect(res.json().error.message, JSON.stringify(body)).toMatch(text);
    }
    const vi = await asMember('POST', `/api/systems/${systemId}/components`, { kind: 'host', ip: '999.1.1.1' }, 'vi');
    expect(vi.json().error.message).toMatch(/^Địa chỉ IP "999\.1\.1\.1" không hợp lệ/);
    expect(await systemCounts()).toEqual(before);
  });

  it('a duplicate code, a level out of range, an unknown organisation: clear errors, nothing written', async () => {
    const before = await systemCounts();
    const dup = await asMember('POST', '/api/systems', {
      code: 'bad-base',
      name: 'x',
      ownerOrgId: ownOrgId,
      category: 'internal',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toEqual({
      code: 'system_code_taken',
      message: 'Information system code "BAD-BASE" already exists.',
    });
    for (const level of [0, 6, -1]) {
      const res = await asMember('PATCH', `/api/systems/${systemId}`, { securityLevel: level });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('system_level_invalid');
    }
    const vi = await asMember('PATCH', `/api/systems/${systemId}`, { securityLevel: 7 }, 'vi');
    expect(vi.json().error.message).toBe('Cấp độ an toàn phải là số nguyên từ 1 đến 5 (nhận được "7").');
    expect((await asMember('PATCH', `/api/systems/${systemId}`, { securityLevel: 2.5 })).statusCode).toBe(400);
    expect((await asMember('PATCH', `/api/systems/${systemId}`, { category: 'military' })).statusCode).toBe(400);
    const unknownOrg = await env.app.inject({
      method: 'POST',
      url: '/api/systems',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'accept-language': 'en' },
      payload: { code: 'NEW-ONE', name: 'x', ownerOrgId: '00000000-0000-4000-8000-000000000000', category: 'internal' },
    });
    expect(unknownOrg.json().error.code).toBe('system_org_unknown');
    expect(await systemCounts()).toEqual(before);
  });

  it('random strings as component values never cause a 5xx (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('host', 'url', 'range', 'domain', 'software'),
        fc.constantFrom('ip', 'cidr', 'domain', 'url', 'cpe', 'purl', 'fqdn'),
        fc.string({ maxLength: 80, unit: 'binary' }),
        async (kind, field, value) => {
          const res = await asMember('POST', `/api/systems/${systemId}/components`, { kind, [field]: value });
          expect(res.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('contact publication: bad portal URLs get a 4xx and change nothing', () => {
  const put = (url: unknown, lang = 'en') =>
    env.app.inject({
      method: 'PUT',
      url: `/api/organisations/${orgId}/publication/portal`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'accept-language': lang },
      payload: { url },
    });
  const portals = async () =>
    (await env.platform.pool.query('SELECT count(*)::int AS n FROM organisation_portals')).rows[0].n as number;

  it('refuses other schemes, credentials, internal addresses, oversize and non-strings', async () => {
    const before = await portals();
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'gopher://portal.example/',
      'https://user:pw@portal.example/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::ffff:127.0.0.1]/',
      `https://portal.example/${'a'.repeat(3000)}`,
      42,
      '',
    ]) {
      const res = await put(url);
      expect(res.statusCode, String(url)).toBe(400);
    }
    const vi = await put('http://10.0.0.1/lien-he', 'vi');
    expect(vi.json().error.message).toContain('mạng nội bộ');
    expect(await portals()).toBe(before);
  });

  it('random strings as a portal URL never cause a 5xx (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 120, unit: 'binary' }), async (url) => {
        expect((await put(url)).statusCode).toBeLessThan(500);
        expect((await put(`http://${url}`)).statusCode).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  });
});

describe('network ownership input is refused with a clear localised 4xx and writes nothing', () => {
  const post = (payload: unknown, lang = 'en') =>
    env.app.inject({
      method: 'POST',
      url: `/api/organisations/${orgId}/networks`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'accept-language': lang },
      payload: payload as object,
    });
  const lookup = (value: string) =>
    env.app.inject({
      method: 'GET',
      url: `/api/ownership?value=${encodeURIComponent(value)}`,
      headers: { cookie: admin.cookie, 'accept-language': 'en' },
    });
  async function networkCounts() {
    const r = await env.platform.pool.query(
      `SELECT (SELECT count(*) FROM network_ranges)::int AS ranges, (SELECT count(*) FROM organisation_domains)::int AS domains,
              (SELECT count(*) FROM organisation_asns)::int AS asns, (SELECT count(*) FROM audit_log)::int AS audit`,
    );
    return r.rows[0];
  }

  it('malformed CIDRs, host bits, bad domains and ASNs each get their own message', async () => {
    const before = await networkCounts();
    const cases: [object, string, RegExp][] = [
      [{ kind: 'range', cidr: '203.0.113.0/33' }, 'cidr_prefix_invalid', /prefix length/],
      [{ kind: 'range', cidr: '203.0.113.256/24' }, 'cidr_invalid', /not a valid network range/],
      [{ kind: 'range', cidr: '2001:db8::1::/32' }, 'cidr_invalid', /2001:db8::1::\/32/],
      [{ kind: 'range', cidr: '203.0.113.7/24' }, 'cidr_host_bits', /host bits set; the network is 203\.0\.113\.0\/24/],
      [{ kind: 'range', cidr: '2001:db8::1/32' }, 'cidr_host_bits', /the network is 2001:db8::\/32/],
      [{ kind: 'domain', domain: 'bad..example' }, 'domain_invalid', /bad\.\.example/],
      [{ kind: 'domain', domain: '-bad.example' }, 'domain_invalid', /not a valid domain/],
      [{ kind: 'asn', asn: 'AS4294967296' }, 'asn_invalid', /AS number/],
      [{ kind: 'asn', asn: -1 }, 'asn_invalid', /AS number/],
    ];
    for (const [body, code, text] of cases) {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code, JSON.stringify(body)).toBe(code);
      expect(res.json().error.message, JSON.stringify(body)).toMatch(text);
    }
    const vi = await post({ kind: 'range', cidr: '10.1.2.3/8' }, 'vi');
    expect(vi.json().error.message).toBe('"10.1.2.3/8" có bit phần máy khác 0; dải mạng đúng là 10.0.0.0/8.');
    for (const body of [{ kind: 'range' }, { kind: 'vlan', cidr: '10.0.0.0/8' }, { kind: 'range', cidr: 42 }]) {
      expect((await post(body)).statusCode).toBe(400);
    }
    expect(await networkCounts()).toEqual(before);
  });

  it('overlapping claims are allowed and flagged; the same claim twice is a 409', async () => {
    const other = (await makeOrg(env.platform)).id;
    expect((await post({ kind: 'range', cidr: '198.51.100.0/24' })).statusCode).toBe(201);
    const again = await post({ kind: 'range', cidr: '198.51.100.0/24' });
    expect(again.statusCode).toBe(409);
    const tie = await env.app.inject({
      method: 'POST',
      url: `/api/organisations/${other}/networks`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: { kind: 'range', cidr: '198.51.100.0/24' },
    });
    expect(tie.statusCode).toBe(201);
    const found = (await lookup('198.51.100.20')).json();
    expect(found.tie).toBe(true);
    expect(found.owners).toHaveLength(2);
  });

  it('random strings as lookups or network values never cause a 5xx (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('cidr', 'domain', 'asn'),
        fc.string({ maxLength: 80, unit: 'binary' }),
        async (field, value) => {
          const kind = field === 'cidr' ? 'range' : field;
          expect((await post({ kind, [field]: value })).statusCode).toBeLessThan(500);
          expect((await lookup(value)).statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('registry import input (POST /api/registry/import) is refused with a clear 4xx and writes nothing', () => {
  const boundary = 'cg-registry-bad-input';
  const upload = (body: Buffer | FormData) =>
    env.app.inject({
      method: 'POST',
      url: '/api/registry/import',
      headers: {
        cookie: admin.cookie,
        'x-csrf-token': admin.csrf,
        'accept-language': 'en',
        ...(Buffer.isBuffer(body) ? { 'content-type': `multipart/form-data; boundary=${boundary}` } : {}),
      },
      payload: body,
    });
  const state = async () =>
    (
      await env.platform.pool.query(
        'SELECT (SELECT count(*) FROM organisations)::int AS orgs, (SELECT count(*) FROM registry_import_plans)::int AS plans',
      )
    ).rows[0];
  const form = (...files: [string, string | Uint8Array][]) => {
    const fd = new FormData();
    for (const [name, content] of files) fd.append('file', new File([content], name));
    return fd;
  };
  const csv = 'Mã đơn vị,Tên đơn vị,Loại đơn vị\r\nBAD-1,Đơn vị,member\r\n';

  it('no file, two files, a body cut short, a formula, a zip that is not a workbook', async () => {
    const before = await state();
    const cases: [string, Buffer | FormData, number, string][] = [
      ['no file', new FormData(), 400, 'import_no_file'],
      ['two files', form(['a.csv', csv], ['b.csv', csv]), 400, 'upload_one_file'],
      [
        'cut short',
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nMã đơn vị,Tên`,
        ),
        400,
        'import_corrupt_file',
      ],
      [
        'not UTF-8',
        form(['a.csv', new Uint8Array([0x4d, 0xe3, 0x20, 0xff, 0xfe, 0x0a])]),
        400,
        'import_not_spreadsheet',
      ],
      [
        'a zip, not a workbook',
        form(['a.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])]),
        400,
        'import_corrupt_file',
      ],
      ['empty', form(['a.csv', '']), 400, 'import_not_spreadsheet'],
    ];
    for (const [what, body, status, code] of cases) {
      const res = await upload(body);
      expect(res.statusCode, `${what}: ${res.body}`).toBe(status);
      expect(res.json().error.code, what).toBe(code);
    }
    const formula = await upload(form(['f.csv', 'Mã đơn vị,Tên đơn vị,Loại đơn vị\r\nBAD-2,=1+1,member\r\n']));
    // In a CSV a formula is just text: it is imported as typed, and exported with a leading apostrophe.
    expect(formula.statusCode).toBe(200);
    expect(await state()).toMatchObject({ orgs: before?.orgs });
  });

  it('random bytes as the uploaded file never cause a 5xx, and never write to the registry (property)', async () => {
    const before = (await state())?.orgs;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc.string({ maxLength: 200 }).map((s) => new TextEncoder().encode(`Mã đơn vị,Tên đơn vị,Loại đơn vị\n${s}`)),
          fc.uint8Array({ maxLength: 300 }).map((b) => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...b])),
        ),
        async (bytes) => {
          const res = await upload(form(['x.bin', bytes]));
          expect(res.statusCode, res.body).toBeLessThan(500);
          if (res.statusCode !== 200) expect(res.statusCode).toBeGreaterThanOrEqual(400);
        },
      ),
      { numRuns: 120 },
    );
    expect((await state())?.orgs).toBe(before);
  });
});
