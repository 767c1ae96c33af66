import { describe, expect, it } from 'vitest';
import { hasSharedScans, localFixture, parseAll, parseError, sharedScan } from '../common/testing.ts';
import { parseOpenvasXml } from './openvas-xml.ts';

describe('OpenVAS XML parser', () => {
  it('reads results with CVSS, refs, tags and host names; covers listed and result hosts', async () => {
    const { findings, skipped, events } = await parseAll(
      parseOpenvasXml,
      localFixture(import.meta.dirname, 'small.xml'),
      11,
    );
    expect(findings.map((f) => f.fingerprint)).toEqual([
      'openvas|1.3.6.1.4.1.25623.1.0.108031|192.0.2.20|443/tcp',
      'openvas|1.3.6.1.4.1.25623.1.0.105937|192.0.2.21|general',
      'openvas|1.3.6.1.4.1.25623.1.0.2|192.0.2.22|53/udp',
    ]);
    expect(findings[0]).toMatchObject({
      tool: 'OpenVAS',
      title: 'SSL/TLS: Report Vulnerable Cipher Suites for HTTPS',
      severity: 'high',
      scannerSeverity: 'High (7.5)',
      cvssScore: 7.5,
      cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
      cves: ['CVE-2016-2183', 'CVE-2016-6329'],
      cwes: ['CWE-327'],
      hostIp: '192.0.2.20',
      hostName: 'web.example.test',
      port: 443,
      protocol: 'tcp',
      description: 'The host accepts weak ciphers.',
      solution: 'Disable the weak ciphers.',
    });
    expect(findings[0]?.evidence).toContain('TLS_RSA_WITH_3DES_EDE_CBC_SHA (SWEET32)');
    expect(findings[1]).toMatchObject({ severity: 'info', scannerSeverity: 'Log (0.0)', port: null, protocol: 'tcp' });
    expect(findings[2]).toMatchObject({
      severity: 'critical',
      cves: ['CVE-2020-0001', 'CVE-2020-0002'],
      protocol: 'udp',
    });
    expect(skipped).toEqual([
      { at: 3, reason: 'scan_skip_false_positive', params: { value: 'False Positive' } },
      { at: 4, reason: 'scan_skip_missing_field', params: { field: 'nvt oid' } },
    ]);
    const hosts = events.flatMap((e) => (e.kind === 'host' ? [e.host] : []));
    expect(hosts.map((h) => h.host)).toEqual(['192.0.2.20', '192.0.2.21', '192.0.2.23', '192.0.2.22']);
    expect(hosts[0]).toEqual({ host: '192.0.2.20', hostIp: '192.0.2.20', hostName: 'web.example.test', ports: null });
    const meta = events.at(-1);
    expect(meta?.kind === 'meta' && meta.meta.startedAt?.toISOString()).toBe('2024-03-01T08:00:00.000Z');
    expect(meta?.kind === 'meta' && meta.meta.finishedAt?.toISOString()).toBe('2024-03-01T08:45:00.000Z');
  });

  it('refuses a Nessus file and a truncated report', async () => {
    expect((await parseError(parseOpenvasXml, '<NessusClientData_v2/>')).key).toBe('scan_not_format');
    const whole = localFixture(import.meta.dirname, 'small.xml');
    expect((await parseError(parseOpenvasXml, whole.subarray(0, Math.floor(whole.length * 0.9)))).key).toBe(
      'scan_truncated',
    );
  });

  it.skipIf(!hasSharedScans)('imports the DefectDojo samples: one finding per <result>', async () => {
    for (const [name, hostCount] of [
      ['openvas/one_vuln.xml', 1],
      ['openvas/many_vuln.xml', 2],
      ['openvas/no_vuln.xml', 0],
    ] as const) {
      const bytes = sharedScan(name);
      const results = bytes.toString('utf8').split('<result id=').length - 1;
      const { findings, skipped, hosts } = await parseAll(parseOpenvasXml, bytes);
      expect(findings.length + skipped.length).toBe(results);
      expect(skipped).toEqual([]);
      expect(hosts.length).toBe(hostCount);
    }
    const { findings } = await parseAll(parseOpenvasXml, sharedScan('openvas/one_vuln.xml'));
    expect(findings[0]).toMatchObject({ host: '10.0.101.2', port: null, severity: 'critical', cvssScore: 10 });
    expect(findings[0]?.cves).toHaveLength(12);
  });
});
