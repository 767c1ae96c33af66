import { csvTable, skippedEvent } from '../common/csv-table.ts';
import { HostTracker } from '../common/hosts.ts';
import {
  blankFinding,
  cvesOf,
  cvssScoreOf,
  evidenceOf,
  hostParts,
  portOf,
  protocolOf,
  severityOfCvss,
  severityOfWord,
  textOf,
} from '../common/normalise.ts';
import type { ScanEvent, ScanParser } from '../types.ts';
import { dateOf, portKey } from '../xml/fields.ts';

const TOOL = 'OpenVAS';

const COLUMNS = {
  ip: ['IP'],
  hostname: ['Hostname'],
  port: ['Port'],
  protocol: ['Port Protocol'],
  cvss: ['CVSS'],
  severity: ['Severity'],
  name: ['NVT Name'],
  summary: ['Summary'],
  result: ['Specific Result'],
  oid: ['NVT OID'],
  cves: ['CVEs'],
  timestamp: ['Timestamp'],
  impact: ['Impact'],
  solution: ['Solution'],
  insight: ['Vulnerability Insight'],
} as const;
type Column = keyof typeof COLUMNS;
const SPEC = COLUMNS as unknown as Record<Column, string[]>;

/**
 * Greenbone/OpenVAS CSV results export: one row per result. Severity follows the CVSS score when
 * given (as the XML report does), else the threat word (High/Medium/Low/Log). An empty port means a
 * host-level ("general") result. Each host named is covered (ports unknown in CSV).
 */
export const parseOpenvasCsv: ScanParser = async function* (input) {
  const hosts = new HostTracker();
  let metaSent = false;
  const rows = csvTable(input, SPEC, ['ip', 'port', 'name', 'oid'], 'OpenVAS CSV');
  for await (const row of rows) {
    if (!metaSent) {
      metaSent = true;
      const startedAt = 'get' in row ? dateOf(row.get('timestamp')) : null;
      yield { kind: 'meta', meta: { tool: TOOL, toolVersion: null, startedAt, finishedAt: null, targets: [] } };
    }
    if ('skipped' in row) {
      yield skippedEvent(row.skipped);
      continue;
    }
    const event = rowEvent(row.at, row.get);
    if (event.kind === 'finding') {
      const covered = hosts.first(event.finding);
      if (covered) yield { kind: 'host', host: covered };
    }
    yield event;
  }
  if (!metaSent)
    yield { kind: 'meta', meta: { tool: TOOL, toolVersion: null, startedAt: null, finishedAt: null, targets: [] } };
};

function rowEvent(at: number, get: (c: Column) => string | null): ScanEvent {
  const oid = get('oid');
  if (!oid) return skippedEvent({ at, reason: 'scan_skip_missing_field', params: { field: 'NVT OID' } });
  const parts = hostParts(get('ip'), get('hostname'));
  if (!parts.host) return skippedEvent({ at, reason: 'scan_skip_missing_field', params: { field: 'IP' } });
  const port = portOf(get('port'));
  if (port === undefined)
    return skippedEvent({ at, reason: 'scan_skip_bad_port', params: { value: get('port') ?? '' } });
  const word = get('severity');
  const score = cvssScoreOf(get('cvss'));
  const severity = score !== null ? severityOfCvss(score) : severityOfWord(word);
  if (!severity) return skippedEvent({ at, reason: 'scan_skip_bad_severity', params: { value: word ?? '' } });
  const f = blankFinding(TOOL, textOf(get('name'), 500) ?? oid, severity);
  Object.assign(f, parts);
  f.pluginId = oid;
  f.scannerSeverity = word;
  f.cvssScore = score;
  f.cves = cvesOf(get('cves'));
  f.port = port && port > 0 ? port : null;
  f.protocol = protocolOf(get('protocol'));
  f.description = textOf(
    [get('summary'), get('insight'), get('impact') && `Impact: ${get('impact')}`].filter(Boolean).join('\n\n'),
  );
  f.solution = textOf(get('solution'));
  f.evidence = evidenceOf(get('result'));
  f.fingerprint = `openvas|${oid}|${parts.host}|${portKey(f.port, f.protocol)}`;
  return { kind: 'finding', finding: f };
}
