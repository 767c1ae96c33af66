import { normaliseDomain } from './domain.ts';
import { parseIp } from './ip.ts';
import { fail, MAX_INPUT, ok, type Result } from './result.ts';

export type ParsedUrl = { url: string; host: string; hostKind: 'domain' | 'ipv4' | 'ipv6' };

const SCHEMES = new Set(['http:', 'https:', 'ftp:', 'ws:', 'wss:']);

/**
 * A WHATWG-parsed http(s)/ftp/ws(s) URL with its host normalised like any domain or IP (punycode, no
 * trailing dot, IPv6 canonical, IPv4-mapped → IPv4). `host` is what ownership lookups resolve.
 */
export function normaliseUrl(input: string): Result<ParsedUrl> {
  if (input.length > MAX_INPUT) return fail('value_too_long', input);
  const s = input.trim();
  if (s.length === 0) return fail('value_empty', input);
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return fail('url_invalid', input);
  }
  if (!SCHEMES.has(url.protocol) || url.hostname === '') return fail('url_invalid', input);
  const raw = url.hostname;
  const bracketed = raw.startsWith('[');
  const ip = parseIp(raw);
  if (ip.ok) {
    const host = ip.value.address;
    url.hostname = ip.value.version === 6 ? `[${host}]` : host;
    return ok({ url: url.href, host, hostKind: ip.value.version === 6 ? 'ipv6' : 'ipv4' });
  }
  if (bracketed) return fail('url_invalid', input);
  const domain = normaliseDomain(raw);
  if (!domain.ok) return fail('url_invalid', input);
  url.hostname = domain.value;
  return ok({ url: url.href, host: domain.value, hostKind: 'domain' });
}
