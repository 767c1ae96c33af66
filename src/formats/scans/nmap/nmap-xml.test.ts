import { describe, expect, it } from 'vitest';
import { hasSharedScans, localFixture, parseAll, parseError, sharedScan } from '../common/testing.ts';
import type { CoveredHost } from '../types.ts';
import { portsOfServices, targetsOfArgs } from './nmap-args.ts';
import { parseNmapXml } from './nmap-xml.ts';

describe('Nmap XML parser', () => {
  it('turns open ports into exposure findings and vulners CVEs into scored findings', async () => {
    const { findings, skipped, events } = await parseAll(
      parseNmapXml,
      localFixture(import.meta.dirname, 'small.xml'),
      9,
    );
    expect(skipped).toEqual([]);
    expect(findings.map((f) => [f.fingerprint, f.severity, f.cvssScore])).toEqual([
      ['nmap|open-port|192.0.2.1|22/tcp', 'info', null],
      ['nmap|vulners|192.0.2.1|22/tcp|CVE-2018-15919', 'medium', 6],
      ['nmap|vulners|192.0.2.1|22/tcp|CVE-2016-10009', 'high', 7.8],
      ['nmap|open-port|192.0.2.1|443/tcp', 'info', null],
      ['nmap|vulners|192.0.2.1|443/tcp|CVE-2021-23017', 'high', 7.5],
    ]);
    expect(findings[0]).toMatchObject({
      tool: 'Nmap',
      title: 'Open port 22/tcp (ssh: OpenSSH 7.4 (protocol 2.0))',
      host: '192.0.2.1',
      hostIp: '192.0.2.1',
      hostName: 'router.example.test',
      service: 'ssh',
      port: 22,
      protocol: 'tcp',
    });
    expect(findings[1]).toMatchObject({ pluginId: 'vulners', cves: ['CVE-2018-15919'], scannerSeverity: '6.0' });
    const hosts = events.flatMap((e) => (e.kind === 'host' ? [e.host] : []));
    expect(hosts.map((h) => h.host)).toEqual(['192.0.2.1', '2001:db8::5']);
    const probed: CoveredHost['ports'] = [
      { protocol: 'tcp', port: 22 },
      { protocol: 'tcp', port: 80 },
      { protocol: 'tcp', port: 443 },
      { protocol: 'udp', port: 53 },
    ];
    expect(hosts[0]?.ports).toEqual(probed);
    expect(hosts[1]?.ports).toEqual(probed);
    const meta = events.at(-1);
    expect(meta?.kind === 'meta' && meta.meta).toMatchObject({
      tool: 'Nmap',
      toolVersion: '7.94',
      targets: ['192.0.2.0/30', 'host.example.test'],
      startedAt: new Date(1709280000 * 1000),
      finishedAt: new Date(1709280010 * 1000),
    });
  });

  it('without scaninfo, covers the listed ports unless extraports hides some', async () => {
    const xml = (ports: string) =>
      `<nmaprun args="nmap x"><host><status state="up"/><address addr="192.0.2.9" addrtype="ipv4"/><ports>${ports}</ports></host></nmaprun>`;
    const listed = await parseAll(
      parseNmapXml,
      xml('<port protocol="tcp" portid="25"><state state="filtered"/></port>'),
    );
    expect(listed.events.find((e) => e.kind === 'host')).toMatchObject({
      host: { ports: [{ protocol: 'tcp', port: 25 }] },
    });
    expect(listed.findings).toEqual([]);
    const hidden = await parseAll(parseNmapXml, xml('<extraports state="closed" count="999"/>'));
    expect(hidden.events.find((e) => e.kind === 'host')).toMatchObject({ host: { ports: null } });
  });

  it('reads targets and port lists from the scan arguments', () => {
    expect(targetsOfArgs('nmap -sV -p 1-100 -oX a.xml --script=vulners -T4 10.0.0.0/24 example.test')).toEqual([
      '10.0.0.0/24',
      'example.test',
    ]);
    expect(portsOfServices('tcp', '1,3-5,5,70000')).toEqual([1, 3, 4, 5].map((port) => ({ protocol: 'tcp', port })));
  });

  it('refuses other XML and a cut file', async () => {
    expect((await parseError(parseNmapXml, '<OWASPZAPReport/>')).key).toBe('scan_not_format');
    expect((await parseError(parseNmapXml, '<nmaprun><host><status state="up"/>')).key).toBe('scan_truncated');
  });

  it.skipIf(!hasSharedScans)(
    'imports the DefectDojo samples: one finding per open port plus one per vulners CVE',
    async () => {
      for (const name of ['nmap/nmap_0port.xml', 'nmap/nmap_multiple_port.xml', 'nmap/nmap_script_vulners.xml']) {
        const bytes = sharedScan(name);
        const text = bytes.toString('utf8');
        const open = text.split('<state state="open"').length - 1;
        const cves = text.split('<elem key="type">cve</elem>').length - 1;
        const { findings, skipped, hosts } = await parseAll(parseNmapXml, bytes);
        expect(skipped).toEqual([]);
        expect(findings.length).toBe(open + cves);
        expect(hosts.length).toBe(text.split('<status state="up"').length - 1);
      }
      const { events } = await parseAll(parseNmapXml, sharedScan('nmap/nmap_multiple_port.xml'));
      const host = events.find((e) => e.kind === 'host');
      expect(host?.kind === 'host' && host.host.ports?.length).toBe(1000);
    },
  );
});
