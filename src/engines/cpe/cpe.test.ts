import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CPE_ATTRIBUTES,
  type Cpe,
  cpeDisplayValue,
  cpeFromFields,
  cpeValueOf,
  formatCpe,
  normaliseCpe,
  parseCpe,
} from './cpe.ts';
import { parsePurl } from './purl.ts';

describe('CPE 2.3 formatted strings', () => {
  it('parses and lowercases a real name', () => {
    const r = normaliseCpe('cpe:2.3:a:Microsoft:Exchange_Server:2019:cumulative_update_12:*:*:*:*:*:*');
    expect(r).toMatchObject({
      ok: true,
      value: 'cpe:2.3:a:microsoft:exchange_server:2019:cumulative_update_12:*:*:*:*:*:*',
    });
  });

  it('keeps escaped punctuation, colons included', () => {
    const r = parseCpe('cpe:2.3:a:f5:nginx:1.25.3\\:beta:*:*:*:*:*:*:*');
    expect(r.ok && r.value.version).toBe('1.25.3\\:beta');
    expect(r.ok && cpeDisplayValue(r.value.version)).toBe('1.25.3:beta');
  });

  it('refuses malformed names with a reason', () => {
    expect(parseCpe('cpe:2.3:a:nginx')).toEqual({ ok: false, error: 'cpe_invalid' });
    expect(parseCpe('cpe:2.3:x:f5:nginx:1:*:*:*:*:*:*:*')).toMatchObject({ ok: false, error: 'cpe_bad_part' });
    expect(parseCpe('cpe:2.3:a:f5:ngi nx:1:*:*:*:*:*:*:*')).toMatchObject({
      ok: false,
      error: 'cpe_bad_component',
      attribute: 'product',
    });
    expect(parseCpe('cpe:2.3:a:f5:nginx:1:*:*:english:*:*:*:*')).toMatchObject({
      ok: false,
      error: 'cpe_bad_language',
    });
    expect(parseCpe('nginx 1.25')).toEqual({ ok: false, error: 'cpe_invalid' });
    expect(parseCpe(`cpe:2.3:a:${'x'.repeat(2000)}:*:*:*:*:*:*:*:*:*`)).toEqual({ ok: false, error: 'cpe_too_long' });
  });

  it('converts CPE 2.2 URIs, packed editions and percent-encoding included', () => {
    expect(normaliseCpe('cpe:/a:apache:tomcat:9.0.80')).toMatchObject({
      value: 'cpe:2.3:a:apache:tomcat:9.0.80:*:*:*:*:*:*:*',
    });
    expect(normaliseCpe('cpe:/a:hp:insight_diagnostics:7.4.0.1570::~~online~win2003~x64~')).toMatchObject({
      value: 'cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:*:*:*:online:win2003:x64:*',
    });
    expect(normaliseCpe('cpe:/a:foo%21bar:baz')).toMatchObject({ value: 'cpe:2.3:a:foo\\!bar:baz:*:*:*:*:*:*:*:*' });
    expect(parseCpe('cpe:/a:foo%zz')).toMatchObject({ ok: false, error: 'cpe_bad_component' });
  });

  it('builds a name from plain vendor/product/version', () => {
    expect(cpeFromFields({ vendor: 'Apache', product: 'Tomcat', version: '9.0.80' })).toBe(
      'cpe:2.3:a:apache:tomcat:9.0.80:*:*:*:*:*:*:*',
    );
    expect(cpeFromFields({ vendor: 'Microsoft', product: 'Exchange Server', version: '2019 CU12' })).toBe(
      'cpe:2.3:a:microsoft:exchange_server:2019_cu12:*:*:*:*:*:*:*',
    );
  });
});

const plain = fc.string({ minLength: 1, maxLength: 20, unit: fc.constantFrom(...'abcXYZ019._-:!@/\\*?~ '.split('')) });

describe('CPE properties', () => {
  it('random strings never throw, and an accepted name re-parses to itself', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.string().map((s) => `cpe:2.3:${s}`),
          fc.string().map((s) => `cpe:/${s}`),
        ),
        (s) => {
          const r = normaliseCpe(s);
          if (r.ok) expect(normaliseCpe(r.value)).toMatchObject({ ok: true, value: r.value });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('mutated valid names never throw', () => {
    const base = 'cpe:2.3:a:microsoft:exchange_server:2019:cu12:*:*:*:*:*:*';
    fc.assert(
      fc.property(fc.nat(base.length), fc.string({ maxLength: 3, unit: 'binary' }), (at, insert) => {
        const r = parseCpe(base.slice(0, at) + insert + base.slice(at + 1));
        expect(typeof r.ok).toBe('boolean');
      }),
    );
  });

  it('parse ∘ format round-trips any name built from plain values', () => {
    fc.assert(
      fc.property(fc.constantFrom('a', 'o', 'h'), fc.array(plain, { minLength: 10, maxLength: 10 }), (part, values) => {
        const cpe = { part } as Cpe;
        CPE_ATTRIBUTES.slice(1).forEach((a, i) => {
          cpe[a] = a === 'language' ? '*' : cpeValueOf(values[i]);
        });
        const text = formatCpe(cpe);
        const parsed = parseCpe(text);
        expect(parsed).toEqual({ ok: true, value: cpe });
        if (parsed.ok) expect(formatCpe(parsed.value)).toBe(text);
      }),
    );
  });

  it('a plain value survives escaping (lowercased, spaces as underscores)', () => {
    fc.assert(
      fc.property(plain, (v) => {
        const t = v.trim().toLowerCase().replace(/\s+/g, '_');
        fc.pre(t !== '' && t !== '-');
        expect(cpeDisplayValue(cpeValueOf(v))).toBe(t);
      }),
    );
  });
});

describe('purl', () => {
  it('parses and canonicalises a package URL', () => {
    expect(parsePurl('pkg:npm/%40angular/core@16.0.0')).toMatchObject({
      ok: true,
      purl: { type: 'npm', namespace: '@angular', name: 'core', version: '16.0.0' },
    });
    expect(parsePurl('pkg:')).toEqual({ ok: false, error: 'purl_invalid' });
    expect(parsePurl('nginx')).toEqual({ ok: false, error: 'purl_invalid' });
  });

  it('never throws on random input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.string().map((s) => `pkg:${s}`),
        ),
        (s) => {
          const r = parsePurl(s);
          if (r.ok) expect(parsePurl(r.value)).toMatchObject({ ok: true, value: r.value });
        },
      ),
    );
  });
});
