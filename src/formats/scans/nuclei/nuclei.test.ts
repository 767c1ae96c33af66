import { describe, expect, it } from 'vitest';
import { hasSharedScans, localFixture, parseAll, parseError, sharedScan } from '../common/testing.ts';
import { parseNuclei } from './nuclei.ts';

describe('Nuclei parser', () => {
  it('reads JSON Lines (v2 and v3 keys), reports a bad line and a result without template id', async () => {
    const r = await parseAll(parseNuclei, localFixture(import.meta.dirname, 'results.jsonl'), 10);
    expect(r.findings.map((f) => f.fingerprint)).toEqual([
      'nuclei|CVE-2021-44228||203.0.113.7|443|https://app.example.test/api?q&token',
      'nuclei|ssh-auth-methods||203.0.113.8|22|203.0.113.8:22',
      'nuclei|tech-detect|nginx|203.0.113.9|8080|http://203.0.113.9:8080/',
    ]);
    expect(r.findings[0]).toMatchObject({
      title: 'Log4j RCE',
      severity: 'critical',
      cves: ['CVE-2021-44228'],
      cwes: ['CWE-502'],
      cvssScore: 10,
      hostIp: '203.0.113.7',
      hostName: 'app.example.test',
      url: 'https://app.example.test/api?q=x&token=secret',
      solution: 'Upgrade log4j.',
    });
    expect(r.findings[1]).toMatchObject({ port: 22, protocol: 'tcp', evidence: 'publickey\npassword', url: null });
    expect(r.findings[2]?.title).toBe('Tech (nginx)');
    expect(r.skipped).toEqual([
      { at: 2, reason: 'scan_skip_bad_json' },
      { at: 4, reason: 'scan_skip_missing_field', params: { field: 'template-id' } },
    ]);
    expect(r.hosts).toEqual(['203.0.113.7', '203.0.113.8', '203.0.113.9']);
  });

  it('reads the JSON array export with the same fingerprints as JSON Lines', async () => {
    const lines = await parseAll(parseNuclei, localFixture(import.meta.dirname, 'results.jsonl'));
    const array = await parseAll(parseNuclei, localFixture(import.meta.dirname, 'results.json'), 3);
    expect(array.findings).toEqual(lines.findings);
  });

  it('an empty file has no findings; other JSON and cut files are refused', async () => {
    expect((await parseAll(parseNuclei, '')).findings).toEqual([]);
    expect((await parseError(parseNuclei, '{"runs":[]}\n')).key).toBe('scan_not_format');
    expect((await parseError(parseNuclei, 'id,title\n')).key).toBe('scan_not_format');
    expect((await parseError(parseNuclei, '[{"runs":[]}]')).key).toBe('scan_not_format');
    const text = localFixture(import.meta.dirname, 'results.jsonl').toString('utf8');
    expect((await parseError(parseNuclei, text.slice(0, text.length - 20))).key).toBe('scan_truncated');
    const array = localFixture(import.meta.dirname, 'results.json').toString('utf8');
    expect((await parseError(parseNuclei, array.slice(0, array.length - 20))).key).toBe('scan_truncated');
  });

  it.skipIf(!hasSharedScans)('DefectDojo samples: one finding per result (JSONL v2, array v3, empty)', async () => {
    const jsonl = sharedScan('nuclei/many_findings.json');
    const lineCount = jsonl
      .toString('utf8')
      .split('\n')
      .filter((l) => l.trim()).length;
    const a = await parseAll(parseNuclei, jsonl);
    expect(a.skipped).toEqual([]);
    expect(a.findings).toHaveLength(lineCount);
    const v3 = sharedScan('nuclei/multiple_v3.json');
    const b = await parseAll(parseNuclei, v3);
    expect(b.findings).toHaveLength((JSON.parse(v3.toString('utf8')) as unknown[]).length);
    expect(b.findings[0]).toMatchObject({ pluginId: 'dns-saas-service-detection', host: 'www.asdf.de' });
    expect((await parseAll(parseNuclei, sharedScan('nuclei/empty.jsonl'))).findings).toEqual([]);
  });
});
