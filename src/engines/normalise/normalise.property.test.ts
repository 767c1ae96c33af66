import { isIPv4 } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  detectHash,
  normaliseDomain,
  normaliseEmail,
  normaliseUrl,
  normaliseValue,
  parseAsn,
  parseCidr,
  parseIp,
  type Result,
} from './index.ts';

const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.'));
const words = fc.array(fc.nat(0xffff), { minLength: 8, maxLength: 8 });
/** Any spelling of an IPv6 address: full, with leading zeros, upper case, or as WHATWG compresses it. */
const v6 = fc.tuple(words, fc.constantFrom('full', 'padded', 'upper', 'whatwg')).map(([w, style]) => {
  if (style === 'full') return w.map((x) => x.toString(16)).join(':');
  if (style === 'padded') return w.map((x) => x.toString(16).padStart(4, '0')).join(':');
  const whatwg = new URL(`http://[${w.map((x) => x.toString(16)).join(':')}]/`).hostname.slice(1, -1);
  return style === 'upper' ? whatwg.toUpperCase() : whatwg;
});
const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
const domain = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 4 }), fc.constantFrom('example', 'vn', 'gov.vn', 'xn--p1ai'))
  .map(([ls, tld]) => `${ls.join('.')}.${tld}`);
const cidr = fc.oneof(
  fc.tuple(v4, fc.nat(32)).map(([a, p]) => `${a}/${p}`),
  fc.tuple(v6, fc.nat(128)).map(([a, p]) => `${a}/${p}`),
);
const url = fc
  .tuple(fc.constantFrom('http', 'https', 'HXXP', 'ftp'), fc.oneof(domain, v4), fc.webPath())
  .map(([s, h, p]) => `${s}://${h}${p}`);
const email = fc.tuple(fc.stringMatching(/^[a-zA-Z0-9._+-]{1,20}$/), domain).map(([l, d]) => `${l}@${d}`);
const valid = fc.oneof(v4, v6, domain, cidr, url, email, fc.webUrl());

/** A valid value with a few characters inserted, deleted or replaced. */
const mutated = fc
  .tuple(
    valid,
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('ins', 'del', 'rep'), fc.string({ unit: 'binary', maxLength: 2 }))),
  )
  .map(([s, edits]) => {
    let out = s;
    for (const [at, op, text] of edits) {
      const i = out.length === 0 ? 0 : at % out.length;
      if (op === 'ins') out = out.slice(0, i) + text + out.slice(i);
      else if (op === 'del') out = out.slice(0, i) + out.slice(i + 1);
      else out = out.slice(0, i) + text + out.slice(i + 1);
    }
    return out;
  });
const anything = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), valid, mutated);

function wellFormed(r: Result<unknown>): void {
  expect(typeof r.ok).toBe('boolean');
  if (!r.ok) expect(typeof r.error).toBe('string');
}

describe('the normaliser on any input', () => {
  it('returns a result or a clean error, never throws', () => {
    fc.assert(
      fc.property(anything, (s) => {
        const parsers: ((s: string) => Result<unknown>)[] = [
          parseIp,
          parseCidr,
          normaliseDomain,
          normaliseUrl,
          normaliseEmail,
          detectHash,
          normaliseValue,
          parseAsn,
        ];
        for (const f of parsers) wellFormed(f(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(anything, (s) => {
        const ip = parseIp(s);
        if (ip.ok) expect(parseIp(ip.value.address)).toEqual(ip);
        const net = parseCidr(s);
        if (net.ok) expect(parseCidr(net.value.cidr)).toEqual(net);
        const d = normaliseDomain(s);
        if (d.ok) expect(normaliseDomain(d.value)).toEqual(d);
        const u = normaliseUrl(s);
        if (u.ok) expect(normaliseUrl(u.value.url)).toEqual(u);
        const e = normaliseEmail(s);
        if (e.ok) expect(normaliseEmail(e.value)).toEqual(e);
        const v = normaliseValue(s);
        if (v.ok) expect(normaliseValue(v.value.value)).toEqual(v);
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts exactly the IPv4 addresses node:net accepts', () => {
    fc.assert(
      fc.property(fc.oneof(v4, mutated), (s) => {
        expect(parseIp(s).ok && !s.includes(':') && s === s.trim()).toBe(isIPv4(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips IPv6 to the RFC 5952 form, whatever the spelling', () => {
    fc.assert(
      fc.property(words, v6, (w, spelled) => {
        const text = w.map((x) => x.toString(16)).join(':');
        const r = parseIp(text);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const mapped = w.slice(0, 5).every((x) => x === 0) && w[5] === 0xffff;
        if (mapped) {
          expect(r.value.version).toBe(4);
          return;
        }
        // WHATWG serialises IPv6 exactly as RFC 5952 does (outside the mapped range).
        expect(r.value.address).toBe(new URL(`http://[${text}]/`).hostname.slice(1, -1));
        const again = parseIp(spelled);
        expect(again.ok).toBe(true);
        if (again.ok) expect(parseIp(again.value.address)).toEqual(again);
      }),
      { numRuns: 2000 },
    );
  });

  it('a CIDR is either canonical or names its network', () => {
    fc.assert(
      fc.property(cidr, (s) => {
        const r = parseCidr(s);
        if (r.ok) return;
        expect(r.error).toBe('cidr_host_bits');
        const net = parseCidr(r.params.network ?? '');
        expect(net.ok).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
