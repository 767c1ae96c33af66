import { csvTable, skippedEvent } from '../common/csv-table.ts';
import { HostTracker } from '../common/hosts.ts';
import {
  blankFinding,
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
  urlKey,
  urlParts,
} from '../common/normalise.ts';
import type { ScanEvent, ScanParser } from '../types.ts';
import { portKey } from '../xml/fields.ts';

const TOOL = 'CSV';

/** The documented template (docs/guide/en/scan-csv-template.md): header names, any order. */
export const GENERIC_CSV_COLUMNS = {
  title: ['title'],
  severity: ['severity'],
  host: ['host'],
  port: ['port'],
  protocol: ['protocol'],
  cve: ['cve'],
  cwe: ['cwe'],
  cvss_score: ['cvss_score'],
  cvss_vector: ['cvss_vector'],
  description: ['description'],
  solution: ['solution'],
  evidence: ['evidence'],
  plugin_id: ['plugin_id'],
  url: ['url'],
} as const;
type Column = keyof typeof GENERIC_CSV_COLUMNS;
const SPEC = GENERIC_CSV_COLUMNS as unknown as Record<Column, string[]>;

/**
 * The generic CSV template for tools without a parser. Required: title, severity
 * (info/low/medium/high/critical, or a CVSS score 0–10). Host-less rows are allowed (the import
 * then needs a system). Fingerprint: `csv|<plugin_id or lower-case title>|<host>|<port>/<protocol>|<url>`.
 */
export const parseGenericCsv: ScanParser = async function* (input) {
  yield { kind: 'meta', meta: { tool: TOOL, toolVersion: null, startedAt: null, finishedAt: null, targets: [] } };
  const hosts = new HostTracker();
  for await (const row of csvTable(input, SPEC, ['title', 'severity'], 'CSV')) {
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
};

function rowEvent(at: number, get: (c: Column) => string | null): ScanEvent {
  const title = textOf(get('title'), 500);
  if (!title) return skippedEvent({ at, reason: 'scan_skip_missing_field', params: { field: 'title' } });
  const word = get('severity');
  const asScore = cvssScoreOf(word);
  const severity = severityOfWord(word) ?? (asScore !== null ? severityOfCvss(asScore) : null);
  if (!severity) return skippedEvent({ at, reason: 'scan_skip_bad_severity', params: { value: word ?? '' } });
  const port = portOf(get('port'));
  if (port === undefined)
    return skippedEvent({ at, reason: 'scan_skip_bad_port', params: { value: get('port') ?? '' } });
  const url = get('url');
  const hostText = get('host') ?? urlParts(url).hostname;
  const f = blankFinding(TOOL, title, severity);
  Object.assign(f, hostParts(hostText, hostText));
  f.pluginId = get('plugin_id');
  f.scannerSeverity = word;
  f.cvssScore = cvssScoreOf(get('cvss_score'));
  f.cvssVector = get('cvss_vector');
  f.cves = cvesOf(get('cve'));
  f.cwes = cwesOf((get('cwe') ?? '').split(/[,;]/), true);
  f.port = port && port > 0 ? port : null;
  f.protocol = protocolOf(get('protocol')) ?? (f.port ? 'tcp' : null);
  f.url = url;
  f.description = textOf(get('description'));
  f.solution = textOf(get('solution'));
  f.evidence = evidenceOf(get('evidence'));
  f.fingerprint = [
    'csv',
    f.pluginId ?? title.toLowerCase(),
    f.host ?? '',
    f.port ? portKey(f.port, f.protocol) : '',
    urlKey(url),
  ].join('|');
  return { kind: 'finding', finding: f };
}
