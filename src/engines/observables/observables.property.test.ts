import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refang } from '../normalise/index.ts';
import { extractObservables, normaliseObservable, type ObservableType } from './index.ts';

const octet = fc.nat(255);
const v4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
/** Global-unicast-looking IPv6 (first group 2000–3fff), written full or compressed as WHATWG does. */
const v6 = fc
  .tuple(
    fc.integer({ min: 0x2000, max: 0x3fff }),
    fc.array(fc.nat(0xffff), { minLength: 7, maxLength: 7 }),
    fc.boolean(),
  )
  .map(([first, rest, full]) => {
    const text = [first, ...rest].map((x) => x.toString(16)).join(':');
    return full ? text : new URL(`http://[${text}]/`).hostname.slice(1, -1);
  });
const cidr = fc.tuple(octet, octet, fc.integer({ min: 8, max: 32 })).map(([a, b, p]) => {
  const n = ((a << 24) | (b << 16) | 0x0101) >>> 0;
  const net = p === 32 ? n : (n & ((0xffffffff << (32 - p)) >>> 0)) >>> 0;
  return `${net >>> 24}.${(net >>> 16) & 255}.${(net >>> 8) & 255}.${net & 255}/${p}`;
});
const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
// TLDs that are not also file extensions: the .com/.zip ambiguity has its own example tests.
const domain = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom('vn', 'gov.vn', 'xyz', 'top', 'net', 'io'))
  .map(([ls, tld]) => `${ls.join('.')}.${tld}`);
const path = fc.array(fc.stringMatching(/^[a-zA-Z0-9_-]{1,8}$/), { maxLength: 3 }).map((ps) => `/${ps.join('/')}`);
const url = fc
  .tuple(fc.constantFrom('http', 'https', 'hxxp', 'hxxps', 'ftp'), fc.oneof(domain, v4), path)
  .map(([s, h, p]) => `${s}://${h}${p}`);
const email = fc.tuple(fc.stringMatching(/^[a-z0-9][a-z0-9_+-]{0,8}$/), domain).map(([l, d]) => `${l}@${d}`);
const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-fA-F]{${n}}$`));
const cve = fc
  .tuple(fc.integer({ min: 1999, max: 2030 }), fc.integer({ min: 1000, max: 9_999_999 }), fc.boolean())
  .map(([y, n, upper]) => `${upper ? 'CVE' : 'cve'}-${y}-${n}`);
const filename = fc
  .tuple(
    fc.stringMatching(/^[a-zA-Z0-9_][a-zA-Z0-9_-]{0,9}$/),
    fc.constantFrom('exe', 'dll', 'docx', 'pdf.exe', 'ps1', 'hta'),
  )
  .map(([b, e]) => `${b}.${e}`);
const account = fc
  .tuple(fc.stringMatching(/^[A-Z][A-Z0-9]{0,10}$/), fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/))
  .map(([d, u]) => `${d}\\${u}`);

const ioc: fc.Arbitrary<[ObservableType, string]> = fc.oneof(
  v4.map((v) => ['ipv4', v] as [ObservableType, string]),
  v6.map((v) => ['ipv6', v] as [ObservableType, string]),
  cidr.map((v) => ['cidr', v] as [ObservableType, string]),
  domain.map((v) => ['domain', v] as [ObservableType, string]),
  url.map((v) => ['url', v] as [ObservableType, string]),
  email.map((v) => ['email', v] as [ObservableType, string]),
  hex(32).map((v) => ['md5', v] as [ObservableType, string]),
  hex(40).map((v) => ['sha1', v] as [ObservableType, string]),
  hex(64).map((v) => ['sha256', v] as [ObservableType, string]),
  hex(128).map((v) => ['sha512', v] as [ObservableType, string]),
  cve.map((v) => ['cve', v] as [ObservableType, string]),
  filename.map((v) => ['filename', v] as [ObservableType, string]),
  account.map((v) => ['account', v] as [ObservableType, string]),
);

/** Defangs the way reports do: dots and @ in brackets, hxxp already comes from the generator. */
function defang(type: ObservableType, s: string, style: number): string {
  if (!['domain', 'url', 'email', 'ipv4'].includes(type) || style === 0) return s;
  const dot = ['[.]', '(.)', '{.}', '[dot]', ' [.] '][style % 5] as string;
  const i = s.lastIndexOf('.');
  const out = `${s.slice(0, i)}${dot}${s.slice(i + 1)}`;
  return type === 'email' && style % 2 === 1 ? out.replace('@', '[at]') : out;
}

const separator = fc.constantFrom(' ', '\n', ', ', ' và ', '; ', '\t', ' (tệp ', ') ', ' “', '” ', '. Địa chỉ: ');
const report = fc.array(fc.tuple(ioc, fc.nat(9), separator), { minLength: 1, maxLength: 12 }).map((parts) => ({
  iocs: parts.map(([[type, value]]) => [type, value] as const),
  text: parts.map(([[type, value], style, sep]) => `${defang(type, value, style)}${sep}`).join(''),
}));

const mutated = fc
  .tuple(
    report.map((r) => r.text),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('ins', 'del'), fc.string({ unit: 'binary', maxLength: 3 }))),
  )
  .map(([s, edits]) => {
    let out = s;
    for (const [at, op, text] of edits) {
      const i = out.length === 0 ? 0 : at % out.length;
      out = op === 'ins' ? out.slice(0, i) + text + out.slice(i) : out.slice(0, i) + out.slice(i + 1);
    }
    return out;
  });
const tricky = fc.array(fc.constantFrom(...'.:/\\@[](){}-_ 0123456789abcdefxX'.split(''), 'hxxp', '[.]', '://'), {
  maxLength: 200,
});
const anything = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  mutated,
  tricky.map((cs) => cs.join('')),
);

describe('extractObservables on any input', () => {
  it('never throws, reports exact spans, and every value re-normalises to itself', () => {
    fc.assert(
      fc.property(anything, fc.boolean(), (text, includeHosts) => {
        const { items } = extractObservables(text, { includeHosts });
        const keys = new Set<string>();
        for (const item of items) {
          expect(normaliseObservable(item.type, item.value)).toBe(item.value);
          expect(text.slice(item.start, item.end)).toBe(item.raw);
          expect(item.end).toBeGreaterThan(item.start);
          keys.add(`${item.type} ${item.value}`);
        }
        expect(keys.size).toBe(items.length);
      }),
      { numRuns: 1500 },
    );
  });

  it('never returns more than maxItems', () => {
    fc.assert(
      fc.property(report, fc.integer({ min: 0, max: 5 }), ({ text }, maxItems) => {
        const r = extractObservables(text, { maxItems });
        expect(r.items.length).toBeLessThanOrEqual(maxItems);
        if (r.items.length < maxItems) expect(r.truncated).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

describe('extractObservables on text built from known IOCs', () => {
  it('finds each of them, defanged or not', () => {
    fc.assert(
      fc.property(report, ({ iocs, text }) => {
        const found = new Set(extractObservables(text).items.map((i) => `${i.type} ${i.value}`));
        for (const [type, value] of iocs) {
          const expected = normaliseObservable(type, refang(value));
          expect(expected, `${type} ${value} is a valid ${type}`).toBeDefined();
          expect(found, text).toContain(`${type} ${expected}`);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
