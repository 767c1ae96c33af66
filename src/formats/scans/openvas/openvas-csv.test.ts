import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { hasSharedScans, localFixture, parseAll, parseError, sharedScan } from '../common/testing.ts';
import { parseOpenvasCsv } from './openvas-csv.ts';

describe('OpenVAS CSV parser', () => {
  it('reads results: CVSS decides severity, empty port is host-level, CVE lists split', async () => {
    const r = await parseAll(parseOpenvasCsv, localFixture(import.meta.dirname, 'results.csv'), 11);
    expect(r.events[0]).toMatchObject({
      kind: 'meta',
      meta: { tool: 'OpenVAS', startedAt: new Date('2024-03-01T10:00:00Z') },
    });
    expect(r.findings.map((f) => [f.fingerprint, f.severity])).toEqual([
      ['openvas|1.3.6.1.4.1.25623.1.0.103936|198.51.100.5|443/tcp', 'high'],
      ['openvas|1.3.6.1.4.1.25623.1.0.105937|198.51.100.5|general', 'info'],
      ['openvas|1.3.6.1.4.1.25623.1.0.105611|198.51.100.6|22/tcp', 'medium'],
    ]);
    expect(r.findings[0]).toMatchObject({
      hostName: 'web01.example.test',
      cves: ['CVE-2014-0160'],
      evidence: 'Vulnerable: yes',
      solution: 'Update OpenSSL.',
      cvssScore: 7.5,
    });
    expect(r.findings[2]?.cves).toEqual(['CVE-2008-5161', 'CVE-2010-0001']);
    expect(r.hosts).toEqual(['198.51.100.5', '198.51.100.6']);
    expect(r.skipped).toEqual([{ at: 5, reason: 'scan_skip_missing_field', params: { field: 'NVT OID' } }]);
  });

  it('refuses other CSVs and non-UTF-8 text', async () => {
    expect((await parseError(parseOpenvasCsv, 'a,b\n1,2\n')).key).toBe('scan_not_format');
    const latin1 = Buffer.from('IP,Port,NVT Name,NVT OID\n1.2.3.4,80,Caf\xe9,1.3\n', 'latin1');
    expect((await parseError(parseOpenvasCsv, latin1)).key).toBe('scan_bad_encoding');
  });

  it.skipIf(!hasSharedScans)('DefectDojo sample: one finding per result row', async () => {
    const bytes = sharedScan('openvas/many_vuln.csv');
    const rows: string[][] = parse(bytes);
    const r = await parseAll(parseOpenvasCsv, bytes);
    expect(r.skipped).toEqual([]);
    expect(r.findings).toHaveLength(rows.length - 1);
    expect(r.findings.every((f) => f.host === rows[1]?.[0])).toBe(true);
  });
});
