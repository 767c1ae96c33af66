import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseValue, parseCidr, parseIp } from '../normalise/index.ts';
import { type OwnershipEntry, type OwnershipHit, OwnershipIndex } from './index.ts';

function v4Number(ip: string): bigint {
  return ip.split('.').reduce((n, o) => n * 256n + BigInt(o), 0n);
}
function v6Number(ip: string): bigint {
  const url = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  const [head = '', tail = ''] = url.includes('::') ? url.split('::') : [url, ''];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = url.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return groups.reduce((n, g) => (n << 16n) | BigInt(Number.parseInt(g, 16)), 0n);
}

/** The obvious, slow answer: test every entry, sort by specificity. */
function naive(entries: OwnershipEntry[], value: string): string[] | null {
  const parsed = normaliseValue(value);
  if (!parsed.ok) return null;
  const host = parsed.value.host ?? parsed.value.value;
  const hits: Pick<OwnershipHit, 'owner' | 'specificity'>[] = [];
  const ip = parseIp(host);
  for (const e of entries) {
    if (e.type === 'range' && ip.ok) {
      const c = parseCidr(e.cidr);
      if (!c.ok || c.value.version !== ip.value.version) continue;
      const bits = c.value.version === 4 ? 32 : 128;
      const num = c.value.version === 4 ? v4Number : v6Number;
      const shift = BigInt(bits - c.value.prefix);
      if (num(ip.value.address) >> shift === num(c.value.network) >> shift) {
        hits.push({ owner: e.owner, specificity: c.value.prefix });
      }
    }
    if (e.type === 'domain' && !ip.ok) {
      const d = e.domain.toLowerCase();
      if (host === d || (e.includeSubdomains && host.endsWith(`.${d}`))) {
        hits.push({ owner: e.owner, specificity: d.split('.').length });
      }
    }
  }
  return canonical(hits);
}

/** Most specific first; within one level the order is not meaningful, so sort it. */
function canonical(hits: readonly Pick<OwnershipHit, 'owner' | 'specificity'>[]): string[] {
  return [...hits]
    .sort((a, b) => b.specificity - a.specificity || a.owner.localeCompare(b.owner))
    .map((h) => `${h.specificity}:${h.owner}`);
}

// A small address space so random ranges nest and collide often.
const v4 = fc.tuple(fc.constantFrom(10, 203), fc.nat(3), fc.nat(255), fc.nat(255)).map((o) => o.join('.'));
const v6 = fc.tuple(fc.nat(3), fc.nat(3), fc.nat(0xffff)).map(([a, b, c]) => `2001:db8:${a}:${b}::${c.toString(16)}`);
const owner = fc.constantFrom('a', 'b', 'c', 'd');
function toNetwork(s: string): string {
  const r = parseCidr(s);
  return r.ok ? r.value.cidr : (r.params.network ?? s);
}
const rangeEntry = fc
  .oneof(
    fc.tuple(v4, fc.integer({ min: 8, max: 32 })).map(([a, p]) => toNetwork(`${a}/${p}`)),
    fc.tuple(v6, fc.integer({ min: 32, max: 128 })).map(([a, p]) => toNetwork(`${a}/${p}`)),
  )
  .chain((cidr) => owner.map((o): OwnershipEntry => ({ type: 'range', cidr, owner: o, via: 'range' })));
const label = fc.constantFrom('a', 'b', 'evil', 'notevil', 'x-1', 'www');
const name = fc
  .tuple(fc.array(label, { minLength: 0, maxLength: 3 }), fc.constantFrom('example', 'gov.vn'))
  .map(([ls, tld]) => [...ls, tld].join('.'));
const domainEntry = fc
  .tuple(name, owner, fc.boolean())
  .map(
    ([domain, o, sub]): OwnershipEntry => ({ type: 'domain', domain, owner: o, via: 'domain', includeSubdomains: sub }),
  );
const query = fc.oneof(
  v4,
  v6,
  name,
  v4.map((a) => `::ffff:${a}`),
  name.map((n) => `https://${n.toUpperCase()}/x`),
  name.map((n) => `user@${n}`),
);

describe('ownership index against a naive reference', () => {
  it('agrees on random ranges, domains and queries', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(rangeEntry, domainEntry), { maxLength: 40 }),
        fc.array(query, { maxLength: 30 }),
        (entries, queries) => {
          const index = new OwnershipIndex(entries);
          for (const q of queries) {
            const got = index.lookup(q);
            const want = naive(entries, q);
            expect(got.ok ? canonical(got.hits) : null).toEqual(want);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws on any input', () => {
    const index = new OwnershipIndex([{ type: 'range', cidr: '10.0.0.0/8', owner: 'a', via: 'range' }]);
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), query), (s) => {
        const r = index.lookup(s);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});
