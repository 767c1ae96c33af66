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
} from '../common/normalise.ts';
import type { ParsedFinding, ScanEvent, ScanParser } from '../types.ts';
import { portKey } from '../xml/fields.ts';

const TOOL = 'Nessus';

/** Nessus "CSV" exports and Tenable.sc vulnerability CSVs spell the same columns differently. */
const COLUMNS = {
  pluginId: ['Plugin ID', 'Plugin'],
  name: ['Name', 'Plugin Name'],
  risk: ['Risk', 'Severity'],
  riskFactor: ['Risk Factor'],
  host: ['Host'],
  ip: ['IP Address', 'IP'],
  dns: ['DNS Name', 'FQDN', 'Host Name'],
  protocol: ['Protocol'],
  port: ['Port'],
  cve: ['CVE'],
  cvss2: ['CVSS v2.0 Base Score', 'CVSS V2 Base Score', 'CVSS'],
  cvss3: ['CVSS v3.0 Base Score', 'CVSS V3 Base Score', 'CVSS v3 Base Score'],
  vector2: ['CVSS v2.0 Vector', 'CVSS V2 Vector'],
  vector3: ['CVSS v3.0 Vector', 'CVSS V3 Vector'],
  synopsis: ['Synopsis'],
  description: ['Description'],
  solution: ['Solution'],
  output: ['Plugin Output', 'Plugin Text'],
  xref: ['Cross References', 'XREF'],
} as const;
type Column = keyof typeof COLUMNS;
const SPEC = COLUMNS as unknown as Record<Column, string[]>;

/**
 * Nessus / Tenable.sc CSV export. Nessus writes one row per CVE of a plugin result, so consecutive
 * rows with the same fingerprint are merged into one finding with all their CVEs (only the
 * previous row is held). Each host named is covered (ports unknown in CSV).
 */
export const parseNessusCsv: ScanParser = async function* (input) {
  yield { kind: 'meta', meta: { tool: TOOL, toolVersion: null, startedAt: null, finishedAt: null, targets: [] } };
  const hosts = new HostTracker();
  let pending: ParsedFinding | null = null;
  const rows = csvTable(input, SPEC, ['pluginId', 'name', 'risk', 'port'], 'Nessus CSV');
  for await (const row of rows) {
    if ('skipped' in row) {
      yield skippedEvent(row.skipped);
      continue;
    }
    const event = rowEvent(row.at, row.get);
    if (event.kind !== 'finding') {
      yield event;
      continue;
    }
    const f = event.finding;
    if (pending && pending.fingerprint === f.fingerprint) {
      pending.cves = [...new Set([...pending.cves, ...f.cves])];
      continue;
    }
    if (pending) yield { kind: 'finding', finding: pending };
    const covered = hosts.first(f);
    if (covered) yield { kind: 'host', host: covered };
    pending = f;
  }
  if (pending) yield { kind: 'finding', finding: pending };
};

function rowEvent(at: number, get: (c: Column) => string | null): ScanEvent {
  const pluginId = get('pluginId');
  if (!pluginId) return skippedEvent({ at, reason: 'scan_skip_missing_field', params: { field: 'Plugin ID' } });
  const parts = hostParts(get('ip') ?? get('host'), get('dns') ?? get('host'));
  if (!parts.host) return skippedEvent({ at, reason: 'scan_skip_missing_field', params: { field: 'Host' } });
  const port = portOf(get('port'));
  if (port === undefined)
    return skippedEvent({ at, reason: 'scan_skip_bad_port', params: { value: get('port') ?? '' } });
  const word = get('risk') ?? get('riskFactor');
  const score = cvssScoreOf(get('cvss3')) ?? cvssScoreOf(get('cvss2'));
  const severity = severityOfWord(word) ?? (score !== null ? severityOfCvss(score) : null);
  if (!severity) return skippedEvent({ at, reason: 'scan_skip_bad_severity', params: { value: word ?? '' } });
  const f = blankFinding(TOOL, textOf(get('name'), 500) ?? `Plugin ${pluginId}`, severity);
  Object.assign(f, parts);
  f.pluginId = pluginId;
  f.scannerSeverity = word;
  f.cvssScore = score;
  f.cvssVector = get('vector3') ?? get('vector2');
  f.cves = cvesOf(get('cve'));
  f.cwes = cwesOf([get('xref')]);
  f.port = port && port > 0 ? port : null;
  f.protocol = protocolOf(get('protocol'));
  f.description = textOf([get('synopsis'), get('description')].filter(Boolean).join('\n\n'));
  f.solution = textOf(get('solution'));
  f.evidence = evidenceOf(get('output')?.replace(/^Plugin Output:\s*/i, ''));
  f.fingerprint = `nessus|${pluginId}|${parts.host}|${portKey(f.port, f.protocol)}`;
  return { kind: 'finding', finding: f };
}
