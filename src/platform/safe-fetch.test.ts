import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PortalServer, startPortalServer } from '../../test/portal-server.ts';
import { addressRefusal, EMPTY_ALLOWLIST, parseAllowlist } from './fetch-guard.ts';
import { htmlToText, pageText } from './html-text.ts';
import { SAFE_FETCH_DEFAULTS, SafeFetchError, safeFetch } from './safe-fetch.ts';

let server: PortalServer;
const loopback = parseAllowlist(['127.0.0.1/32']);

beforeAll(async () => {
  server = await startPortalServer();
});
afterAll(() => server.close());

async function refusal(url: string, allow = EMPTY_ALLOWLIST, timeoutMs?: number) {
  try {
    await safeFetch(url, { allow, timeoutMs });
  } catch (err) {
    if (err instanceof SafeFetchError) return err.code;
    throw err;
  }
  return 'fetched';
}

describe('SSRF guard', () => {
  it.each([
    'http://127.0.0.1/',
    'http://10.1.2.3/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://100.64.0.1/',
    'http://0.0.0.0/',
    'http://224.0.0.1/',
    'http://[fe80::1]/',
    'http://[fc00::1]/',
    'http://2130706433/',
    'http://0x7f.1/',
  ])('refuses %s', async (url) => {
    expect(await refusal(url)).toBe('blocked');
  });

  it('refuses a host name that resolves to loopback, at connect time', async () => {
    const port = new URL(server.base).port;
    expect(await refusal(`http://localhost:${port}/plain`)).toBe('blocked');
    expect(server.hits.get('/plain') ?? 0).toBe(0);
  });

  it('keeps the default policy when an option is passed as undefined', async () => {
    const port = new URL(server.base).port;
    const err = await safeFetch(`http://localhost:${port}/plain`, { allow: undefined, timeoutMs: undefined }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SafeFetchError);
    expect((err as SafeFetchError).code).toBe('blocked');
  });

  it('refuses other schemes', async () => {
    expect(await refusal('file:///etc/passwd')).toBe('bad-scheme');
    expect(await refusal('ftp://127.0.0.1/')).toBe('bad-scheme');
    expect(await refusal('gopher://127.0.0.1:70/')).toBe('bad-scheme');
    expect(await refusal('not a url')).toBe('bad-url');
  });

  it('reaches an allowlisted address, and a host name on the list', async () => {
    const page = await safeFetch(`${server.base}/plain`, { allow: loopback });
    expect(page.status).toBe(200);
    const port = new URL(server.base).port;
    const byName = await safeFetch(`http://localhost:${port}/plain`, { allow: parseAllowlist(['localhost']) });
    expect(byName.status).toBe(200);
  });

  it('classifies addresses (IPv4-mapped IPv6 as IPv4)', () => {
    expect(addressRefusal('::ffff:10.0.0.1', EMPTY_ALLOWLIST)).toBe('private');
    expect(addressRefusal('::ffff:10.0.0.1', parseAllowlist(['10.0.0.0/8']))).toBeNull();
    expect(addressRefusal('203.0.113.9', EMPTY_ALLOWLIST)).not.toBeNull();
    expect(addressRefusal('8.8.8.8', EMPTY_ALLOWLIST)).toBeNull();
    expect(() => parseAllowlist(['not a host!'])).toThrow();
  });
});

describe('safeFetch against a loopback server', () => {
  it('follows a redirect and reports the final URL, hash and size', async () => {
    const page = await safeFetch(`${server.base}/redirect`, { allow: loopback });
    expect(page.finalUrl).toBe(`${server.base}/plain`);
    expect(page.redirects).toEqual([`${server.base}/plain`]);
    expect(page.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(page.bytes).toBe(page.body.length);
  });

  it('follows at most three redirects', async () => {
    expect((await safeFetch(`${server.base}/chain/2`, { allow: loopback })).status).toBe(200);
    expect(await refusal(`${server.base}/chain/3`, loopback)).toBe('too-many-redirects');
  });

  it('re-checks every redirect target', async () => {
    expect(await refusal(`${server.base}/redirect-metadata`, loopback)).toBe('blocked');
    expect(await refusal(`${server.base}/redirect-localhost`, parseAllowlist(['127.0.0.1/32', '::1']))).toBe('fetched');
  });

  it('stops an oversize page', async () => {
    expect(await refusal(`${server.base}/big`, loopback)).toBe('too-large');
  });

  it('gives up on a server that never answers', async () => {
    expect(await refusal(`${server.base}/hang`, loopback, 300)).toBe('timeout');
  });

  it('returns a 500 with its status', async () => {
    const page = await safeFetch(`${server.base}/error`, { allow: loopback });
    expect(page.status).toBe(500);
  });

  it('decodes windows-1258 declared in <meta>', async () => {
    const page = await safeFetch(`${server.base}/cp1258`, { allow: loopback });
    expect(pageText(page.body, page.contentType)).toContain('Đường dây nóng');
  });
});

describe('safeFetch on compressed bodies', () => {
  async function serve(handler: http.RequestListener) {
    const srv = http.createServer(handler);
    await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
    const close = () => {
      srv.closeAllConnections();
      srv.close();
    };
    return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/`, close };
  }

  it('caps a gzip bomb after decompression', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(8 * 1024 * 1024));
    const srv = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': bomb.length });
      res.end(bomb);
    });
    try {
      expect(bomb.length).toBeLessThan(SAFE_FETCH_DEFAULTS.maxBytes);
      expect(await refusal(srv.url, loopback)).toBe('too-large');
    } finally {
      srv.close();
    }
  });

  it('gives up on a compressed body that stops mid-stream (the deadline reaches the decoder)', async () => {
    const gz = zlib.gzipSync(Buffer.alloc(1000, 'a'));
    const srv = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.write(gz.subarray(0, 10));
    });
    try {
      const hung = new Promise((ok) => setTimeout(() => ok('still waiting'), 5000));
      expect(await Promise.race([refusal(srv.url, loopback, 200), hung])).toBe('timeout');
    } finally {
      srv.close();
    }
  });
});

describe('HTML to text', () => {
  it('keeps text and mailto/tel targets, never script', () => {
    const text = htmlToText(
      '<p>A&amp;B</p><script>alert("x")</script><a href="mailto:a%40b.example">viết thư</a><style>p{}</style>',
    );
    expect(text).toContain('A&B');
    expect(text).toContain('mailto:a@b.example');
    expect(text).not.toContain('alert');
  });

  it('never throws on arbitrary bytes or markup', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.option(fc.string()), (bytes, contentType) => {
        expect(typeof pageText(Buffer.from(bytes), contentType)).toBe('string');
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (html) => {
        expect(typeof htmlToText(`<div>${html}</div><a href="mailto:%E0%A4%A">x</a>`)).toBe('string');
      }),
    );
  });
});
