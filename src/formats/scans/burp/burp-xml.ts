import {
  cvesOf,
  cwesOf,
  evidenceOf,
  hostParts,
  severityOfWord,
  textOf,
  urlKey,
  urlParts,
} from '../common/normalise.ts';
import { EVIDENCE_MAX, type ScanEvent, type ScanParser, TEXT_MAX } from '../types.ts';
import { dateOf, finding, htmlToText } from '../xml/fields.ts';
import { type Emit, streamXml, type XmlElement, type XmlVisitor } from '../xml/stream.ts';

const ISSUE_FIELDS: Record<string, number> = {
  type: 50,
  name: 1000,
  host: 2000,
  path: 4000,
  location: 4000,
  severity: 50,
  confidence: 50,
  issueBackground: TEXT_MAX,
  remediationBackground: TEXT_MAX,
  issueDetail: TEXT_MAX,
  remediationDetail: TEXT_MAX,
  vulnerabilityClassifications: TEXT_MAX,
};
/** Base64 characters of the first request kept: enough for EVIDENCE_MAX bytes, the rest is never held. */
const REQUEST_CHARS = Math.ceil((EVIDENCE_MAX * 4) / 3) + 4;

type Issue = { at: number; fields: Map<string, string>; hostIp: string | null; request: string | null };

/** "/login.jsp [password parameter]" → "password"; "[b_id cookie]" → "b_id cookie"; null without brackets. */
function parameterOf(location: string | null): string | null {
  const inner = location ? /\[([^\]]+)\]\s*$/.exec(location)?.[1] : undefined;
  if (!inner) return null;
  return textOf(inner.replace(/ parameter$/, ''), 1000);
}

function requestText(raw: string, base64: boolean): string | null {
  if (!base64) return raw;
  const bytes = Buffer.from(raw.replace(/\s+/g, ''), 'base64');
  return bytes.subarray(0, EVIDENCE_MAX).toString('utf8');
}

class BurpVisitor implements XmlVisitor {
  readonly format = 'burp' as const;
  readonly roots = ['issues'];
  private version: string | null = null;
  private exported: Date | null = null;
  private issue: Issue | null = null;
  private issues = 0;
  private requestBase64 = false;
  private hosts = new Set<string>();

  keepText(el: XmlElement): number {
    if (!this.issue) return 0;
    const parent = el.parent?.name;
    if (parent === 'issue') return ISSUE_FIELDS[el.name] ?? 0;
    if (el.name === 'request' && parent === 'requestresponse' && this.issue.request === null) return REQUEST_CHARS;
    return 0;
  }

  open(el: XmlElement): void {
    if (el.name === 'issues') {
      this.version = textOf(el.attrs.burpVersion, 50);
      this.exported = dateOf(el.attrs.exportTime?.replace(/ [A-Z]{3,4} /, ' '));
    } else if (el.name === 'issue') {
      this.issue = { at: ++this.issues, fields: new Map(), hostIp: null, request: null };
    } else if (this.issue && el.name === 'host' && el.parent?.name === 'issue') {
      this.issue.hostIp = el.attrs.ip ?? null;
    } else if (el.name === 'request') {
      this.requestBase64 = el.attrs.base64 === 'true';
    }
  }

  close(el: XmlElement, emit: Emit): void {
    if (!this.issue) return;
    const parent = el.parent?.name;
    if (el.name === 'issue') {
      for (const event of this.toEvents(this.issue)) emit(event);
      this.issue = null;
    } else if (parent === 'issue' && el.name in ISSUE_FIELDS) {
      this.issue.fields.set(el.name, el.text);
    } else if (el.name === 'request' && parent === 'requestresponse' && this.issue.request === null) {
      this.issue.request = requestText(el.text, this.requestBase64);
    }
  }

  end(emit: Emit): void {
    emit({
      kind: 'meta',
      meta: { tool: 'Burp Suite', toolVersion: this.version, startedAt: null, finishedAt: this.exported, targets: [] },
    });
  }

  private toEvents(issue: Issue): ScanEvent[] {
    const f = (name: string) => issue.fields.get(name);
    const skip = (reason: string, params: Record<string, string | number>): ScanEvent[] => [
      { kind: 'skipped', skipped: { at: issue.at, reason, params } },
    ];
    const type = textOf(f('type'), 50);
    if (!type) return skip('scan_skip_missing_field', { field: 'type' });
    const word = textOf(f('severity'), 50);
    if (/false positive/i.test(word ?? '')) return skip('scan_skip_false_positive', { value: word ?? '' });
    const severity = severityOfWord(word);
    if (!severity) return skip('scan_skip_bad_severity', { value: word ?? '' });
    const origin = textOf(f('host'), 2000);
    const where = urlParts(origin);
    const host = hostParts(issue.hostIp, where.hostname);
    if (!host.host) return skip('scan_skip_missing_field', { field: 'host' });
    const url = origin ? `${origin.replace(/\/$/, '')}${textOf(f('path'), 4000) ?? ''}` : null;
    const parameter = parameterOf(textOf(f('location'), 4000));
    const confidence = textOf(f('confidence'), 50);
    const detail = htmlToText(f('issueDetail'));
    const events: ScanEvent[] = [];
    if (!this.hosts.has(host.host) && this.hosts.size < 100_000) {
      this.hosts.add(host.host);
      const ports = where.port ? [{ protocol: 'tcp' as const, port: where.port }] : null;
      events.push({ kind: 'host', host: { host: host.host, hostIp: host.hostIp, hostName: host.hostName, ports } });
    }
    events.push({
      kind: 'finding',
      finding: finding({
        tool: 'Burp Suite',
        pluginId: type,
        title: textOf(f('name'), 1000) ?? `Burp issue ${type}`,
        severity,
        scannerSeverity: confidence ? `${word} (${confidence})` : word,
        cves: cvesOf(f('vulnerabilityClassifications')),
        cwes: cwesOf([f('vulnerabilityClassifications')]),
        host: host.host,
        hostIp: host.hostIp,
        hostName: host.hostName,
        port: where.port,
        protocol: 'tcp',
        url,
        parameter,
        description: textOf([htmlToText(f('issueBackground')), detail].filter(Boolean).join('\n\n')),
        solution: textOf(
          [htmlToText(f('remediationBackground')), htmlToText(f('remediationDetail'))].filter(Boolean).join('\n\n'),
        ),
        evidence: evidenceOf([detail, issue.request].filter(Boolean).join('\n\n')),
        fingerprint: `burp|${type}|${urlKey(url)}|${parameter ?? ''}`,
      }),
    });
    return events;
  }
}

/** Burp Suite XML issue export: one finding per <issue>; request bytes are kept only up to the evidence cap. */
export const parseBurpXml: ScanParser = (input) => streamXml(input, new BurpVisitor());
