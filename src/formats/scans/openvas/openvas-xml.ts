import {
  cvesOf,
  cvssScoreOf,
  cwesOf,
  evidenceOf,
  hostParts,
  portOf,
  protocolOf,
  severityOfCvss,
  severityOfWord,
  textOf,
} from '../common/normalise.ts';
import { EVIDENCE_MAX, type ScanEvent, type ScanParser, TEXT_MAX } from '../types.ts';
import { dateOf, finding, portKey } from '../xml/fields.ts';
import { type Emit, streamXml, type XmlElement, type XmlVisitor } from '../xml/stream.ts';

/** Fields kept per <result>, by path below it, with their caps. */
const RESULT_FIELDS: Record<string, number> = {
  name: 1000,
  host: 300,
  'host/hostname': 300,
  port: 100,
  threat: 50,
  severity: 20,
  description: EVIDENCE_MAX,
  'nvt/name': 1000,
  'nvt/cvss_base': 20,
  'nvt/cve': TEXT_MAX,
  'nvt/tags': TEXT_MAX,
  'nvt/solution': TEXT_MAX,
  'nvt/severities/severity/value': 200,
};
/** The report's own scan times (element names, not message keys). */
const SCAN_TIMES: Record<string, 'start' | 'end' | undefined> = { scan_start: 'start', scan_end: 'end' };
/** Fields kept per report-level <host> (the hosts the scan reached). */
const HOST_FIELDS: Record<string, number> = { ip: 300, start: 50, end: 50, 'detail/name': 100, 'detail/value': 300 };

type Result = {
  at: number;
  oid: string;
  fields: Map<string, string>;
  refs: { type: string; id: string }[];
  severityScore: string;
};
type Host = { fields: Map<string, string>; hostname: string | null; detailName: string };

function isResult(el: XmlElement): boolean {
  return el.name === 'result' && el.parent?.name === 'results';
}

function isResultEl(el: XmlElement | null): boolean {
  return el !== null && isResult(el);
}

function isReportHost(el: XmlElement): boolean {
  return el.name === 'host' && el.parent?.name === 'report';
}

/** Path of `el` below the nearest enclosing element matching `isTop`, or null when there is none. */
function pathBelow(el: XmlElement, isTop: (e: XmlElement) => boolean): string | null {
  const names: string[] = [];
  for (let e: XmlElement | null = el; e && names.length < 6; e = e.parent) {
    if (isTop(e)) return names.reverse().join('/');
    names.push(e.name);
  }
  return null;
}

/** "general/tcp", "443/tcp", "general/icmp", "package" → port and protocol; undefined when the port is bad. */
function portOfOpenvas(text: string): { port: number | null; protocol: 'tcp' | 'udp' | null } | undefined {
  const [where = '', proto = ''] = text.trim().split('/');
  const protocol = protocolOf(proto);
  if (!/^\d+$/.test(where)) return { port: null, protocol };
  const port = portOf(where);
  return port === undefined ? undefined : { port: port || null, protocol };
}

function tagsOf(text: string | undefined): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of (text ?? '').split('|')) {
    const eq = part.indexOf('=');
    if (eq > 0) tags.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return tags;
}

class OpenvasVisitor implements XmlVisitor {
  readonly format = 'openvas' as const;
  readonly roots = ['report', 'get_reports_response'];
  private result: Result | null = null;
  private results = 0;
  private host: Host | null = null;
  private covered = new Set<string>();
  private seenInResults = new Map<string, ReturnType<typeof hostParts>>();
  private started: Date | null = null;
  private finished: Date | null = null;
  private scanStart: Date | null = null;
  private scanEnd: Date | null = null;

  keepText(el: XmlElement): number {
    if (this.result) return RESULT_FIELDS[pathBelow(el, isResult) ?? ''] ?? 0;
    if (this.host) return HOST_FIELDS[pathBelow(el, isReportHost) ?? ''] ?? 0;
    if (SCAN_TIMES[el.name] && el.parent?.name === 'report') return 50;
    return 0;
  }

  open(el: XmlElement): void {
    if (isResult(el)) {
      this.result = { at: ++this.results, oid: '', fields: new Map(), refs: [], severityScore: '' };
      return;
    }
    if (isReportHost(el) && !this.result) {
      this.host = { fields: new Map(), hostname: null, detailName: '' };
      return;
    }
    if (!this.result) return;
    if (el.name === 'ref' && el.parent?.name === 'refs' && this.result.refs.length < 1000) {
      this.result.refs.push({ type: (el.attrs.type ?? '').toLowerCase(), id: el.attrs.id ?? '' });
    }
    if (el.name === 'nvt' && isResultEl(el.parent)) this.result.oid = el.attrs.oid ?? '';
    if (el.name === 'severities' && el.parent?.name === 'nvt') this.result.severityScore = el.attrs.score ?? '';
  }

  close(el: XmlElement, emit: Emit): void {
    if (this.result) {
      if (isResult(el)) {
        emit(this.toEvent(this.result));
        this.result = null;
        return;
      }
      const path = pathBelow(el, isResult);
      if (path && path in RESULT_FIELDS && !this.result.fields.has(path)) this.result.fields.set(path, el.text);
      return;
    }
    if (this.host) {
      if (isReportHost(el)) {
        this.hostDone(this.host, emit);
        this.host = null;
        return;
      }
      const path = pathBelow(el, isReportHost);
      if (path === 'detail/name') this.host.detailName = el.text.trim();
      else if (path === 'detail/value' && this.host.detailName === 'hostname') this.host.hostname ??= el.text.trim();
      else if (path && path in HOST_FIELDS) this.host.fields.set(path, el.text);
      return;
    }
    const time = el.parent?.name === 'report' ? SCAN_TIMES[el.name] : undefined;
    if (time === 'start') this.scanStart ??= dateOf(el.text);
    if (time === 'end') this.scanEnd ??= dateOf(el.text);
  }

  end(emit: Emit): void {
    for (const [key, parts] of this.seenInResults) {
      if (this.covered.has(key) || !parts.host) continue;
      emit({ kind: 'host', host: { host: parts.host, hostIp: parts.hostIp, hostName: parts.hostName, ports: null } });
    }
    emit({
      kind: 'meta',
      meta: {
        tool: 'OpenVAS',
        toolVersion: null,
        startedAt: this.scanStart ?? this.started,
        finishedAt: this.scanEnd ?? this.finished,
        targets: [],
      },
    });
  }

  private hostDone(host: Host, emit: Emit): void {
    const parts = hostParts(host.fields.get('ip'), host.hostname);
    const start = dateOf(host.fields.get('start'));
    const end = dateOf(host.fields.get('end'));
    if (start && (!this.started || start < this.started)) this.started = start;
    if (end && (!this.finished || end > this.finished)) this.finished = end;
    if (!parts.host || this.covered.has(parts.host)) return;
    this.covered.add(parts.host);
    emit({ kind: 'host', host: { host: parts.host, hostIp: parts.hostIp, hostName: parts.hostName, ports: null } });
  }

  private toEvent(result: Result): ScanEvent {
    const f = (path: string) => result.fields.get(path);
    const skip = (reason: string, params: Record<string, string | number>): ScanEvent => ({
      kind: 'skipped',
      skipped: { at: result.at, reason, params },
    });
    const nvtOid = result.oid.trim();
    if (!nvtOid) return skip('scan_skip_missing_field', { field: 'nvt oid' });
    const host = hostParts(f('host'), f('host/hostname'));
    if (!host.host) return skip('scan_skip_missing_field', { field: 'host' });
    const where = portOfOpenvas(f('port') ?? '');
    if (!where) return skip('scan_skip_bad_port', { value: textOf(f('port'), 100) ?? '' });
    const threat = textOf(f('threat'), 50);
    const resultScore = Number.parseFloat(f('severity') ?? '');
    if (resultScore < 0 || /false positive/i.test(threat ?? '')) {
      return skip(
        resultScore === -1 || /false positive/i.test(threat ?? '')
          ? 'scan_skip_false_positive'
          : 'scan_skip_bad_severity',
        {
          value: threat ?? String(resultScore),
        },
      );
    }
    const severity = Number.isFinite(resultScore) ? severityOfCvss(resultScore) : severityOfWord(threat);
    if (!severity) return skip('scan_skip_bad_severity', { value: threat ?? '' });
    if (!this.seenInResults.has(host.host) && this.seenInResults.size < 100_000)
      this.seenInResults.set(host.host, host);
    const tags = tagsOf(f('nvt/tags'));
    const vector = textOf(f('nvt/severities/severity/value'), 200) ?? textOf(tags.get('cvss_base_vector'), 200);
    const cvssScore =
      cvssScoreOf(result.severityScore) ?? cvssScoreOf(f('nvt/cvss_base')) ?? cvssScoreOf(f('severity'));
    const description = ['summary', 'insight', 'impact', 'affected']
      .map((key) => tags.get(key))
      .filter((t) => t && t !== 'N/A')
      .join('\n\n');
    return {
      kind: 'finding',
      finding: finding({
        tool: 'OpenVAS',
        pluginId: nvtOid,
        title: textOf(f('nvt/name'), 1000) ?? textOf(f('name'), 1000) ?? `NVT ${nvtOid}`,
        severity,
        scannerSeverity:
          threat && f('severity') ? `${threat} (${f('severity')?.trim()})` : (threat ?? textOf(f('severity'), 20)),
        cvssVector: vector,
        cvssScore,
        cves: cvesOf(...result.refs.filter((r) => r.type === 'cve').map((r) => r.id), f('nvt/cve')),
        cwes: cwesOf(
          result.refs.filter((r) => r.type === 'cwe').map((r) => r.id),
          true,
        ),
        host: host.host,
        hostIp: host.hostIp,
        hostName: host.hostName,
        port: where.port,
        protocol: where.protocol,
        description: textOf(description),
        solution: textOf(f('nvt/solution')) ?? textOf(tags.get('solution')),
        evidence: evidenceOf(f('description')),
        fingerprint: `openvas|${nvtOid}|${host.host}|${portKey(where.port, where.protocol)}`,
      }),
    };
  }
}

/** OpenVAS / Greenbone XML report: one finding per <result>, covered hosts from the report's <host> list. */
export const parseOpenvasXml: ScanParser = (input) => streamXml(input, new OpenvasVisitor());
