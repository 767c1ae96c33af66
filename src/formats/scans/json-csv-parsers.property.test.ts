import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localFixture, outcome, parseAll } from './common/testing.ts';
import { parseGenericCsv } from './csv/generic-csv.ts';
import { detectScanFormat } from './detect.ts';
import { SCAN_PARSERS } from './index.ts';
import { parseNessusCsv } from './nessus/nessus-csv.ts';
import { parseNuclei } from './nuclei/nuclei.ts';
import { parseOpenvasCsv } from './openvas/openvas-csv.ts';
import { parseSarif } from './sarif/sarif.ts';
import type { ScanFormat, ScanParser } from './types.ts';
import { parseZapJson } from './zap/zap-json.ts';

const here = import.meta.dirname;
const SAMPLES: { name: string; format: ScanFormat; parser: ScanParser; bytes: Buffer }[] = [
  {
    name: 'nessus csv',
    format: 'nessus-csv',
    parser: parseNessusCsv,
    bytes: localFixture(`${here}/nessus`, 'classic.csv'),
  },
  {
    name: 'openvas csv',
    format: 'openvas-csv',
    parser: parseOpenvasCsv,
    bytes: localFixture(`${here}/openvas`, 'results.csv'),
  },
  {
    name: 'nuclei jsonl',
    format: 'nuclei',
    parser: parseNuclei,
    bytes: localFixture(`${here}/nuclei`, 'results.jsonl'),
  },
  {
    name: 'nuclei array',
    format: 'nuclei',
    parser: parseNuclei,
    bytes: localFixture(`${here}/nuclei`, 'results.json'),
  },
  { name: 'zap json', format: 'zap', parser: parseZapJson, bytes: localFixture(`${here}/zap`, 'report.json') },
  { name: 'sarif', format: 'sarif', parser: parseSarif, bytes: localFixture(`${here}/sarif`, 'results.sarif') },
  { name: 'generic csv', format: 'csv', parser: parseGenericCsv, bytes: localFixture(`${here}/csv`, 'rows.csv') },
];
const ERRORS = [
  'ok',
  'scan_not_format',
  'scan_csv_missing_columns',
  'scan_truncated',
  'scan_malformed',
  'scan_bad_encoding',
];
const BOMB = Buffer.from(`<!DOCTYPE x [<!ENTITY a "${'a'.repeat(200)}"><!ENTITY b "&a;&a;&a;&a;">]>`);

/** A mutation of a valid file: cut short, bytes overwritten, or an entity declaration spliced in. */
const mutation = (bytes: Buffer) =>
  fc.oneof(
    fc.nat({ max: bytes.length - 1 }).map((at) => bytes.subarray(0, at)),
    fc
      .array(fc.tuple(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 6,
      })
      .map((flips) => {
        const copy = Buffer.from(bytes);
        for (const [at, value] of flips) copy[at] = value;
        return copy;
      }),
    fc.nat({ max: bytes.length }).map((at) => Buffer.concat([bytes.subarray(0, at), BOMB, bytes.subarray(at)])),
  );

describe('CSV/JSON scan parsers (property)', () => {
  for (const sample of SAMPLES) {
    it(`${sample.name}: random bytes and mutations give events or a ScanFormatError, never a crash or a hang`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.uint8Array({ maxLength: 600 }).map((a) => Buffer.from(a)),
            mutation(sample.bytes),
          ),
          fc.integer({ min: 1, max: 64 }),
          async (bytes, size) => {
            expect(ERRORS).toContain(await outcome(sample.parser, bytes, size));
          },
        ),
        { numRuns: 60 },
      );
    });
  }

  it('parseScan dispatches ZAP JSON and XML by content', async () => {
    const json = await parseAll(SCAN_PARSERS.zap, SAMPLES[4]?.bytes ?? '');
    expect(json.findings.length).toBeGreaterThan(0);
    const xml =
      '<?xml version="1.0"?><OWASPZAPReport version="2.9.0"><site name="https://a.test" host="a.test" port="443" ssl="true"><alerts></alerts></site></OWASPZAPReport>';
    expect((await parseAll(SCAN_PARSERS.zap, xml)).hosts).toEqual(['a.test']);
  });

  it('generic CSV: every generated row is a finding or a reported skip, whatever the cell text', async () => {
    const cellText = fc.string({ unit: fc.constantFrom(...'aZ9 ,;"\'\r\n\tđ€<&=-'), maxLength: 12 });
    const row = fc.record({
      title: cellText,
      severity: fc.oneof(fc.constantFrom('info', 'Low', 'MEDIUM', 'high', 'critical', '7.5', 'bogus', ''), cellText),
      host: cellText,
      port: fc.oneof(fc.constantFrom('', '22', '65536', 'x'), cellText),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 15 }), async (rows) => {
        const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
        const lines = [
          'title,severity,host,port',
          ...rows.map((r) => [r.title, r.severity, r.host, r.port].map(quote).join(',')),
        ];
        const parsed = await parseAll(parseGenericCsv, `${lines.join('\r\n')}\r\n`, 5);
        const blank = rows.filter((r) => [r.title, r.severity, r.host, r.port].every((c) => !c.trim())).length;
        expect(parsed.findings.length + parsed.skipped.length).toBe(rows.length - blank);
        for (const f of parsed.findings) expect(f.fingerprint.startsWith('csv|')).toBe(true);
      }),
      { numRuns: 80 },
    );
  });
});

describe('scan format detection (property)', () => {
  it('never throws on random bytes or mutated samples', () => {
    const any = fc.oneof(
      fc.uint8Array({ maxLength: 800 }).map((a) => Buffer.from(a)),
      ...SAMPLES.map((s) => mutation(s.bytes)),
    );
    fc.assert(
      fc.property(any, fc.option(fc.string({ maxLength: 20 }), { nil: undefined }), (bytes, name) => {
        const format = detectScanFormat(bytes, name);
        expect(format === null || typeof format === 'string').toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('any head that holds the header line or first keys names the right format', () => {
    for (const sample of SAMPLES) {
      fc.assert(
        fc.property(fc.integer({ min: 200, max: sample.bytes.length }), (length) => {
          expect(detectScanFormat(sample.bytes.subarray(0, length))).toBe(sample.format);
        }),
        { numRuns: 30 },
      );
    }
  });
});

describe('bounded memory', () => {
  it('a generated 50 MB Nuclei JSON array streams with a flat heap', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const pad = 'x'.repeat(300);
    async function* stream() {
      yield Buffer.from('[');
      let bytes = 0;
      for (let i = 0; bytes < 50e6; ) {
        let chunk = '';
        for (let k = 0; k < 200; k++, i++) {
          const result = {
            'template-id': `t${i % 50}`,
            info: { name: 'n', severity: 'low', description: pad },
            host: `10.0.${i % 200}.${i % 250}`,
          };
          chunk += `${i ? ',' : ''}${JSON.stringify(result)}`;
        }
        bytes += chunk.length;
        yield Buffer.from(chunk);
      }
      yield Buffer.from(']');
    }
    let findings = 0;
    let early = 0;
    for await (const e of parseNuclei(stream())) {
      if (e.kind !== 'finding') continue;
      findings++;
      if (findings === 10_000) {
        gc();
        early = process.memoryUsage().heapUsed;
      }
    }
    gc();
    const growth = process.memoryUsage().heapUsed - early;
    expect(findings).toBeGreaterThan(100_000);
    expect(growth).toBeLessThan(30e6);
  });
});
