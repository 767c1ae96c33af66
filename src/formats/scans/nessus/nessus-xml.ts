import {
  cvesOf,
  cvssScoreOf,
  cwesOf,
  evidenceOf,
  type HostParts,
  hostParts,
  portOf,
  protocolOf,
  textOf,
} from '../common/normalise.ts';
import { EVIDENCE_MAX, type FINDING_SEVERITIES, type ScanEvent, type ScanParser, TEXT_MAX } from '../types.ts';
import { dateOf, finding, portKey } from '../xml/fields.ts';
import { type Emit, streamXml, type XmlElement, type XmlVisitor } from '../xml/stream.ts';

/** ReportItem children kept, with their caps; cve/cwe/xref repeat, the others are read once. */
const ITEM_FIELDS: Record<string, number> = {
  description: TEXT_MAX,
  synopsis: TEXT_MAX,
  solution: TEXT_MAX,
  plugin_output: EVIDENCE_MAX,
  plugin_name: 1000,
  risk_factor: 50,
  cvss_base_score: 20,
  cvss_vector: 200,
  cvss3_base_score: 20,
  cvss3_vector: 200,
  cve: 100,
  cwe: 100,
  xref: 200,
};
const REPEATED = new Set(['cve', 'cwe', 'xref']);
const HOST_TAGS = new Set(['host-ip', 'host-fqdn', 'HOST_START', 'HOST_END']);
const SEVERITIES: Record<string, (typeof FINDING_SEVERITIES)[number]> = {
  '0': 'info',
  '1': 'low',
  '2': 'medium',
  '3': 'high',
  '4': 'critical',
};

type Item = { at: number; attrs: Record<string, string>; fields: Map<string, string[]> };

class NessusVisitor implements XmlVisitor {
  readonly format = 'nessus' as const;
  readonly roots = ['NessusClientData_v2'];
  private targets: string[] = [];
  private preference: { name: string; value: string } | null = null;
  private hostName: string | null = null;
  private hostTags = new Map<string, string>();
  private host: HostParts | null = null;
  private item: Item | null = null;
  private items = 0;
  private started: Date | null = null;
  private finished: Date | null = null;
  private version: string | null = null;

  keepText(el: XmlElement): number {
    const parent = el.parent?.name;
    if (parent === 'ReportItem') return ITEM_FIELDS[el.name] ?? 0;
    if (parent === 'HostProperties' && el.name === 'tag' && HOST_TAGS.has(el.attrs.name ?? '')) return 1000;
    if (parent === 'preference' && (el.name === 'name' || el.name === 'value')) return TEXT_MAX;
    return 0;
  }

  open(el: XmlElement): void {
    if (el.name === 'preference' && el.parent?.name === 'ServerPreferences') this.preference = { name: '', value: '' };
    if (el.name === 'ReportHost') {
      this.hostName = el.attrs.name ?? null;
      this.hostTags.clear();
      this.host = null;
    }
    if (el.name === 'ReportItem') this.item = { at: ++this.items, attrs: el.attrs, fields: new Map() };
  }

  close(el: XmlElement, emit: Emit): void {
    const parent = el.parent?.name;
    if (parent === 'preference' && this.preference && (el.name === 'name' || el.name === 'value')) {
      this.preference[el.name] = el.text;
    } else if (el.name === 'preference' && this.preference) {
      if (this.preference.name.trim() === 'TARGET') {
        this.targets = this.preference.value
          .split(/[,\s]+/)
          .map((t) => t.trim())
          .filter(Boolean)
          .slice(0, 1000);
      }
      this.preference = null;
    } else if (parent === 'HostProperties' && el.name === 'tag') {
      this.hostTags.set(el.attrs.name ?? '', el.text.trim());
    } else if (el.name === 'HostProperties') {
      this.hostDone(emit);
    } else if (parent === 'ReportItem' && this.item && el.name in ITEM_FIELDS) {
      const list = this.item.fields.get(el.name) ?? [];
      if (list.length < (REPEATED.has(el.name) ? 500 : 1)) list.push(el.text);
      this.item.fields.set(el.name, list);
    } else if (el.name === 'ReportItem' && this.item) {
      if (!this.host) this.hostDone(emit);
      this.itemDone(this.item, emit);
      this.item = null;
    } else if (el.name === 'ReportHost') {
      if (!this.host) this.hostDone(emit);
      this.host = null;
    }
  }

  end(emit: Emit): void {
    emit({
      kind: 'meta',
      meta: {
        tool: 'Nessus',
        toolVersion: this.version,
        startedAt: this.started,
        finishedAt: this.finished,
        targets: this.targets,
      },
    });
  }

  private hostDone(emit: Emit): void {
    const parts = hostParts(this.hostTags.get('host-ip'), this.hostTags.get('host-fqdn') ?? this.hostName);
    const start = dateOf(this.hostTags.get('HOST_START'));
    const end = dateOf(this.hostTags.get('HOST_END'));
    if (start && (!this.started || start < this.started)) this.started = start;
    if (end && (!this.finished || end > this.finished)) this.finished = end;
    this.host = parts;
    if (!parts.host) return;
    emit({ kind: 'host', host: { host: parts.host, hostIp: parts.hostIp, hostName: parts.hostName, ports: null } });
  }

  private itemDone(item: Item, emit: Emit): void {
    const event = this.toEvent(item);
    if (event) emit(event);
  }

  private toEvent(item: Item): ScanEvent | null {
    const { attrs, fields } = item;
    const one = (name: string) => fields.get(name)?.[0] ?? null;
    const skip = (reason: string, params: Record<string, string | number>): ScanEvent => ({
      kind: 'skipped',
      skipped: { at: item.at, reason, params },
    });
    const pluginId = attrs.pluginID?.trim();
    if (!pluginId) return skip('scan_skip_missing_field', { field: 'pluginID' });
    const host = this.host;
    if (!host?.host) return skip('scan_skip_missing_field', { field: 'ReportHost' });
    const severity = SEVERITIES[attrs.severity?.trim() ?? ''];
    if (!severity) return skip('scan_skip_bad_severity', { value: attrs.severity ?? '' });
    const port = portOf(attrs.port);
    if (port === undefined) return skip('scan_skip_bad_port', { value: attrs.port ?? '' });
    const protocol = protocolOf(attrs.protocol);
    if (pluginId === '19506')
      this.version ??= /Nessus version\s*:\s*([\w.-]+)/.exec(one('plugin_output') ?? '')?.[1] ?? null;
    const cvss3 = cvssScoreOf(one('cvss3_base_score'));
    const cvssScore = cvss3 ?? cvssScoreOf(one('cvss_base_score'));
    const cvssVector = textOf(cvss3 !== null ? one('cvss3_vector') : one('cvss_vector'), 200);
    const synopsis = textOf(one('synopsis'));
    const description = textOf(one('description'));
    return {
      kind: 'finding',
      finding: finding({
        tool: 'Nessus',
        pluginId,
        title: textOf(attrs.pluginName, 500) ?? textOf(one('plugin_name'), 500) ?? `Nessus plugin ${pluginId}`,
        severity,
        scannerSeverity: textOf(one('risk_factor'), 50) ?? attrs.severity ?? null,
        cvssVector,
        cvssScore,
        cves: cvesOf(...(fields.get('cve') ?? [])),
        cwes: cwesOf(
          [...(fields.get('cwe') ?? []), ...(fields.get('xref') ?? []).filter((x) => /^\s*CWE/i.test(x))],
          true,
        ),
        host: host.host,
        hostIp: host.hostIp,
        hostName: host.hostName,
        port: port || null,
        protocol,
        service: textOf(attrs.svc_name, 100),
        description: textOf([synopsis, description].filter(Boolean).join('\n\n')),
        solution: textOf(one('solution')),
        evidence: evidenceOf(one('plugin_output')),
        fingerprint: `nessus|${pluginId}|${host.host}|${portKey(port, protocol)}`,
      }),
    };
  }
}

/** Nessus `.nessus` (NessusClientData_v2): one finding per ReportItem, one covered host per ReportHost. */
export const parseNessusXml: ScanParser = (input) => streamXml(input, new NessusVisitor());
