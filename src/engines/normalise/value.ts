import { parseCidr } from './cidr.ts';
import { normaliseDomain } from './domain.ts';
import { normaliseEmail } from './email.ts';
import { detectHash, type HashAlgorithm } from './hash.ts';
import { parseIp } from './ip.ts';
import { refang } from './refang.ts';
import { fail, MAX_INPUT, ok, type Result } from './result.ts';
import { normaliseUrl } from './url.ts';

export type ValueKind = 'ipv4' | 'ipv6' | 'cidr' | 'url' | 'email' | 'domain' | 'hash';

/**
 * `value` is the canonical text. `host` (url, email) and the value itself (ip, domain) are what an
 * ownership lookup resolves; `algorithm` is set for hashes.
 */
export type NormalisedValue = { kind: ValueKind; value: string; host?: string; algorithm?: HashAlgorithm };

function looksNumeric(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 46)) return false;
  }
  return true;
}

/** Two or more colons: meant as an IPv6 address (nothing else we accept has them). */
function looksIpv6(s: string): boolean {
  const first = s.indexOf(':');
  return first >= 0 && s.indexOf(':', first + 1) > 0;
}

function classifySlashed(input: string, s: string): Result<NormalisedValue> {
  const before = s.slice(0, s.indexOf('/'));
  if (parseIp(before).ok || looksNumeric(before) || looksIpv6(before)) {
    const cidr = parseCidr(s);
    if (!cidr.ok) return cidr.error === 'value_too_long' ? cidr : { ...cidr, params: { ...cidr.params, value: input } };
    return ok({ kind: 'cidr', value: cidr.value.cidr });
  }
  // "example.com/path" — a URL written without its scheme.
  if (!normaliseDomain(before).ok) return fail('value_unrecognised', input);
  const url = normaliseUrl(`http://${s}`);
  return url.ok ? ok({ kind: 'url', value: url.value.url, host: url.value.host }) : fail('url_invalid', input);
}

/**
 * Refangs, then recognises and normalises one value typed or pasted by a user: IP, CIDR, URL
 * (with or without scheme), e-mail, hash or domain.
 */
export function normaliseValue(input: string): Result<NormalisedValue> {
  if (input.length > MAX_INPUT) return fail('value_too_long', input);
  const s = refang(input).trim();
  if (s.length === 0) return fail('value_empty', input);
  if (s.includes('://')) {
    const url = normaliseUrl(s);
    return url.ok ? ok({ kind: 'url', value: url.value.url, host: url.value.host }) : fail('url_invalid', input);
  }
  if (s.includes('@') && !s.includes('/')) {
    const email = normaliseEmail(s);
    if (!email.ok) return fail('email_invalid', input);
    return ok({ kind: 'email', value: email.value, host: email.value.slice(email.value.lastIndexOf('@') + 1) });
  }
  if (s.includes('/')) return classifySlashed(input, s);
  const ip = parseIp(s);
  if (ip.ok) return ok({ kind: ip.value.version === 4 ? 'ipv4' : 'ipv6', value: ip.value.address });
  const hash = detectHash(s);
  if (hash.ok) return ok({ kind: 'hash', value: hash.value.value, algorithm: hash.value.algorithm });
  const domain = normaliseDomain(s);
  // A bare word is not taken for a domain: "hello" is far more often a typo than a TLD.
  if (domain.ok && domain.value.includes('.')) return ok({ kind: 'domain', value: domain.value });
  if (looksNumeric(s) || looksIpv6(s)) return fail('ip_invalid', input);
  return fail(s.includes('.') ? 'domain_invalid' : 'value_unrecognised', input);
}
