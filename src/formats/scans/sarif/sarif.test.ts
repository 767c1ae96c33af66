import { describe, expect, it } from 'vitest';
import { hasSharedScans, localFixture, parseAll, parseError, sharedScan } from '../common/testing.ts';
import { parseSarif } from './sarif.ts';

describe('SARIF parser', () => {
  it('host-less findings located by uri:line; rules give titles, severities and CWEs', async () => {
    const r = await parseAll(parseSarif, localFixture(import.meta.dirname, 'results.sarif'), 23);
    expect(r.events[0]).toMatchObject({ kind: 'meta', meta: { tool: 'CodeQL', toolVersion: '2.16.0' } });
    expect(r.findings.map((f) => [f.fingerprint, f.severity])).toEqual([
      ['sarif|CodeQL|js/sql-injection|src/db.js:42', 'high'],
      ['sarif|CodeQL|js/unused-local-variable|src/a.js:3', 'low'],
      ['sarif|CodeQL|ext/rule|pkg.Module.fn', 'critical'],
      ['sarif|CodeQL|CVE-2023-1234|package-lock.json', 'medium'],
      ['sarif|Semgrep|python.flask.debug|app.py:9', 'high'],
    ]);
    expect(r.findings[0]).toMatchObject({
      title: 'Database query built from user-controlled sources',
      scannerSeverity: 'error (security-severity 8.8)',
      cwes: ['CWE-89'],
      host: null,
      location: 'src/db.js:42',
      evidence: 'db.query(sql + id)',
      solution: 'Use parameters.\nhttps://codeql.example.test/sql',
    });
    expect(r.findings[0]?.description).toContain('Query depends on a user-provided value.');
    expect(r.findings[3]?.cves).toEqual(['CVE-2023-1234']);
    expect(r.hosts).toEqual([]);
    expect(r.skipped).toEqual([
      { at: 4, reason: 'scan_skip_not_failure', params: { kind: 'pass' } },
      { at: 6, reason: 'scan_skip_bad_record' },
    ]);
  });

  it('no runs is zero findings; other JSON, truncation and bad UTF-8 are refused', async () => {
    const empty = await parseAll(parseSarif, '{"version":"2.1.0","runs":[]}');
    expect(empty.findings).toEqual([]);
    expect(empty.events).toHaveLength(1);
    expect((await parseError(parseSarif, '{"site":[]}')).key).toBe('scan_not_format');
    const text = localFixture(import.meta.dirname, 'results.sarif').toString('utf8');
    expect((await parseError(parseSarif, text.slice(0, 2000))).key).toBe('scan_truncated');
    const bad = Buffer.concat([
      Buffer.from('{"version":"2.1.0","runs":[{"x":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}]}'),
    ]);
    expect((await parseError(parseSarif, bad)).key).toBe('scan_bad_encoding');
  });

  it.skipIf(!hasSharedScans)('DefectDojo samples: one finding per result; no runs → none', async () => {
    const bytes = sharedScan('sarif/bash-report.sarif');
    const doc = JSON.parse(bytes.toString('utf8')) as { runs: { results: unknown[] }[] };
    const r = await parseAll(parseSarif, bytes);
    expect(r.findings).toHaveLength(doc.runs.reduce((n, run) => n + run.results.length, 0));
    expect(r.findings.every((f) => f.tool === 'Shell Script Analysis' && f.location)).toBe(true);
    expect((await parseAll(parseSarif, sharedScan('sarif/no_runs.sarif'))).findings).toEqual([]);
  });
});
