import { isRecord, jsonValues, str } from '../common/json-values.ts';
import { blankFinding, cwesOf, evidenceOf, hostParts, portOf, textOf, urlKey } from '../common/normalise.ts';
import type { FindingSeverity, ParsedFinding, ScanEvent, ScanParser } from '../types.ts';
import { ScanFormatError } from '../types.ts';
import { dateOf, htmlToText } from '../xml/fields.ts';

const TOOL = 'OWASP ZAP';
const RISK: Record<string, FindingSeverity> = { '0': 'info', '1': 'low', '2': 'medium', '3': 'high' };

/** The fingerprint of a ZAP alert instance; shared with the XML report so both give the same value. */
export function zapFingerprint(pluginId: string, url: string | null, param: string | null): string {
  return `zap|${pluginId}|${urlKey(url)}|${param ?? ''}`;
}

type Site = { name: string | null; host: string | null; port: number | null; ssl: boolean; reported: boolean };

/**
 * ZAP's traditional JSON report (`@programName`, `site[]` → `alerts[]` → `instances[]`; older
 * reports have one `site` object). One finding per alert instance (URL + parameter); an alert
 * without instances is one finding on the site URL. Every site is a covered host.
 */
export const parseZapJson: ScanParser = async function* (input) {
  let version: string | null = null;
  let generated: Date | null = null;
  let zap = false;
  let metaSent = false;
  const sites = new Map<string, Site>();
  const paths = ['$.@programName', '$.@version', '$.@generated'];
  for (const site of ['$.site.*', '$.site']) {
    paths.push(`${site}.@name`, `${site}.@host`, `${site}.@port`, `${site}.@ssl`, `${site}.alerts.*`);
  }
  let alertNo = 0;
  const meta = (): ScanEvent => ({
    kind: 'meta',
    meta: { tool: TOOL, toolVersion: version, startedAt: null, finishedAt: generated, targets: [] },
  });
  for await (const { path, value } of jsonValues(input, paths)) {
    const key = path[path.length - 1];
    if (path.length === 1) {
      if (key === '@programName') zap = true;
      if (key === '@version') version = str(value);
      if (key === '@generated') generated = dateOf(str(value));
      continue;
    }
    if (!zap && !version) throw new ScanFormatError('scan_not_format', { format: 'ZAP JSON' });
    if (!metaSent) {
      metaSent = true;
      yield meta();
    }
    const siteKey = typeof path[1] === 'number' ? String(path[1]) : 'site';
    const site = sites.get(siteKey) ?? { name: null, host: null, port: null, ssl: false, reported: false };
    sites.set(siteKey, site);
    if (key === '@name') site.name = str(value);
    else if (key === '@host') site.host = str(value)?.toLowerCase() ?? null;
    else if (key === '@port') site.port = portOf(str(value)) ?? null;
    else if (key === '@ssl') site.ssl = str(value) === 'true';
    else {
      alertNo++;
      if (!site.reported && site.host) {
        site.reported = true;
        const parts = hostParts(null, site.host);
        yield {
          kind: 'host',
          host: {
            host: parts.host ?? site.host,
            hostIp: parts.hostIp,
            hostName: parts.hostName,
            ports: site.port ? [{ protocol: 'tcp', port: site.port }] : null,
          },
        };
      }
      yield* alertEvents(value, site, alertNo);
    }
  }
  if (!zap && !version) throw new ScanFormatError('scan_not_format', { format: 'ZAP JSON' });
  if (!metaSent) yield meta();
  for (const site of sites.values()) {
    if (site.reported || !site.host) continue;
    const parts = hostParts(null, site.host);
    yield {
      kind: 'host',
      host: {
        host: parts.host ?? site.host,
        hostIp: parts.hostIp,
        hostName: parts.hostName,
        ports: site.port ? [{ protocol: 'tcp', port: site.port }] : null,
      },
    };
  }
};

function* alertEvents(value: unknown, site: Site, at: number): Generator<ScanEvent> {
  if (!isRecord(value)) {
    yield { kind: 'skipped', skipped: { at, reason: 'scan_skip_bad_record' } };
    return;
  }
  const pluginId = str(value.pluginid) ?? str(value.alertRef);
  const title = str(value.name) ?? str(value.alert);
  const severity = RISK[str(value.riskcode)?.trim() ?? ''];
  if (!pluginId || !title) {
    const field = pluginId ? 'alert' : 'pluginid';
    yield { kind: 'skipped', skipped: { at, reason: 'scan_skip_missing_field', params: { field } } };
    return;
  }
  if (!severity) {
    const v = str(value.riskcode) ?? '';
    yield { kind: 'skipped', skipped: { at, reason: 'scan_skip_bad_severity', params: { value: v } } };
    return;
  }
  if (str(value.confidence)?.trim() === '0') {
    yield { kind: 'skipped', skipped: { at, reason: 'scan_skip_false_positive', params: { value: 'confidence 0' } } };
    return;
  }
  const base = blankFinding(TOOL, title, severity);
  base.pluginId = pluginId;
  base.scannerSeverity = str(value.riskdesc) ?? str(value.riskcode);
  const cwe = str(value.cweid);
  base.cwes = cwe && Number(cwe) > 0 ? cwesOf([cwe], true) : [];
  Object.assign(base, hostParts(null, site.host));
  base.port = site.port;
  base.protocol = site.port ? 'tcp' : null;
  base.service = site.ssl ? 'https' : 'http';
  base.description = htmlToText(str(value.desc));
  base.solution = htmlToText(str(value.solution));
  const other = htmlToText(str(value.otherinfo));
  const instances = Array.isArray(value.instances) ? value.instances.filter(isRecord) : [];
  if (instances.length === 0) instances.push({ uri: str(value.uri) ?? site.name, param: str(value.param) });
  for (const inst of instances) yield { kind: 'finding', finding: instanceFinding(base, inst, other) };
}

function instanceFinding(base: ParsedFinding, inst: Record<string, unknown>, other: string | null): ParsedFinding {
  const url = textOf(str(inst.uri));
  const param = textOf(str(inst.param));
  const evidence = [str(inst.evidence), str(inst.attack) && `attack: ${str(inst.attack)}`, other]
    .filter((x) => x?.trim())
    .join('\n');
  return {
    ...base,
    url,
    parameter: param,
    evidence: evidenceOf(evidence),
    fingerprint: zapFingerprint(base.pluginId ?? '', url, param),
  };
}
