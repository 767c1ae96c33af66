import { describe, expect, it } from 'vitest';
import { hasSharedScans, localFixture, parseAll, parseError, sharedScan } from '../common/testing.ts';
import { parseNessusXml } from './nessus-xml.ts';

const count = (bytes: Buffer, tag: string) => bytes.toString('utf8').split(`<${tag} `).length - 1;

describe('Nessus XML parser', () => {
  it('reads report items, hosts, CVSS, CVEs, CWEs and skips bad items with a reason', async () => {
    const { findings, skipped, events } = await parseAll(
      parseNessusXml,
      localFixture(import.meta.dirname, 'small.nessus'),
      17,
    );
    expect(findings.map((f) => f.fingerprint)).toEqual([
      'nessus|19506|192.0.2.10|general',
      'nessus|42873|192.0.2.10|443/tcp',
      'nessus|41028|db01.example.test|161/udp',
    ]);
    const sweet = findings[1];
    expect(sweet).toMatchObject({
      tool: 'Nessus',
      pluginId: '42873',
      severity: 'high',
      scannerSeverity: 'High',
      cvssScore: 7.5,
      cvssVector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
      cves: ['CVE-2016-2183', 'CVE-2016-6329'],
      cwes: ['CWE-327'],
      host: '192.0.2.10',
      hostIp: '192.0.2.10',
      hostName: 'web01.example.test',
      port: 443,
      protocol: 'tcp',
      service: 'www',
      solution: 'Reconfigure the affected application.',
      evidence: 'Medium Strength Ciphers : DES-CBC3-SHA & more',
    });
    expect(sweet?.description).toContain('medium strength SSL ciphers.\n\nThe remote host');
    expect(findings[0]).toMatchObject({ severity: 'info', port: null, scannerSeverity: 'None' });
    expect(findings[2]).toMatchObject({
      severity: 'critical',
      hostIp: null,
      hostName: 'db01.example.test',
      cvssScore: 10,
    });
    expect(skipped).toEqual([
      { at: 3, reason: 'scan_skip_bad_severity', params: { value: '9' } },
      { at: 5, reason: 'scan_skip_missing_field', params: { field: 'pluginID' } },
    ]);
    const hosts = events.flatMap((e) => (e.kind === 'host' ? [e.host] : []));
    expect(hosts).toEqual([
      { host: '192.0.2.10', hostIp: '192.0.2.10', hostName: 'web01.example.test', ports: null },
      { host: 'db01.example.test', hostIp: null, hostName: 'db01.example.test', ports: null },
    ]);
    const meta = events.at(-1);
    expect(meta?.kind === 'meta' && meta.meta).toMatchObject({
      tool: 'Nessus',
      toolVersion: '10.4.2',
      targets: ['192.0.2.10', 'www.example.test'],
    });
    expect(meta?.kind === 'meta' && meta.meta.startedAt?.getFullYear()).toBe(2013);
  });

  it('refuses other XML, truncation and entity declarations', async () => {
    expect((await parseError(parseNessusXml, '<?xml version="1.0"?><nmaprun></nmaprun>')).key).toBe('scan_not_format');
    const whole = localFixture(import.meta.dirname, 'small.nessus');
    expect((await parseError(parseNessusXml, whole.subarray(0, whole.length - 40))).key).toBe('scan_truncated');
    const bomb = `<?xml version="1.0"?><!DOCTYPE NessusClientData_v2 [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><NessusClientData_v2>&b;</NessusClientData_v2>`;
    expect((await parseError(parseNessusXml, bomb)).key).toBe('scan_entities_refused');
  });

  it.skipIf(!hasSharedScans)(
    'imports the DefectDojo samples: one finding per ReportItem, one host per ReportHost',
    async () => {
      for (const name of ['nessus/nessus_many_vuln.xml', 'nessus/nessus_v_unknown.xml']) {
        const bytes = sharedScan(name);
        const { findings, skipped, hosts } = await parseAll(parseNessusXml, bytes);
        expect(findings.length + skipped.length).toBe(count(bytes, 'ReportItem'));
        expect(skipped).toEqual([]);
        expect(hosts.length).toBe(count(bytes, 'ReportHost'));
      }
      const { findings, hosts } = await parseAll(parseNessusXml, sharedScan('nessus/nessus_v_unknown.xml'));
      expect(hosts).toContain('10.31.112.29');
      const text = sharedScan('nessus/nessus_v_unknown.xml').toString('utf8');
      expect(findings.filter((f) => f.severity === 'info').length).toBe(text.split('severity="0"').length - 1);
      const itemsWithCve = text.split('<ReportItem ').filter((item) => item.includes('<cve>')).length;
      expect(findings.filter((f) => f.cves.length > 0).length).toBe(itemsWithCve);
      expect(itemsWithCve).toBeGreaterThan(0);
    },
  );
});
