import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localFixture, parseAll, parseError } from '../common/testing.ts';
import { parseGenericCsv } from './generic-csv.ts';

const TEMPLATE = resolve(import.meta.dirname, '../../../../docs/guide/scan-template.csv');

describe('generic CSV template parser', () => {
  it('reads the documented sample file', async () => {
    const r = await parseAll(parseGenericCsv, readFileSync(TEMPLATE), 10);
    expect(r.skipped).toEqual([]);
    expect(r.findings.map((f) => f.fingerprint)).toEqual([
      'csv|ssh-version|192.0.2.10|22/tcp|',
      'csv|directory listing enabled|portal.example.gov.vn|443/tcp|https://portal.example.gov.vn/backup/',
      'csv|hard-coded password in script|||',
    ]);
    expect(r.findings[0]).toMatchObject({
      severity: 'high',
      cves: ['CVE-2023-38408', 'CVE-2023-48795'],
      cvssScore: 8.1,
      evidence: 'SSH-2.0-OpenSSH_8.2p1',
    });
    expect(r.findings[2]).toMatchObject({ host: null, severity: 'critical', cwes: ['CWE-798', 'CWE-259'] });
  });

  it('any column order, semicolons, CVSS as severity, and every bad row reported', async () => {
    const r = await parseAll(parseGenericCsv, localFixture(import.meta.dirname, 'rows.csv'), 6);
    expect(r.findings.map((f) => [f.fingerprint, f.severity])).toEqual([
      ['csv|cookie without secure flag|web.example.test|443/tcp|https://web.example.test/login?next&x', 'low'],
      ['csv|scored as medium|198.51.100.30||', 'medium'],
    ]);
    expect(r.findings[0]).toMatchObject({ cwes: ['CWE-614'], cves: ['CVE-2020-0001', 'CVE-2020-0002'] });
    expect(r.skipped.map((s) => [s.at, s.reason])).toEqual([
      [4, 'scan_skip_bad_severity'],
      [5, 'scan_skip_missing_field'],
      [6, 'scan_skip_bad_severity'],
      [7, 'scan_skip_bad_port'],
      [8, 'scan_skip_column_count'],
    ]);
  });

  it('refuses a file without title and severity columns, and an empty file', async () => {
    expect((await parseError(parseGenericCsv, 'name,risk\nx,high\n')).key).toBe('scan_not_format');
    expect((await parseError(parseGenericCsv, '')).key).toBe('scan_not_format');
    const missing = await parseError(parseGenericCsv, 'Title,Host\nx,1.2.3.4\n');
    expect([missing.key, missing.params]).toEqual(['scan_csv_missing_columns', { list: 'severity' }]);
    expect((await parseError(parseGenericCsv, 'title,severity\n"unclosed,high\n')).key).toBe('scan_truncated');
  });
});
