import { describe, expect, it } from 'vitest';
import { hasSharedScans, localFixture, parseAll, parseError, sharedScan } from '../common/testing.ts';
import { EVIDENCE_MAX } from '../types.ts';
import { parseBurpXml } from './burp-xml.ts';

describe('Burp XML parser', () => {
  it('reads issues with URL, parameter, CWE, severity and a capped request as evidence', async () => {
    const { findings, skipped, events } = await parseAll(
      parseBurpXml,
      localFixture(import.meta.dirname, 'small.xml'),
      64,
    );
    expect(findings.map((f) => f.fingerprint)).toEqual([
      'burp|1049088|https://shop.example.test/login|password',
      'burp|5245344|http://intranet.example.test:8080/|',
    ]);
    const sqli = findings[0];
    expect(sqli).toMatchObject({
      tool: 'Burp Suite',
      pluginId: '1049088',
      title: 'SQL injection',
      severity: 'high',
      scannerSeverity: 'High (Certain)',
      cwes: ['CWE-89', 'CWE-94'],
      host: '192.0.2.40',
      hostIp: '192.0.2.40',
      hostName: 'shop.example.test',
      port: 443,
      url: 'https://shop.example.test/login',
      parameter: 'password',
      solution: 'Use parameterized queries.',
    });
    expect(sqli?.description).toContain('arise when user-controllable data');
    expect(sqli?.evidence?.startsWith('The password parameter appears to be vulnerable.\n\nPOST /login HTTP/1.1')).toBe(
      true,
    );
    expect(sqli?.evidence?.length).toBe(EVIDENCE_MAX);
    expect(sqli?.evidence).not.toContain('SQL syntax error');
    expect(findings[1]).toMatchObject({ severity: 'info', host: 'intranet.example.test', hostIp: null, port: 8080 });
    expect(findings[1]?.evidence).toBe('GET / HTTP/1.1');
    expect(skipped).toEqual([
      { at: 3, reason: 'scan_skip_false_positive', params: { value: 'False positive' } },
      { at: 4, reason: 'scan_skip_missing_field', params: { field: 'type' } },
    ]);
    const hosts = events.flatMap((e) => (e.kind === 'host' ? [e.host] : []));
    expect(hosts.map((h) => [h.host, h.ports])).toEqual([
      ['192.0.2.40', [{ protocol: 'tcp', port: 443 }]],
      ['intranet.example.test', [{ protocol: 'tcp', port: 8080 }]],
    ]);
    const meta = events.at(-1);
    expect(meta?.kind === 'meta' && meta.meta.toolVersion).toBe('2023.10.3');
  });

  it('accepts the element-only DOCTYPE Burp writes but refuses one declaring entities', async () => {
    const ok = await parseAll(parseBurpXml, '<!DOCTYPE issues [<!ELEMENT issues (issue*)>]><issues/>');
    expect(ok.findings).toEqual([]);
    const bomb = '<!DOCTYPE issues [<!ENTITY x SYSTEM "file:///etc/passwd">]><issues>&x;</issues>';
    expect((await parseError(parseBurpXml, bomb)).key).toBe('scan_entities_refused');
  });

  it.skipIf(!hasSharedScans)('imports the DefectDojo samples: one finding per <issue>', async () => {
    for (const name of ['burp/one_finding.xml', 'burp/seven_findings.xml']) {
      const bytes = sharedScan(name);
      const { findings, skipped } = await parseAll(parseBurpXml, bytes);
      expect(skipped).toEqual([]);
      expect(findings.length).toBe(bytes.toString('utf8').split('<issue>').length - 1);
      for (const f of findings) expect((f.evidence ?? '').length).toBeLessThanOrEqual(EVIDENCE_MAX);
    }
  });
});
