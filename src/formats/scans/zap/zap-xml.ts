import { cwesOf, evidenceOf, hostParts, portOf, textOf, urlParts } from '../common/normalise.ts';
import { EVIDENCE_MAX, type FindingSeverity, type ScanParser, TEXT_MAX } from '../types.ts';
import { dateOf, finding, htmlToText } from '../xml/fields.ts';
import { type Emit, streamXml, type XmlElement, type XmlVisitor } from '../xml/stream.ts';
import { zapFingerprint } from './zap-json.ts';

const ALERT_FIELDS: Record<string, number> = {
  pluginid: 50,
  alertRef: 50,
  alert: 1000,
  name: 1000,
  riskcode: 10,
  confidence: 10,
  riskdesc: 100,
  desc: TEXT_MAX,
  solution: TEXT_MAX,
  otherinfo: EVIDENCE_MAX,
  reference: TEXT_MAX,
  cweid: 20,
  uri: 4000,
  param: 1000,
  attack: EVIDENCE_MAX,
  evidence: EVIDENCE_MAX,
};
const INSTANCE_FIELDS: Record<string, number> = {
  uri: 4000,
  method: 20,
  param: 1000,
  attack: EVIDENCE_MAX,
  evidence: EVIDENCE_MAX,
  otherinfo: EVIDENCE_MAX,
};
/**
 * Characters of instance detail held for one alert until its trailing fields (solution, CWE) have
 * been read: 8 Mi characters is ~50k typical instances; beyond it, instances are reported as skipped.
 */
const MAX_HELD_CHARS = 8 * 1024 * 1024;
const RISKS: Record<string, FindingSeverity> = { '0': 'info', '1': 'low', '2': 'medium', '3': 'high' };

type Fields = Map<string, string>;
type Site = { name: string | null; host: string | null; port: number | null };

class ZapVisitor implements XmlVisitor {
  readonly format = 'zap' as const;
  readonly roots = ['OWASPZAPReport'];
  private version: string | null = null;
  private generated: Date | null = null;
  private sites: string[] = [];
  private site: Site = { name: null, host: null, port: null };
  private alert: Fields | null = null;
  private alertAt = 0;
  private instances: Fields[] = [];
  private instance: Fields | null = null;
  private held = 0;

  keepText(el: XmlElement): number {
    const parent = el.parent?.name;
    if (parent === 'instance') return INSTANCE_FIELDS[el.name] ?? 0;
    if (parent === 'alertitem') return ALERT_FIELDS[el.name] ?? 0;
    return 0;
  }

  open(el: XmlElement, emit: Emit): void {
    if (el.name === 'OWASPZAPReport') {
      this.version = textOf(el.attrs.version, 50);
      this.generated = dateOf(el.attrs.generated);
    } else if (el.name === 'site') {
      this.siteOpen(el, emit);
    } else if (el.name === 'alertitem') {
      this.alert = new Map();
      this.instances = [];
      this.held = 0;
      this.alertAt++;
    } else if (el.name === 'instance' && this.alert) {
      this.instance = new Map();
    }
  }

  close(el: XmlElement, emit: Emit): void {
    const parent = el.parent?.name;
    if (parent === 'instance' && this.instance && el.name in INSTANCE_FIELDS) {
      this.instance.set(el.name, el.text);
    } else if (el.name === 'instance' && this.instance) {
      const size = [...this.instance.values()].reduce((n, text) => n + text.length, 0);
      if (this.held + size <= MAX_HELD_CHARS) {
        this.instances.push(this.instance);
        this.held += size;
      } else {
        const params = { max: this.instances.length };
        emit({ kind: 'skipped', skipped: { at: this.alertAt, reason: 'scan_skip_too_many', params } });
      }
      this.instance = null;
    } else if (parent === 'alertitem' && this.alert && el.name in ALERT_FIELDS) {
      this.alert.set(el.name, el.text);
    } else if (el.name === 'alertitem' && this.alert) {
      this.alertDone(this.alert, emit);
      this.alert = null;
      this.instances = [];
    }
  }

  end(emit: Emit): void {
    emit({
      kind: 'meta',
      meta: {
        tool: 'OWASP ZAP',
        toolVersion: this.version,
        startedAt: null,
        finishedAt: this.generated,
        targets: this.sites,
      },
    });
  }

  private siteOpen(el: XmlElement, emit: Emit): void {
    const name = textOf(el.attrs.name, 2000);
    const fromName = urlParts(name);
    const host = textOf(el.attrs.host, 300)?.toLowerCase() ?? fromName.hostname;
    const port = portOf(el.attrs.port) || fromName.port;
    this.site = { name, host, port };
    if (name && this.sites.length < 1000) this.sites.push(name);
    const parts = hostParts(null, host);
    if (!parts.host) return;
    emit({
      kind: 'host',
      host: {
        host: parts.host,
        hostIp: parts.hostIp,
        hostName: parts.hostName,
        ports: port ? [{ protocol: 'tcp', port }] : null,
      },
    });
  }

  private alertDone(alert: Fields, emit: Emit): void {
    const pluginId = textOf(alert.get('pluginid'), 50);
    const skipAll = (reason: string, params: Record<string, string | number>) => {
      const count = Math.max(this.instances.length, 1);
      for (let i = 0; i < count; i++) emit({ kind: 'skipped', skipped: { at: this.alertAt, reason, params } });
    };
    if (!pluginId) {
      skipAll('scan_skip_missing_field', { field: 'pluginid' });
      return;
    }
    const riskcode = alert.get('riskcode')?.trim() ?? '';
    const severity = RISKS[riskcode];
    if (!severity) {
      skipAll('scan_skip_bad_severity', { value: riskcode });
      return;
    }
    if (alert.get('confidence')?.trim() === '0') {
      skipAll('scan_skip_false_positive', { value: 'confidence 0' });
      return;
    }
    const instances = this.instances.length > 0 ? this.instances : [alert];
    const base = {
      tool: 'OWASP ZAP',
      pluginId,
      title: textOf(alert.get('name'), 1000) ?? textOf(alert.get('alert'), 1000) ?? `ZAP alert ${pluginId}`,
      severity,
      scannerSeverity: textOf(alert.get('riskdesc'), 100) ?? riskcode,
      cwes: cwesOf([alert.get('cweid')], true),
      description: htmlToText(alert.get('desc')),
      solution: htmlToText(alert.get('solution')),
      protocol: 'tcp' as const,
    };
    for (const instance of instances) {
      const uri = textOf(instance.get('uri'), 4000) ?? this.site.name;
      const where = urlParts(uri);
      const parts = hostParts(null, where.hostname ?? this.site.host);
      const param = textOf(instance.get('param'), 1000);
      const evidence = [
        instance.get('attack') ? `Attack: ${instance.get('attack')?.trim()}` : '',
        instance.get('evidence')?.trim() ?? '',
        htmlToText(instance.get('otherinfo') ?? alert.get('otherinfo')) ?? '',
      ]
        .filter(Boolean)
        .join('\n');
      emit({
        kind: 'finding',
        finding: finding({
          ...base,
          host: parts.host,
          hostIp: parts.hostIp,
          hostName: parts.hostName,
          port: where.port ?? this.site.port,
          url: uri,
          parameter: param,
          evidence: evidenceOf(evidence),
          fingerprint: zapFingerprint(pluginId, uri, param),
        }),
      });
    }
  }
}

/** OWASP ZAP XML report: one finding per alert instance (URL + parameter); each site is a covered host:port. */
export const parseZapXml: ScanParser = (input) => streamXml(input, new ZapVisitor());
