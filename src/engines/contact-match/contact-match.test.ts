import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchContacts, normalisePhone, registeredValues, showsEmail, showsPhone } from './index.ts';

describe('Vietnamese phone numbers', () => {
  it.each([
    ['+84 235 3900 101', '2353900101'],
    ['0235.3900.101', '2353900101'],
    ['(0235) 3900 101', '2353900101'],
    ['84-235-3900101', '2353900101'],
    ['0084 235 3900 101', '2353900101'],
    ['+84 (0) 235 3900 101', '2353900101'],
    ['0905 123 456', '905123456'],
    ['+84905123456', '905123456'],
    ['039.123.4567', '391234567'],
  ])('%s → %s', (raw, nsn) => {
    expect(normalisePhone(raw)).toBe(nsn);
  });

  it.each(['', '12345', '+1 202 555 0100', '0000000000', 'abc', '0235 3900 101 999 888'])(
    '%s is not a Vietnamese number',
    (raw) => {
      expect(normalisePhone(raw)).toBeNull();
    },
  );

  const page = 'Đường dây nóng: (0235) 3.900.101 — di động 0905-123-456; fax 0235 3900 1019';
  it('finds numbers however they are written', () => {
    expect(showsPhone(page, '+84 235 3900 101')).toBe(true);
    expect(showsPhone(page, '84905123456')).toBe(true);
    expect(showsPhone('gọi +84 (0) 235 3900 101', '02353900101')).toBe(true);
    expect(showsPhone('<a href="tel:+842353900101">Gọi</a>', '0235 3900 101')).toBe(true);
  });

  it('does not find a number inside a longer one or a different number', () => {
    expect(showsPhone('số 10235 3900 101', '0235 3900 101')).toBe(false);
    expect(showsPhone('fax 0235 3900 1019', '0235 3900 101')).toBe(false);
    expect(showsPhone('0235 3900 102', '0235 3900 101')).toBe(false);
  });
});

describe('e-mail addresses', () => {
  it.each([
    'Liên hệ: truc.atttt@quangnam.gov.vn',
    'truc.atttt [at] quangnam [dot] gov [dot] vn',
    'truc.atttt(at)quangnam.gov.vn',
    'truc.atttt @ quangnam . gov . vn',
    'truc.atttt&#64;quangnam&#46;gov.vn',
    'truc.atttt&commat;quangnam.gov.vn',
    'TRUC.ATTTT@QUANGNAM.GOV.VN',
    'truc.atttt＠quangnam.gov.vn',
    'mailto:truc.atttt@quangnam.gov.vn',
    'truc.atttt {at} quangnam {dot} gov {dot} vn',
  ])('finds %s', (text) => {
    expect(showsEmail(text, 'truc.atttt@quangnam.gov.vn')).toBe(true);
  });

  it.each([
    'xtruc.atttt@quangnam.gov.vn',
    'truc.atttt@quangnam.gov.vn.evil.example',
    'truc.atttt@quangnam.gov',
    'truc@quangnam.gov.vn',
  ])('does not take %s for it', (text) => {
    expect(showsEmail(text, 'truc.atttt@quangnam.gov.vn')).toBe(false);
  });

  it('ends a sentence with the address', () => {
    expect(showsEmail('Thư: truc.atttt@quangnam.gov.vn.', 'truc.atttt@quangnam.gov.vn')).toBe(true);
  });
});

describe('matchContacts', () => {
  const values = registeredValues([
    { email: 'Truc@Sotttt.example', phone247: '0235 3900 101' },
    { email: 'truc@sotttt.example', phone247: '0905 123 456' },
  ]);

  it('de-duplicates registered values', () => {
    expect(values).toEqual([
      { kind: 'email', value: 'truc@sotttt.example' },
      { kind: 'phone', value: '0235 3900 101' },
      { kind: 'phone', value: '0905 123 456' },
    ]);
  });

  it('is published with one e-mail and one phone shown, and lists what is missing', () => {
    const r = matchContacts('truc [at] sotttt [dot] example — 0235.3900.101', values);
    expect(r.published).toBe(true);
    expect(r.missing).toEqual([{ kind: 'phone', value: '0905 123 456' }]);
  });

  it('is not published without the phone, nor with nothing registered', () => {
    expect(matchContacts('truc@sotttt.example', values).published).toBe(false);
    expect(matchContacts('anything', []).published).toBe(false);
  });
});

describe('properties', () => {
  const nsn = fc.oneof(fc.stringMatching(/^[235789]\d{8}$/), fc.stringMatching(/^2\d{9}$/));
  const sep = fc.constantFrom('', ' ', '.', '-', ' - ', '\u00a0');
  const groups = (digits: string, cut: number[]) => {
    const out: string[] = [];
    let i = 0;
    for (const c of cut) {
      out.push(digits.slice(i, i + c));
      i += c;
    }
    out.push(digits.slice(i));
    return out.filter(Boolean);
  };

  it('a number formatted any supported way is found in surrounding text', () => {
    fc.assert(
      fc.property(
        nsn,
        fc.constantFrom('0', '+84 ', '84-', '(0', '0084 ', '+84 (0) ', '+84'),
        sep,
        fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 4 }),
        fc.string(),
        fc.string(),
        (n, prefix, s, cut, before, after) => {
          const written =
            prefix === '(0'
              ? `(0${n.slice(0, 3)}) ${groups(n.slice(3), cut).join(s)}`
              : `${prefix}${groups(n, cut).join(s)}`;
          const text = `${before.replace(/[\d+]$/, '')} ${written} ${after.replace(/^\d/, '')}`;
          expect(showsPhone(text, `0${n}`)).toBe(true);
          expect(normalisePhone(written)).toBe(n);
        },
      ),
    );
  });

  it('random text never crashes the matcher', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 500 }), fc.string(), (text, value) => {
        const values = registeredValues([{ email: value, phone247: value }]);
        const r = matchContacts(text, [...values, { kind: 'phone', value }, { kind: 'email', value }]);
        expect(r.found.length + r.missing.length).toBe(values.length + 2);
        expect(normalisePhone(value) === null || /^\d{9,10}$/.test(normalisePhone(value) ?? '')).toBe(true);
      }),
    );
  });

  it('an e-mail obfuscated any supported way is found', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z][a-z0-9]{0,10}(\.[a-z0-9]{1,6})?$/),
        fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]\.(vn|example|gov\.vn)$/),
        fc.constantFrom(['@', '.'], [' [at] ', ' [dot] '], ['(at)', '(dot)'], [' @ ', ' . '], ['&#64;', '&#46;']),
        (local, domain, [at, dot]) => {
          const written = `${local.split('.').join(dot)}${at}${domain.split('.').join(dot)}`;
          expect(showsEmail(`Thư điện tử: ${written}, cảm ơn`, `${local}@${domain}`)).toBe(true);
        },
      ),
    );
  });
});
