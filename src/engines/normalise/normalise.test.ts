import { describe, expect, it } from 'vitest';
import type { MessageCode } from '../../platform/messages.ts';
import {
  detectHash,
  type NormaliseError,
  normaliseDomain,
  normaliseEmail,
  normaliseUrl,
  normaliseValue,
  parseCidr,
  parseIp,
  refang,
} from './index.ts';

// Every error the normaliser returns has a localised message.
const _everyErrorHasAMessage: MessageCode = '' as NormaliseError;

function value<T>(r: { ok: true; value: T } | { ok: false; error: string }): T | string {
  return r.ok ? r.value : `!${r.error}`;
}

describe('parseIp', () => {
  it.each([
    ['10.1.2.3', '10.1.2.3'],
    [' 203.0.113.7 ', '203.0.113.7'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:0db8:0000:0000:0000:ff00:0042:8329', '2001:db8::ff00:42:8329'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['::', '::'],
    ['[2001:db8::1]', '2001:db8::1'],
    ['::ffff:10.0.0.1', '10.0.0.1'],
    ['::ffff:a00:1', '10.0.0.1'],
    ['::1.2.3.4', '::102:304'],
  ])('%s → %s', (input, expected) => {
    const r = parseIp(input);
    expect(r.ok && r.value.address).toBe(expected);
  });
  it.each([
    '010.1.2.3',
    '256.0.0.1',
    '1.2.3',
    '1.2.3.4.5',
    '1..2.3',
    '::1%eth0',
    ':::',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '12345::',
    '1:2:3:4:5:6:7:1.2.3.4',
    '',
  ])('refuses %j', (input) => {
    expect(parseIp(input).ok).toBe(false);
  });
});

describe('parseCidr', () => {
  it('canonicalises v4 and v6 networks', () => {
    expect(value(parseCidr('203.0.113.0/24'))).toMatchObject({ cidr: '203.0.113.0/24', version: 4, prefix: 24 });
    expect(value(parseCidr('2001:DB8::/32'))).toMatchObject({ cidr: '2001:db8::/32', version: 6 });
    expect(value(parseCidr('10.1.2.3'))).toMatchObject({ cidr: '10.1.2.3/32' });
    expect(value(parseCidr('0.0.0.0/0'))).toMatchObject({ cidr: '0.0.0.0/0' });
    expect(value(parseCidr('::ffff:10.0.0.0/104'))).toMatchObject({ cidr: '10.0.0.0/8', version: 4 });
  });
  it('names the network when host bits are set', () => {
    expect(parseCidr('10.1.2.3/8')).toEqual({
      ok: false,
      error: 'cidr_host_bits',
      params: { value: '10.1.2.3/8', network: '10.0.0.0/8' },
    });
    const v6 = parseCidr('2001:db8::1/32');
    expect(!v6.ok && v6.params.network).toBe('2001:db8::/32');
  });
  it.each([
    ['10.0.0.0/33', 'cidr_prefix_invalid'],
    ['10.0.0.0/08', 'cidr_prefix_invalid'],
    ['10.0.0.0/', 'cidr_prefix_invalid'],
    ['2001:db8::/129', 'cidr_prefix_invalid'],
    ['10.0.0/8', 'cidr_invalid'],
    ['example.com/8', 'cidr_invalid'],
  ])('%s → %s', (input, error) => {
    expect(value(parseCidr(input))).toBe(`!${error}`);
  });
});

describe('normaliseDomain', () => {
  it.each([
    ['QuangNam.Example.', 'quangnam.example'],
    ['Bücher.example', 'xn--bcher-kva.example'],
    ['a_b.example', 'a_b.example'],
  ])('%s', (input, expected) => {
    const r = normaliseDomain(input);
    expect(r.ok && r.value).toBe(expected);
  });
  it('punycodes Vietnamese names', () => {
    const r = normaliseDomain('Sở-Y-Tế.Quảng-Nam.example');
    expect(r.ok && r.value).toMatch(/^xn--[a-z0-9-]+\.xn--[a-z0-9-]+\.example$/);
  });
  it.each([
    '-a.example',
    'a-.example',
    'a..example',
    '.example.',
    'a b.example',
    '1.2.3',
    `${'a'.repeat(64)}.example`,
    '',
  ])('refuses %j', (input) => {
    expect(normaliseDomain(input).ok).toBe(false);
  });
});

describe('normaliseUrl and normaliseEmail', () => {
  it('normalise the host', () => {
    expect(value(normaliseUrl('HTTP://Bücher.Example./a?b#c'))).toEqual({
      url: 'http://xn--bcher-kva.example/a?b#c',
      host: 'xn--bcher-kva.example',
      hostKind: 'domain',
    });
    expect(value(normaliseUrl('https://[::ffff:203.0.113.9]:8443/x'))).toMatchObject({
      url: 'https://203.0.113.9:8443/x',
      host: '203.0.113.9',
      hostKind: 'ipv4',
    });
    expect(value(normaliseUrl('javascript:alert(1)'))).toBe('!url_invalid');
    expect(value(normaliseUrl('file:///etc/passwd'))).toBe('!url_invalid');
  });
  it('lowercase e-mails and refuse bad ones', () => {
    expect(value(normaliseEmail(' Tiep.Nhan@SKHCN.QuangNam.Example '))).toBe('tiep.nhan@skhcn.quangnam.example');
    for (const bad of ['a@', '@b.example', 'a..b@c.example', 'a b@c.example', 'a@localhost']) {
      expect(normaliseEmail(bad).ok).toBe(false);
    }
  });
});

describe('refang and normaliseValue', () => {
  it('refangs the usual forms', () => {
    expect(refang('hxxps://evil[.]example/x')).toBe('https://evil.example/x');
    expect(refang('HXXP[://]a(.)b{dot}example')).toBe('http://a.b.example');
    expect(refang('lienhe [at] quangnam [dot] example')).toBe('lienhe@quangnam.example');
    expect(refang('fxp://a[.]b')).toBe('ftp://a.b');
  });
  it.each([
    ['203.0.113.7', 'ipv4', '203.0.113.7'],
    ['::ffff:203.0.113.7', 'ipv4', '203.0.113.7'],
    ['2001:DB8::0:1', 'ipv6', '2001:db8::1'],
    ['203.0.113.0/24', 'cidr', '203.0.113.0/24'],
    ['hxxps://Evil[.]Example/x', 'url', 'https://evil.example/x'],
    ['evil.example/path', 'url', 'http://evil.example/path'],
    ['lienhe[at]quangnam[.]example', 'email', 'lienhe@quangnam.example'],
    ['D41D8CD98F00B204E9800998ECF8427E', 'hash', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['skhcn.quangnam.example.', 'domain', 'skhcn.quangnam.example'],
  ])('%s → %s %s', (input, kind, expected) => {
    expect(value(normaliseValue(input))).toMatchObject({ kind, value: expected });
  });
  it('gives the host of URLs and e-mails', () => {
    expect(value(normaliseValue('http://[2001:db8::5]/'))).toMatchObject({ host: '2001:db8::5' });
    expect(value(normaliseValue('a@b.example'))).toMatchObject({ host: 'b.example' });
  });
  it.each([
    ['hello', 'value_unrecognised'],
    ['   ', 'value_empty'],
    ['256.1.1.1', 'ip_invalid'],
    ['2001:db8::zz', 'ip_invalid'],
    ['10.0.0.1/24', 'cidr_host_bits'],
    ['a@@', 'email_invalid'],
    ['-bad-.example', 'domain_invalid'],
  ])('%j → %s', (input, error) => {
    expect(value(normaliseValue(input))).toBe(`!${error}`);
  });
  it('detects hashes by length', () => {
    expect(value(detectHash('a'.repeat(40)))).toMatchObject({ algorithm: 'sha1' });
    expect(value(detectHash('a'.repeat(64)))).toMatchObject({ algorithm: 'sha256' });
    expect(value(detectHash('a'.repeat(128)))).toMatchObject({ algorithm: 'sha512' });
    expect(value(detectHash('g'.repeat(32)))).toBe('!hash_invalid');
  });
});
