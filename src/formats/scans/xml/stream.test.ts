import { describe, expect, it } from 'vitest';
import { chunked } from '../common/testing.ts';
import { type ScanEvent, ScanFormatError, type ScanParser } from '../types.ts';
import { finding } from './fields.ts';
import { streamXml, type XmlVisitor } from './stream.ts';

/** A minimal format: <list><item>text</item>…</list>; each item becomes a finding titled by its text. */
const visitor = (): XmlVisitor => ({
  format: 'nessus',
  roots: ['list'],
  keepText: (el) => (el.name === 'item' ? 10 : 0),
  close: (el, emit) => {
    if (el.name !== 'item') return;
    emit({ kind: 'finding', finding: finding({ tool: 't', title: el.text, severity: 'info', fingerprint: el.text }) });
  },
});
const parse: ScanParser = (input) => streamXml(input, visitor());

async function titles(bytes: Uint8Array, size = 5): Promise<string[]> {
  const out: ScanEvent[] = [];
  for await (const e of parse(chunked(bytes, size))) out.push(e);
  return out.flatMap((e) => (e.kind === 'finding' ? [e.finding.title] : []));
}

async function errorOf(bytes: Uint8Array | string, size = 5): Promise<ScanFormatError> {
  try {
    await titles(typeof bytes === 'string' ? Buffer.from(bytes) : bytes, size);
  } catch (e) {
    expect(e).toBeInstanceOf(ScanFormatError);
    return e as ScanFormatError;
  }
  throw new Error('expected an error');
}

describe('streaming XML helper', () => {
  it('gives the same result whatever the chunk size, and caps kept text', async () => {
    const xml = Buffer.from(
      '<?xml version="1.0"?><list><item>Điểm yếu</item><item><![CDATA[a<b]]> &amp; c</item><item>0123456789ABC</item></list>',
    );
    for (const size of [1, 2, 3, 7, 1000]) {
      expect(await titles(xml, size)).toEqual(['Điểm yếu', 'a<b & c', '0123456789']);
    }
  });

  it('decodes the encoding the XML declaration names, and UTF-16 by its BOM', async () => {
    const latin1 = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><list><item>caf'),
      Buffer.from([0xe9]),
      Buffer.from('</item></list>'),
    ]);
    expect(await titles(latin1)).toEqual(['café']);
    const win1258 = Buffer.concat([
      Buffer.from("<?xml version='1.0' encoding='windows-1258'?><list><item>"),
      Buffer.from([0xd0, 0xe3]),
      Buffer.from('</item></list>'),
    ]);
    expect(await titles(win1258)).toEqual(['Đă']);
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('<list><item>Hà Nội</item></list>', 'utf16le'),
    ]);
    expect(await titles(utf16, 3)).toEqual(['Hà Nội']);
  });

  it('refuses invalid UTF-8 and unknown encodings', async () => {
    const bad = Buffer.concat([Buffer.from('<list><item>'), Buffer.from([0xc3, 0x28]), Buffer.from('</item></list>')]);
    expect((await errorOf(bad)).key).toBe('scan_bad_encoding');
    const unknown = await errorOf('<?xml version="1.0" encoding="x-klingon"?><list/>');
    expect([unknown.key, unknown.params]).toEqual(['scan_bad_encoding', { encoding: 'x-klingon' }]);
  });

  it('tells not-this-format, truncated, malformed and entity declarations apart', async () => {
    expect((await errorOf('')).key).toBe('scan_not_format');
    expect((await errorOf('{"site": []}')).key).toBe('scan_not_format');
    expect((await errorOf('<other/>')).params).toEqual({ format: 'nessus' });
    expect((await errorOf('<list><item>a</item>')).key).toBe('scan_truncated');
    expect((await errorOf('<list><item>a</it')).key).toBe('scan_truncated');
    // a multi-byte character cut by the end of the file
    expect((await errorOf(Buffer.from('<list><item>Đ', 'utf8').subarray(0, 13))).key).toBe('scan_truncated');
    const wrong = await errorOf('<list>\n<item>a</wrong></list>');
    expect(wrong.key).toBe('scan_malformed');
    expect(wrong.params.at).toMatch(/^2:\d+$/);
    expect((await errorOf('<list><item>&undefined;</item></list>')).key).toBe('scan_malformed');
    expect((await errorOf('<list></list><list/>')).key).toBe('scan_malformed');
    const laughs = `<?xml version="1.0"?><!DOCTYPE list [<!ENTITY a "${'a'.repeat(100)}">${Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&${i === 0 ? 'a' : `l${i}`};`.repeat(10)}">`).join('')}]><list><item>&l9;</item></list>`;
    expect((await errorOf(laughs)).key).toBe('scan_entities_refused');
    expect((await errorOf('<!DOCTYPE list [<!ENTITY % p SYSTEM "http://x/">%p;]><list/>')).key).toBe(
      'scan_entities_refused',
    );
  });

  it('bounds what saxes would buffer: the prolog, nesting depth and one text run', async () => {
    expect((await errorOf(`<!-- ${'x'.repeat(1_100_000)} --><list/>`, 65536)).key).toBe('scan_not_format');
    expect((await errorOf(`<list>${'<a>'.repeat(300)}`)).key).toBe('scan_malformed');
    const big = Buffer.alloc(33 * 1024 * 1024 + 20, 'x');
    big.write('<list><item>', 0);
    const err = await errorOf(big, 65536);
    expect([err.key, err.params.detail]).toEqual(['scan_malformed', 'text node too long']);
  });
});
