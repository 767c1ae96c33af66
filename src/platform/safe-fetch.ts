import { createHash } from 'node:crypto';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { addressRefusal, EMPTY_ALLOWLIST, type FetchAllowlist, hostAllowed } from './fetch-guard.ts';

/**
 * A GET of a URL a user typed, made safe to run on the server (SSRF): http/https only, the target
 * addresses checked at connect time by the socket's own DNS lookup (so a name that resolves to a
 * public address for the check and a private one for the connection cannot slip through), every
 * redirect re-checked, the body streamed under a size cap (after decompression) and the whole
 * exchange under one time cap. Reused by every feature that fetches user-given URLs.
 */
export type SafeFetchOptions = {
  allow?: FetchAllowlist;
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
  accept?: string;
  userAgent?: string;
};

export type SafeFetchResult = {
  url: string;
  finalUrl: string;
  status: number;
  contentType: string | null;
  body: Buffer;
  bytes: number;
  sha256: string;
  redirects: string[];
};

export type SafeFetchErrorCode =
  | 'bad-url'
  | 'bad-scheme'
  | 'blocked'
  | 'too-many-redirects'
  | 'too-large'
  | 'timeout'
  | 'unreachable';

export class SafeFetchError extends Error {
  readonly code: SafeFetchErrorCode;
  /** the URL being fetched when it failed (after redirects) */
  readonly url: string;
  constructor(code: SafeFetchErrorCode, url: string, detail: string) {
    super(`${code}: ${detail}`);
    this.code = code;
    this.url = url;
  }
}

export const SAFE_FETCH_DEFAULTS = {
  maxBytes: 2 * 1024 * 1024,
  timeoutMs: 10_000,
  maxRedirects: 3,
};

class Blocked extends Error {}

/** A dns.lookup that refuses names resolving to any address outside the policy. */
export function guardedLookup(allow: FetchAllowlist): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as dns.LookupAddress[];
      if (!hostAllowed(hostname, allow)) {
        const refused = list.find((a) => addressRefusal(a.address, allow) !== null);
        if (refused) {
          return callback(new Blocked(`${hostname} resolves to ${refused.address}`), '', 0);
        }
      }
      if (list.length === 0) return callback(new Error(`${hostname} has no address`), '', 0);
      if (options.all) return callback(null, list);
      const first = list[0] as dns.LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}

/** Checks a URL before connecting: scheme, no credentials, and an IP-literal host's range. */
export function checkUrl(raw: string, allow: FetchAllowlist = EMPTY_ALLOWLIST): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SafeFetchError('bad-url', raw, 'not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SafeFetchError('bad-scheme', raw, `scheme ${url.protocol} is not allowed`);
  }
  if (url.username || url.password) throw new SafeFetchError('bad-url', raw, 'credentials in URL');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // An IP literal never reaches the lookup: check it here.
  if (isIP(host) && !hostAllowed(host, allow)) {
    const refusal = addressRefusal(host, allow);
    if (refusal) throw new SafeFetchError('blocked', raw, `${host} is ${refusal}`);
  }
  return url;
}

export async function safeFetch(raw: string, options: SafeFetchOptions = {}): Promise<SafeFetchResult> {
  const allow = options.allow ?? EMPTY_ALLOWLIST;
  const maxBytes = options.maxBytes ?? SAFE_FETCH_DEFAULTS.maxBytes;
  const maxRedirects = options.maxRedirects ?? SAFE_FETCH_DEFAULTS.maxRedirects;
  const timeoutMs = options.timeoutMs ?? SAFE_FETCH_DEFAULTS.timeoutMs;
  const deadline = AbortSignal.timeout(timeoutMs);
  const redirects: string[] = [];
  let current = raw;
  for (;;) {
    const url = checkUrl(current, allow);
    const res = await get(url, { ...options, allow, signal: deadline, timeoutMs });
    const location = res.headers.location;
    if (res.statusCode && [301, 302, 303, 307, 308].includes(res.statusCode) && location) {
      res.resume();
      if (redirects.length >= maxRedirects) {
        throw new SafeFetchError('too-many-redirects', url.href, `more than ${maxRedirects} redirects`);
      }
      current = new URL(location, url).href;
      redirects.push(current);
      continue;
    }
    const body = await readCapped(res, maxBytes, url.href, deadline, timeoutMs);
    return {
      url: raw,
      finalUrl: url.href,
      status: res.statusCode ?? 0,
      contentType: res.headers['content-type'] ?? null,
      body,
      bytes: body.length,
      sha256: createHash('sha256').update(body).digest('hex'),
      redirects,
    };
  }
}

function get(
  url: URL,
  o: SafeFetchOptions & { allow: FetchAllowlist; signal: AbortSignal; timeoutMs: number },
): Promise<http.IncomingMessage> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    if (o.signal.aborted) return reject(new SafeFetchError('timeout', url.href, `no answer within ${o.timeoutMs} ms`));
    const req = client.request(url, {
      method: 'GET',
      // A fresh agent per request: no pooled socket connected under another check.
      agent: false,
      lookup: guardedLookup(o.allow),
      signal: o.signal,
      headers: {
        accept: o.accept ?? 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
        'accept-encoding': 'gzip, deflate, br',
        'user-agent': o.userAgent ?? 'CanhGac/1 (+contact publication check)',
      },
    });
    req.on('response', resolve);
    req.on('error', (err: Error) => reject(classify(err, url.href, o.signal, o.timeoutMs)));
    req.end();
  });
}

function classify(err: Error, url: string, signal: AbortSignal, timeoutMs: number): SafeFetchError {
  if (err instanceof SafeFetchError) return err;
  if (err instanceof Blocked) return new SafeFetchError('blocked', url, err.message);
  if (signal.aborted) return new SafeFetchError('timeout', url, `no complete answer within ${timeoutMs} ms`);
  return new SafeFetchError('unreachable', url, err.message);
}

function decoded(res: http.IncomingMessage): Readable {
  const encoding = String(res.headers['content-encoding'] ?? '')
    .toLowerCase()
    .trim();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : encoding === 'br'
          ? zlib.createBrotliDecompress()
          : null;
  if (!decoder) return res;
  // pipeline, not pipe: a response aborted by the deadline must end the decoder too, or the read waits forever.
  return pipeline(res, decoder, () => {});
}

/** The body, counted after decompression (a small gzip must not expand past the cap). */
async function readCapped(
  res: http.IncomingMessage,
  maxBytes: number,
  url: string,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<Buffer> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw new SafeFetchError('too-large', url, `declared ${declared} bytes, limit ${maxBytes}`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  const stream = decoded(res);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw new SafeFetchError('too-large', url, `more than ${maxBytes} bytes`);
      chunks.push(chunk);
    }
  } catch (err) {
    res.destroy();
    stream.destroy();
    throw classify(err as Error, url, signal, timeoutMs);
  }
  return Buffer.concat(chunks);
}
