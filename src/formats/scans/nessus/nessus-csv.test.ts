import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { hasSharedScans, localFixture, parseAll, parseError, sharedScan } from '../common/testing.ts';
import { parseNessusCsv } from './nessus-csv.ts';
import { parseNessusXml } from './nessus-xml.ts';

describe('Nessus CSV parser', () => {
  it('reads a classic export: merges the per-CVE rows, keeps host-level results, reports bad rows', async () => {
    const r = await parseAll(parseNessusCsv, localFixture(import.meta.dirname, 'classic.csv'), 9);
    expect(r.events[0]).toMatchObject({ kind: 'meta', meta: { tool: 'Nessus' } });
    expect(r.findings.map((f) => f.fingerprint)).toEqual([
      'nessus|97833|192.0.2.10|445/tcp',
      'nessus|19506|192.0.2.10|general',
      'nessus|10863|www.example.test|443/tcp',
    ]);
    const [ms17, info, cert] = r.findings;
    expect(ms17).toMatchObject({
      severity: 'critical',
      scannerSeverity: 'Critical',
      cves: ['CVE-2017-0143', 'CVE-2017-0144'],
      cvssScore: 8.1,
      port: 445,
      protocol: 'tcp',
      hostIp: '192.0.2.10',
      evidence: 'Plugin output line\nsecond line',
      solution: 'Apply MS17-010.',
    });
    expect(ms17?.description).toContain('Multiple RCE in SMBv1.');
    expect(info).toMatchObject({ severity: 'info', port: null, scannerSeverity: 'None' });
    expect(cert).toMatchObject({ host: 'www.example.test', hostName: 'www.example.test', hostIp: null });
    expect(r.hosts).toEqual(['192.0.2.10', 'www.example.test']);
    expect(r.skipped.map((s) => [s.at, s.reason])).toEqual([
      [6, 'scan_skip_missing_field'],
      [7, 'scan_skip_bad_port'],
      [8, 'scan_skip_bad_severity'],
    ]);
  });

  it('refuses a CSV without the Nessus columns, and a file cut inside a quoted cell', async () => {
    expect((await parseError(parseNessusCsv, 'a,b\nx,high\n')).key).toBe('scan_not_format');
    const partial = await parseError(parseNessusCsv, 'Plugin ID,Host,Risk\n1,1.2.3.4,High\n');
    expect([partial.key, partial.params]).toEqual(['scan_csv_missing_columns', { list: 'Name, Port' }]);
    const cut = localFixture(import.meta.dirname, 'classic.csv').toString('utf8');
    const inQuote = cut.indexOf('second line');
    expect((await parseError(parseNessusCsv, cut.slice(0, inQuote))).key).toBe('scan_truncated');
  });

  it.skipIf(!hasSharedScans)(
    'DefectDojo sample (Tenable.sc layout): one finding per plugin/host/port row',
    async () => {
      const bytes = sharedScan('nessus/nessus_many_vuln.csv');
      const rows: string[][] = parse(bytes, { relax_column_count: true });
      const header = rows[0] ?? [];
      const [plugin, ip, port, proto] = ['Plugin', 'IP Address', 'Port', 'Protocol'].map((h) => header.indexOf(h));
      const keys = new Set(
        rows
          .slice(1)
          .filter((row) => row[plugin as number])
          .map((row) => `${row[plugin as number]}|${row[ip as number]}|${row[port as number]}/${row[proto as number]}`),
      );
      const r = await parseAll(parseNessusCsv, bytes);
      expect(r.skipped).toEqual([]);
      expect(r.findings).toHaveLength(keys.size);
      expect(new Set(r.findings.map((f) => f.fingerprint)).size).toBe(keys.size);
      expect(r.findings[0]).toMatchObject({ pluginId: '35291', cves: ['CVE-2004-2761'], cwes: ['CWE-310'] });
    },
  );

  it('gives the same fingerprints and severities as the .nessus XML of the same results', async () => {
    const xml = `<?xml version="1.0" ?><NessusClientData_v2><Report name="r">
<ReportHost name="192.0.2.10"><HostProperties><tag name="host-ip">192.0.2.10</tag></HostProperties>
<ReportItem port="445" svc_name="cifs" protocol="tcp" severity="4" pluginID="97833" pluginName="MS17-010" pluginFamily="Windows">
<risk_factor>Critical</risk_factor><cve>CVE-2017-0143</cve><cve>CVE-2017-0144</cve></ReportItem>
<ReportItem port="0" svc_name="general" protocol="tcp" severity="0" pluginID="19506" pluginName="Nessus Scan Information" pluginFamily="Settings">
<risk_factor>None</risk_factor></ReportItem></ReportHost></Report></NessusClientData_v2>`;
    const fromXml = await parseAll(parseNessusXml, xml);
    const fromCsv = await parseAll(parseNessusCsv, localFixture(import.meta.dirname, 'classic.csv'));
    const key = (r: typeof fromXml) =>
      r.findings.filter((f) => f.host === '192.0.2.10').map((f) => [f.fingerprint, f.severity, f.cves, f.port]);
    expect(key(fromCsv)).toEqual(key(fromXml));
    expect(key(fromCsv)).toHaveLength(2);
  });
});
