import { describe, expect, it } from 'vitest';
import { isTie, type OwnershipEntry, OwnershipIndex, type OwnershipLookup } from './index.ts';

const range = (cidr: string, owner: string, via: 'range' | 'component' = 'range'): OwnershipEntry => ({
  type: 'range',
  cidr,
  owner,
  via,
});
const domain = (name: string, owner: string, includeSubdomains = true): OwnershipEntry => ({
  type: 'domain',
  domain: name,
  includeSubdomains,
  owner,
  via: 'domain',
});

const index = new OwnershipIndex([
  range('203.0.113.0/24', 'isp'),
  range('203.0.113.64/26', 'skhcn'),
  range('203.0.113.70/32', 'portal-operator', 'component'),
  range('10.1.2.30/32', 'thirty'),
  range('2001:db8::/32', 'isp'),
  range('2001:db8:10::/48', 'skhcn'),
  range('198.51.100.0/24', 'a'),
  range('198.51.100.0/24', 'b'),
  domain('quangnam.example', 'ubnd'),
  domain('skhcn.quangnam.example', 'skhcn'),
  domain('evil.gov.vn', 'evil'),
  domain('exact.example', 'exact-only', false),
  domain('Bücher.example', 'books'),
]);

function owners(r: OwnershipLookup): string[] | string {
  return r.ok ? r.hits.map((h) => h.owner) : `!${r.error}`;
}

describe('ownership index', () => {
  it('lists every covering range, most specific first', () => {
    expect(owners(index.lookup('203.0.113.70'))).toEqual(['portal-operator', 'skhcn', 'isp']);
    expect(owners(index.lookup('203.0.113.65'))).toEqual(['skhcn', 'isp']);
    expect(owners(index.lookup('203.0.113.200'))).toEqual(['isp']);
    expect(owners(index.lookup('203.0.114.1'))).toEqual([]);
  });
  it('is exact about addresses', () => {
    expect(owners(index.lookup('10.1.2.3'))).toEqual([]);
    expect(owners(index.lookup('10.1.2.30'))).toEqual(['thirty']);
    expect(owners(index.lookup('10.1.2.31'))).toEqual([]);
  });
  it('resolves IPv6 and IPv4-mapped IPv6', () => {
    expect(owners(index.lookup('2001:DB8:10::1'))).toEqual(['skhcn', 'isp']);
    expect(owners(index.lookup('2001:db8:11::1'))).toEqual(['isp']);
    const mapped = index.lookup('::ffff:203.0.113.65');
    expect(mapped.ok && mapped.normalised).toBe('203.0.113.65');
    expect(owners(mapped)).toEqual(['skhcn', 'isp']);
    expect(owners(index.lookup('[::ffff:cb00:7141]'))).toEqual(['skhcn', 'isp']);
  });
  it('resolves domains by the longest registered suffix, label by label', () => {
    expect(owners(index.lookup('www.skhcn.quangnam.example'))).toEqual(['skhcn', 'ubnd']);
    expect(owners(index.lookup('SKHCN.QuangNam.Example.'))).toEqual(['skhcn', 'ubnd']);
    expect(owners(index.lookup('soyte.quangnam.example'))).toEqual(['ubnd']);
    expect(owners(index.lookup('evil.gov.vn'))).toEqual(['evil']);
    expect(owners(index.lookup('notevil.gov.vn'))).toEqual([]);
    expect(owners(index.lookup('a.notevil.gov.vn'))).toEqual([]);
    expect(owners(index.lookup('exact.example'))).toEqual(['exact-only']);
    expect(owners(index.lookup('sub.exact.example'))).toEqual([]);
    expect(owners(index.lookup('www.bücher.example'))).toEqual(['books']);
  });
  it('resolves URLs and e-mails by their host, refanged', () => {
    const url = index.lookup('hxxps://www.skhcn.quangnam[.]example/login');
    expect(url.ok && [url.kind, url.host]).toEqual(['url', 'www.skhcn.quangnam.example']);
    expect(owners(url)).toEqual(['skhcn', 'ubnd']);
    expect(owners(index.lookup('http://[2001:db8:10::5]:8080/'))).toEqual(['skhcn', 'isp']);
    expect(owners(index.lookup('http://203.0.113.70/'))).toEqual(['portal-operator', 'skhcn', 'isp']);
    expect(owners(index.lookup('lienhe@skhcn.quangnam.example'))).toEqual(['skhcn', 'ubnd']);
  });
  it('answers a CIDR with the ranges covering all of it', () => {
    expect(owners(index.lookup('203.0.113.64/27'))).toEqual(['skhcn', 'isp']);
    expect(owners(index.lookup('203.0.113.0/25'))).toEqual(['isp']);
  });
  it('reports ties and gives clean errors', () => {
    const tie = index.lookup('198.51.100.9');
    expect(owners(tie).length).toBe(2);
    expect(tie.ok && isTie(tie.hits)).toBe(true);
    const notTie = index.lookup('203.0.113.65');
    expect(notTie.ok && isTie(notTie.hits)).toBe(false);
    expect(owners(index.lookup('10.0.0.1/8'))).toBe('!cidr_host_bits');
    expect(owners(index.lookup('999.1.1.1'))).toBe('!ip_invalid');
    expect(owners(index.lookup(''))).toBe('!value_empty');
  });
  it('skips malformed entries and counts them', () => {
    const i = new OwnershipIndex([range('10.0.0.1/8', 'x'), domain('-bad.example', 'y'), range('10.0.0.0/8', 'z')]);
    expect(i.stats).toEqual({ ipv4Ranges: 1, ipv6Ranges: 0, domains: 0, skipped: 2 });
    expect(owners(i.lookup('10.9.9.9'))).toEqual(['z']);
  });
  it('handles the edges of the address space', () => {
    const i = new OwnershipIndex([
      range('0.0.0.0/0', 'all'),
      range('255.255.255.255/32', 'top'),
      range('::/0', 'all6'),
    ]);
    expect(owners(i.lookup('255.255.255.255'))).toEqual(['top', 'all']);
    expect(owners(i.lookup('0.0.0.0'))).toEqual(['all']);
    expect(owners(i.lookup('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'))).toEqual(['all6']);
  });
});
