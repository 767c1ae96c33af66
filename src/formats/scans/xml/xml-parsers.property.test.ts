import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBurpXml } from '../burp/burp-xml.ts';
import { localFixture, outcome, parseAll } from '../common/testing.ts';
import { parseNessusXml } from '../nessus/nessus-xml.ts';
import { parseNmapXml } from '../nmap/nmap-xml.ts';
import { parseOpenvasXml } from '../openvas/openvas-xml.ts';
import { EVIDENCE_MAX, type ScanParser, TEXT_MAX } from '../types.ts';
import { parseZapXml } from '../zap/zap-xml.ts';

type Case = { name: string; parser: ScanParser; sample: Buffer; prefix: string };
const fixture = (dir: string, file: string) => localFixture(resolve(import.meta.dirname, '..', dir), file);
const CASES: Case[] = [
  { name: 'nessus', parser: parseNessusXml, sample: fixture('nessus', 'small.nessus'), prefix: 'nessus|' },
  { name: 'openvas', parser: parseOpenvasXml, sample: fixture('openvas', 'small.xml'), prefix: 'openvas|' },
  { name: 'nmap', parser: parseNmapXml, sample: fixture('nmap', 'small.xml'), prefix: 'nmap|' },
  { name: 'zap', parser: parseZapXml, sample: fixture('zap', 'small.xml'), prefix: 'zap|' },
  { name: 'burp', parser: parseBurpXml, sample: fixture('burp', 'small.xml'), prefix: 'burp|' },
];
const OUTCOMES = [
  'ok',
  'scan_not_format',
  'scan_truncated',
  'scan_malformed',
  'scan_entities_refused',
  'scan_bad_encoding',
];

/** From the end of the root's start tag to its end tag: a cut anywhere in between is a truncation. */
function rootSpan(sample: Buffer, root: string): [number, number] {
  return [sample.indexOf('>', sample.indexOf(`<${root}`)) + 1, sample.lastIndexOf(`</${root}>`)];
}
const ROOTS: Record<string, string> = {
  nessus: 'NessusClientData_v2',
  openvas: 'get_reports_response',
  nmap: 'nmaprun',
  zap: 'OWASPZAPReport',
  burp: 'issues',
};

describe.each(CASES)('$name XML parser (property)', ({ name, parser, sample, prefix }) => {
  it('random bytes: events or a clean ScanFormatError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
        expect(OUTCOMES).toContain(await outcome(parser, bytes));
      }),
      { numRuns: 100 },
    );
  });

  it('a file cut inside the root element is always "truncated"', async () => {
    const [start, end] = rootSpan(sample, ROOTS[name] as string);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: start, max: end }), async (at) => {
        expect(await outcome(parser, sample.subarray(0, at))).toBe('scan_truncated');
      }),
      { numRuns: 60 },
    );
  });

  it('flipped bytes: events or a clean error; findings keep their limits', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: sample.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        async (flips) => {
          const bytes = Buffer.from(sample);
          for (const [at, value] of flips) bytes[at] = value;
          const result = await outcome(parser, bytes);
          expect(OUTCOMES).toContain(result);
          if (result !== 'ok') return;
          const { findings } = await parseAll(parser, bytes);
          for (const f of findings) {
            expect(f.fingerprint.startsWith(prefix)).toBe(true);
            expect((f.evidence ?? '').length).toBeLessThanOrEqual(EVIDENCE_MAX);
            expect((f.description ?? '').length).toBeLessThanOrEqual(TEXT_MAX);
            for (const cve of f.cves) expect(cve).toMatch(/^CVE-\d{4}-\d{4,}$/);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('an entity declaration put before the root is always refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 50_000 }), fc.constantFrom('', '%'), async (size, kind) => {
        const text = sample.toString('utf8');
        const decl = text.startsWith('<?xml') ? text.indexOf('?>') + 2 : 0;
        const doctype = `<!DOCTYPE x [<!ENTITY ${kind} a "${'a'.repeat(size)}">]>`;
        const bytes = Buffer.from(text.slice(0, decl) + doctype + text.slice(decl));
        expect(await outcome(parser, bytes, 1024)).toBe('scan_entities_refused');
      }),
      { numRuns: 20 },
    );
  });
});

/** A Nessus file of `items` report items, generated on the fly (never held whole). */
async function* bigNessus(items: number): AsyncGenerator<Uint8Array> {
  yield Buffer.from('<?xml version="1.0" ?>\n<NessusClientData_v2><Report name="big">');
  const output = 'x'.repeat(300);
  for (let i = 0; i < items; i++) {
    let chunk = '';
    if (i % 20 === 0) {
      if (i > 0) chunk += '</ReportHost>';
      const h = i / 20;
      chunk += `<ReportHost name="10.${(h >> 16) & 255}.${(h >> 8) & 255}.${h & 255}"><HostProperties><tag name="host-ip">10.${(h >> 16) & 255}.${(h >> 8) & 255}.${h & 255}</tag></HostProperties>`;
    }
    chunk += `<ReportItem port="443" svc_name="www" protocol="tcp" severity="${i % 5}" pluginID="${10000 + (i % 20)}" pluginName="Plugin ${i % 20}"><description>A description of the weakness that is long enough to look real.</description><solution>Upgrade.</solution><cvss3_base_score>7.5</cvss3_base_score><cve>CVE-2024-${1000 + (i % 20)}</cve><plugin_output>${output}</plugin_output></ReportItem>\n`;
    yield Buffer.from(chunk);
  }
  yield Buffer.from('</ReportHost></Report></NessusClientData_v2>');
}

describe('Nessus XML parser on a large generated file', () => {
  it('streams 100k report items (~60 MB) with bounded heap', async () => {
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    let findings = 0;
    let hosts = 0;
    for await (const event of parseNessusXml(bigNessus(100_000))) {
      if (event.kind === 'finding') findings++;
      if (event.kind === 'host') hosts++;
      if (findings % 5000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
    expect([findings, hosts]).toEqual([100_000, 5000]);
    expect(peak).toBeLessThan(150 * 1024 * 1024);
  });
});
