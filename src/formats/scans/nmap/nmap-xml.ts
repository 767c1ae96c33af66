import {
  cvssScoreOf,
  type HostParts,
  hostParts,
  portOf,
  protocolOf,
  severityOfCvss,
  textOf,
} from '../common/normalise.ts';
import type { CoveredHost, ScanParser } from '../types.ts';
import { dateOf, finding } from '../xml/fields.ts';
import { type Emit, streamXml, type XmlElement, type XmlVisitor } from '../xml/stream.ts';
import { portsOfServices, targetsOfArgs } from './nmap-args.ts';

type Port = { at: number; port: number | null; protocol: 'tcp' | 'udp' | null; raw: string; state: string };
type Service = { name: string | null; product: string | null };
type Vuln = { cve: string; cvss: number | null };

const MAX_VULNS_PER_PORT = 5000;

function serviceOf(attrs: Record<string, string>): Service {
  const product = [attrs.product, attrs.version, attrs.extrainfo ? `(${attrs.extrainfo})` : '']
    .filter(Boolean)
    .join(' ');
  return { name: textOf(attrs.name, 100), product: textOf(product, 300) };
}

/** vulners' text output, for old versions that write no <table>: "CVE-2018-15919\t5.0\thttps://…". */
function vulnsOfOutput(output: string): Vuln[] {
  const vulns: Vuln[] = [];
  for (const m of output.matchAll(/\b(CVE-\d{4}-\d{4,})\s+(\d{1,2}(?:\.\d+)?)/gi)) {
    vulns.push({ cve: (m[1] as string).toUpperCase(), cvss: cvssScoreOf(m[2]) });
  }
  return vulns;
}

class NmapVisitor implements XmlVisitor {
  readonly format = 'nmap' as const;
  readonly roots = ['nmaprun'];
  private version: string | null = null;
  private started: Date | null = null;
  private finished: Date | null = null;
  private targets: string[] = [];
  private scanned: { protocol: 'tcp' | 'udp'; port: number }[] = [];
  private hasScanInfo = false;
  // per host
  private up = false;
  private ip: string | null = null;
  private names: { name: string; type: string }[] = [];
  private host: HostParts | null = null;
  private listed: { protocol: 'tcp' | 'udp'; port: number }[] = [];
  private extraports = false;
  private ports = 0;
  // per port
  private port: Port | null = null;
  private service: Service = { name: null, product: null };
  private script: { output: string; vulns: Map<string, number | null> } | null = null;
  private elems = new Map<string, string>();

  keepText(el: XmlElement): number {
    return this.script && el.name === 'elem' ? 200 : 0;
  }

  open(el: XmlElement): void {
    const a = el.attrs;
    switch (el.name) {
      case 'nmaprun':
        this.version = textOf(a.version, 50);
        this.started = dateOf(a.start);
        this.targets = targetsOfArgs(a.args ?? '');
        return;
      case 'scaninfo': {
        const protocol = protocolOf(a.protocol);
        if (!protocol) return;
        this.hasScanInfo = true;
        this.scanned = [...this.scanned, ...portsOfServices(protocol, a.services ?? '')];
        return;
      }
      case 'finished':
        this.finished = dateOf(a.time);
        return;
      case 'host':
        this.up = false;
        this.ip = null;
        this.names = [];
        this.host = null;
        this.listed = [];
        this.extraports = false;
        return;
      case 'status':
        if (el.parent?.name === 'host') this.up = a.state === 'up';
        return;
      case 'address':
        if (el.parent?.name === 'host' && (a.addrtype === 'ipv4' || a.addrtype === 'ipv6')) this.ip ??= a.addr ?? null;
        return;
      case 'hostname':
        if (this.names.length < 20) this.names.push({ name: a.name ?? '', type: a.type ?? '' });
        return;
      case 'extraports':
        this.extraports = true;
        return;
      case 'port':
        this.openPort(el);
        return;
      case 'state':
        if (this.port && el.parent?.name === 'port') this.port.state = a.state ?? '';
        return;
      case 'service':
        if (this.port) this.service = serviceOf(a);
        return;
      case 'script':
        if (this.port && a.id === 'vulners') this.script = { output: a.output ?? '', vulns: new Map() };
        return;
    }
  }

  close(el: XmlElement, emit: Emit): void {
    if (el.name === 'elem' && this.script) {
      if (el.attrs.key) this.elems.set(el.attrs.key, el.text.trim());
    } else if (el.name === 'table' && this.script) {
      this.tableDone();
    } else if (el.name === 'script' && this.script && this.port) {
      if (this.script.vulns.size === 0) for (const v of vulnsOfOutput(this.script.output)) this.addVuln(v);
    } else if (el.name === 'port' && this.port) {
      this.portDone(this.port, emit);
      this.port = null;
      this.script = null;
    } else if (el.name === 'host') {
      this.hostDone(emit);
    }
  }

  end(emit: Emit): void {
    emit({
      kind: 'meta',
      meta: {
        tool: 'Nmap',
        toolVersion: this.version,
        startedAt: this.started,
        finishedAt: this.finished,
        targets: this.targets,
      },
    });
  }

  private hostParts(): HostParts {
    if (!this.host) {
      const name = this.names.find((n) => n.type === 'user') ?? this.names[0];
      this.host = hostParts(this.ip, name?.name);
    }
    return this.host;
  }

  private openPort(el: XmlElement): void {
    const raw = el.attrs.portid ?? '';
    const port = portOf(raw);
    const protocol = protocolOf(el.attrs.protocol);
    this.port = { at: ++this.ports, port: port ?? null, protocol, raw, state: '' };
    this.service = { name: null, product: null };
    if (port && protocol && this.listed.length < 131_072) this.listed.push({ protocol, port });
  }

  private tableDone(): void {
    const id = this.elems.get('id');
    const type = this.elems.get('type');
    if (id && (type === 'cve' || /^CVE-\d{4}-\d{4,}$/i.test(id))) {
      this.addVuln({ cve: id.toUpperCase(), cvss: cvssScoreOf(this.elems.get('cvss')) });
    }
    this.elems.clear();
  }

  private addVuln(v: Vuln): void {
    const vulns = this.script?.vulns;
    if (!vulns || !/^CVE-\d{4}-\d{4,}$/.test(v.cve)) return;
    if (!vulns.has(v.cve) && vulns.size >= MAX_VULNS_PER_PORT) return;
    const before = vulns.get(v.cve) ?? null;
    vulns.set(v.cve, before === null ? v.cvss : v.cvss === null ? before : Math.max(before, v.cvss));
  }

  private portDone(port: Port, emit: Emit): void {
    if (port.state !== 'open') return;
    const skip = (reason: string, params: Record<string, string | number>) =>
      emit({ kind: 'skipped', skipped: { at: port.at, reason, params } });
    if (!port.port) {
      skip('scan_skip_bad_port', { value: port.raw });
      return;
    }
    if (!port.protocol) {
      skip('scan_skip_missing_field', { field: 'protocol' });
      return;
    }
    const host = this.hostParts();
    if (!host.host) {
      skip('scan_skip_missing_field', { field: 'address' });
      return;
    }
    const where = `${port.port}/${port.protocol}`;
    const common = {
      tool: 'Nmap',
      host: host.host,
      hostIp: host.hostIp,
      hostName: host.hostName,
      port: port.port,
      protocol: port.protocol,
      service: this.service.name,
    };
    const label = [this.service.name, this.service.product].filter(Boolean).join(': ');
    emit({
      kind: 'finding',
      finding: finding({
        ...common,
        pluginId: 'open-port',
        title: `Open port ${where}${label ? ` (${label})` : ''}`,
        severity: 'info',
        scannerSeverity: 'open',
        description: `Nmap found ${where} open on ${host.host}.`,
        evidence: textOf(label, 4000),
        fingerprint: `nmap|open-port|${host.host}|${where}`,
      }),
    });
    for (const [cve, cvss] of this.script?.vulns ?? []) {
      emit({
        kind: 'finding',
        finding: finding({
          ...common,
          pluginId: 'vulners',
          title: `${cve}${this.service.product ? ` in ${this.service.product}` : ''}`,
          severity: cvss === null ? 'info' : severityOfCvss(cvss),
          scannerSeverity: cvss === null ? null : cvss.toFixed(1),
          cvssScore: cvss,
          cves: [cve],
          description: `The Nmap vulners script lists ${cve} for the service on ${where}: https://vulners.com/cve/${cve}`,
          evidence: textOf(label, 4000),
          fingerprint: `nmap|vulners|${host.host}|${where}|${cve}`,
        }),
      });
    }
  }

  private hostDone(emit: Emit): void {
    if (!this.up) return;
    const host = this.hostParts();
    if (!host.host) return;
    let ports: CoveredHost['ports'];
    if (this.hasScanInfo) ports = this.scanned;
    else ports = this.extraports ? null : this.listed;
    emit({ kind: 'host', host: { host: host.host, hostIp: host.hostIp, hostName: host.hostName, ports } });
  }
}

/**
 * Nmap XML: each open port is an informational exposure finding; each CVE the NSE `vulners` script
 * lists is a finding scored by its CVSS. Hosts that are up are covered, on the ports the scan probed.
 */
export const parseNmapXml: ScanParser = (input) => streamXml(input, new NmapVisitor());
