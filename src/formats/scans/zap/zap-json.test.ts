import { describe, expect, it } from 'vitest';
import { localFixture, parseAll, parseError } from '../common/testing.ts';
import { parseZapJson } from './zap-json.ts';
import { parseZapXml } from './zap-xml.ts';

describe('ZAP JSON parser', () => {
  it('one finding per alert instance; query values do not split fingerprints; sites are covered', async () => {
    const r = await parseAll(parseZapJson, localFixture(import.meta.dirname, 'report.json'), 17);
    expect(r.events[0]).toMatchObject({ kind: 'meta', meta: { tool: 'OWASP ZAP', toolVersion: '2.14.0' } });
    expect(r.findings.map((f) => f.fingerprint)).toEqual([
      'zap|40012|https://shop.example.test/search?q|q',
      'zap|40012|https://shop.example.test/search?q|q',
      'zap|40012|https://shop.example.test/item?id|id',
      'zap|10038|https://shop.example.test/|',
    ]);
    expect(r.findings[0]).toMatchObject({
      severity: 'high',
      scannerSeverity: 'High (Medium)',
      cwes: ['CWE-79'],
      host: 'shop.example.test',
      port: 443,
      service: 'https',
      parameter: 'q',
      description: 'XSS & more',
      solution: 'Encode output.',
    });
    expect(r.findings[0]?.evidence).toContain('<script>alert(1)</script>');
    expect(r.findings[3]).toMatchObject({ severity: 'medium', cwes: [], url: 'https://shop.example.test' });
    expect(r.skipped).toEqual([{ at: 3, reason: 'scan_skip_bad_severity', params: { value: '9' } }]);
    expect(r.events.filter((e) => e.kind === 'host').map((e) => e.kind === 'host' && e.host)).toEqual([
      {
        host: 'shop.example.test',
        hostIp: null,
        hostName: 'shop.example.test',
        ports: [{ protocol: 'tcp', port: 443 }],
      },
      { host: '198.51.100.20', hostIp: '198.51.100.20', hostName: null, ports: [{ protocol: 'tcp', port: 8080 }] },
    ]);
  });

  it('reads the older single-site report', async () => {
    const r = await parseAll(parseZapJson, localFixture(import.meta.dirname, 'report-2.7.json'));
    expect(r.findings.map((f) => f.fingerprint)).toEqual(['zap|10020|http://old.example.test/|X-Frame-Options']);
    expect(r.hosts).toEqual(['old.example.test']);
  });

  it('refuses other JSON, truncated and corrupt reports', async () => {
    expect((await parseError(parseZapJson, '{"runs":[]}')).key).toBe('scan_not_format');
    expect((await parseError(parseZapJson, '[1,2]')).key).toBe('scan_not_format');
    const text = localFixture(import.meta.dirname, 'report.json').toString('utf8');
    expect((await parseError(parseZapJson, text.slice(0, text.indexOf('"riskcode"')))).key).toBe('scan_truncated');
    expect((await parseError(parseZapJson, `${text.slice(0, text.indexOf('"riskcode"') + 10)}}}]]`)).key).toBe(
      'scan_malformed',
    );
  });

  it('gives the same findings as the XML report of the same alerts', async () => {
    const json = {
      '@programName': 'ZAP',
      '@version': '2.14.0',
      site: [
        {
          '@name': 'https://a.example.test',
          '@host': 'a.example.test',
          '@port': '443',
          '@ssl': 'true',
          alerts: [
            {
              pluginid: '40012',
              alert: 'XSS',
              name: 'XSS',
              riskcode: '3',
              confidence: '2',
              riskdesc: 'High (Medium)',
              desc: '<p>d</p>',
              solution: '<p>s</p>',
              cweid: '79',
              instances: [{ uri: 'https://a.example.test/s?q=1', method: 'GET', param: 'q', evidence: 'e' }],
            },
            { pluginid: '10', alert: 'FP', name: 'FP', riskcode: '1', confidence: '0', instances: [] },
          ],
        },
      ],
    };
    const xml = `<?xml version="1.0"?><OWASPZAPReport version="2.14.0" generated="x">
<site name="https://a.example.test" host="a.example.test" port="443" ssl="true"><alerts>
<alertitem><pluginid>40012</pluginid><alert>XSS</alert><name>XSS</name><riskcode>3</riskcode><confidence>2</confidence>
<riskdesc>High (Medium)</riskdesc><desc>&lt;p&gt;d&lt;/p&gt;</desc><instances><instance><uri>https://a.example.test/s?q=1</uri>
<method>GET</method><param>q</param><evidence>e</evidence></instance></instances><solution>&lt;p&gt;s&lt;/p&gt;</solution><cweid>79</cweid></alertitem>
<alertitem><pluginid>10</pluginid><alert>FP</alert><name>FP</name><riskcode>1</riskcode><confidence>0</confidence></alertitem>
</alerts></site></OWASPZAPReport>`;
    const a = await parseAll(parseZapJson, JSON.stringify(json));
    const b = await parseAll(parseZapXml, xml);
    const key = (r: typeof a) =>
      r.findings.map((f) => [f.fingerprint, f.severity, f.scannerSeverity, f.cwes, f.host, f.port]);
    expect(key(a)).toEqual(key(b));
    expect(key(a)).toHaveLength(1);
    expect(a.skipped.map((s) => s.reason)).toEqual(['scan_skip_false_positive']);
    expect(b.skipped.map((s) => s.reason)).toEqual(['scan_skip_false_positive']);
  });
});
