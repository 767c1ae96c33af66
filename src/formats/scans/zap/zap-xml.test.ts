import { describe, expect, it } from 'vitest';
import { hasSharedScans, localFixture, parseAll, parseError, sharedScan } from '../common/testing.ts';
import { parseZapXml } from './zap-xml.ts';

describe('ZAP XML parser', () => {
  it('gives one finding per alert instance with URL, parameter, CWE and risk', async () => {
    const { findings, skipped, events } = await parseAll(
      parseZapXml,
      localFixture(import.meta.dirname, 'small.xml'),
      10,
    );
    expect(findings.map((f) => f.fingerprint)).toEqual([
      'zap|40012|https://app.example.test/search?page&q|q',
      'zap|40012|https://app.example.test/search?page&q|q',
      'zap|10020|https://app.example.test/|X-Frame-Options',
    ]);
    expect(findings[0]).toMatchObject({
      tool: 'OWASP ZAP',
      pluginId: '40012',
      title: 'Cross Site Scripting (Reflected)',
      severity: 'high',
      scannerSeverity: 'High (Medium)',
      cwes: ['CWE-79'],
      host: 'app.example.test',
      port: 443,
      url: 'https://App.Example.test/search?q=%3Cscript%3E&page=2#top',
      parameter: 'q',
      description: 'Cross-site Scripting (XSS) is an attack technique.',
      solution: 'Encode output.',
    });
    expect(findings[0]?.evidence).toBe('Attack: <script>alert(1)</script>\n<script>alert(1)</script>');
    expect(findings[2]).toMatchObject({
      title: 'X-Frame-Options Header Not Set',
      severity: 'medium',
      cwes: ['CWE-1021'],
    });
    expect(skipped).toEqual([
      { at: 3, reason: 'scan_skip_false_positive', params: { value: 'confidence 0' } },
      { at: 4, reason: 'scan_skip_bad_severity', params: { value: '7' } },
    ]);
    const hosts = events.flatMap((e) => (e.kind === 'host' ? [e.host] : []));
    expect(hosts).toEqual([
      { host: 'app.example.test', hostIp: null, hostName: 'app.example.test', ports: [{ protocol: 'tcp', port: 443 }] },
      { host: '192.0.2.30', hostIp: '192.0.2.30', hostName: null, ports: [{ protocol: 'tcp', port: 8080 }] },
    ]);
    const meta = events.at(-1);
    expect(meta?.kind === 'meta' && meta.meta).toMatchObject({
      tool: 'OWASP ZAP',
      toolVersion: '2.14.0',
      targets: ['https://app.example.test', 'http://192.0.2.30:8080'],
    });
  });

  it('holds a bounded amount of instance detail per alert and reports the rest as skipped', async () => {
    const instance = (i: number) =>
      `<instance><uri>https://a.test/p${i}</uri><evidence>${'e'.repeat(4000)}</evidence></instance>`;
    const instances = Array.from({ length: 2200 }, (_, i) => instance(i)).join('');
    const xml = `<OWASPZAPReport><site name="https://a.test" host="a.test" port="443"><alerts><alertitem><pluginid>1</pluginid><riskcode>1</riskcode><instances>${instances}</instances><cweid>79</cweid></alertitem></alerts></site></OWASPZAPReport>`;
    const { findings, skipped } = await parseAll(parseZapXml, xml, 65536);
    expect(findings.length + skipped.length).toBe(2200);
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped[0]).toEqual({ at: 1, reason: 'scan_skip_too_many', params: { max: findings.length } });
    expect(findings.every((f) => f.cwes[0] === 'CWE-79')).toBe(true);
  });

  it('refuses other XML and truncation', async () => {
    expect((await parseError(parseZapXml, '<issues/>')).key).toBe('scan_not_format');
    expect((await parseError(parseZapXml, '<OWASPZAPReport><site name="x">')).key).toBe('scan_truncated');
  });

  it.skipIf(!hasSharedScans)('imports the DefectDojo samples: one finding per <instance>', async () => {
    for (const name of ['zap/empty_2.9.0.xml', 'zap/zap-results-first-scan.xml', 'zap/zap-results-second-scan.xml']) {
      const bytes = sharedScan(name);
      const text = bytes.toString('utf8');
      const { findings, skipped, hosts } = await parseAll(parseZapXml, bytes);
      expect(skipped).toEqual([]);
      expect(findings.length).toBe(text.split('<instance>').length - 1);
      expect(hosts.length).toBe(text.split('<site ').length - 1);
    }
    const first = await parseAll(parseZapXml, sharedScan('zap/zap-results-first-scan.xml'));
    const second = await parseAll(parseZapXml, sharedScan('zap/zap-results-second-scan.xml'));
    const a = new Set(first.findings.map((f) => f.fingerprint));
    const shared = second.findings.filter((f) => a.has(f.fingerprint));
    // the two scans of the same site share most findings: fingerprints are stable across scans
    expect(shared.length).toBeGreaterThan(0);
  });
});
