import { HostTracker } from '../common/hosts.ts';
import { jsonLines } from '../common/json-lines.ts';
import { firstSignificant, isRecord, jsonValues, str, strList } from '../common/json-values.ts';
import {
  blankFinding,
  cvesOf,
  cvssScoreOf,
  cwesOf,
  evidenceOf,
  hostParts,
  portOf,
  severityOfWord,
  textOf,
  urlKey,
  urlParts,
} from '../common/normalise.ts';
import { peekHead } from '../common/peek.ts';
import { type ParsedFinding, ScanFormatError, type ScanParser } from '../types.ts';

const TOOL = 'Nuclei';

/**
 * Nuclei results: JSON Lines (`-jsonl`, one result per line) or a JSON array (`-json-export`),
 * chosen by the first character. Both the v2 (`templateID`, `matched`) and v3 (`template-id`,
 * `matched-at`) key spellings are read. Each result is one finding; each host it names is covered.
 */
export const parseNuclei: ScanParser = async function* (input) {
  const { head, stream: all } = await peekHead(input, 64);
  const first = firstSignificant(head);
  yield { kind: 'meta', meta: { tool: TOOL, toolVersion: null, startedAt: null, finishedAt: null, targets: [] } };
  if (first === '') return;
  if (first !== '[' && first !== '{') throw new ScanFormatError('scan_not_format', { format: 'Nuclei' });
  const hosts = new HostTracker();
  let any = false;
  if (first === '[') {
    for await (const hit of jsonValues(all, ['$.*'])) {
      if (!any && !looksLikeResult(hit.value)) throw new ScanFormatError('scan_not_format', { format: 'Nuclei' });
      any = true;
      yield* withHost(resultEvent(hit.value, Number(hit.path[0]) + 1), hosts);
    }
    return;
  }
  for await (const line of jsonLines(all)) {
    if ('truncated' in line) throw new ScanFormatError('scan_truncated');
    if ('error' in line) {
      if (!any) throw new ScanFormatError('scan_not_format', { format: 'Nuclei' });
      yield { kind: 'skipped', skipped: { at: line.at, reason: line.error } };
      continue;
    }
    if (!any && !looksLikeResult(line.value)) throw new ScanFormatError('scan_not_format', { format: 'Nuclei' });
    any = true;
    yield* withHost(resultEvent(line.value, line.at), hosts);
  }
};

type Result = { kind: 'finding'; finding: ParsedFinding } | ReturnType<typeof skipped>;

function skipped(at: number, reason = 'scan_skip_bad_record', params?: Record<string, string>) {
  return { kind: 'skipped' as const, skipped: { at, reason, ...(params ? { params } : {}) } };
}

function* withHost(event: Result, hosts: HostTracker) {
  if (event.kind === 'finding') {
    const covered = hosts.first(event.finding);
    if (covered) yield { kind: 'host' as const, host: covered };
  }
  yield event;
}

function templateIdOf(r: Record<string, unknown>): string | null {
  return str(r['template-id']) ?? str(r.templateID) ?? str(r.template_id);
}

export function looksLikeResult(v: unknown): boolean {
  return isRecord(v) && templateIdOf(v) !== null && isRecord(v.info);
}

function resultEvent(v: unknown, at: number): Result {
  if (!isRecord(v)) return skipped(at);
  const templateId = templateIdOf(v);
  if (!templateId) return skipped(at, 'scan_skip_missing_field', { field: 'template-id' });
  const info = isRecord(v.info) ? v.info : {};
  const word = str(info.severity);
  const severity = severityOfWord(word) ?? 'info';
  const matcher = str(v['matcher-name']) ?? str(v.matcher_name);
  const matched = str(v['matched-at']) ?? str(v.matched) ?? str(v.url) ?? str(v.host);
  const name = str(info.name) ?? templateId;
  const f = blankFinding(TOOL, matcher ? `${name} (${matcher})` : name, severity);
  f.pluginId = templateId;
  f.scannerSeverity = word;
  const cls = isRecord(info.classification) ? info.classification : {};
  f.cvssVector = textOf(str(cls['cvss-metrics']));
  f.cvssScore = cvssScoreOf(str(cls['cvss-score']));
  f.cves = cvesOf(...strList(cls['cve-id']));
  f.cwes = cwesOf(strList(cls['cwe-id']));
  const fromUrl = urlParts(matched);
  const fromHost = urlParts(str(v.host));
  Object.assign(f, hostParts(str(v.ip), fromHost.hostname ?? fromUrl.hostname));
  f.port = portOf(str(v.port)) ?? fromUrl.port ?? fromHost.port ?? null;
  const type = str(v.type)?.toLowerCase() ?? null;
  f.protocol = f.port === null ? null : type === 'dns' ? 'udp' : 'tcp';
  f.service = type;
  f.url = matched && /^https?:\/\//i.test(matched) ? matched : null;
  f.description = textOf(str(info.description));
  f.solution = textOf(str(info.remediation));
  const extracted = strList(v['extracted-results'] ?? v.extracted_results);
  f.evidence = evidenceOf(extracted.join('\n') || matcher);
  f.fingerprint = [
    'nuclei',
    templateId,
    matcher ?? '',
    f.host ?? '',
    f.port ?? '',
    f.url ? urlKey(f.url) : (matched?.toLowerCase() ?? ''),
  ].join('|');
  return { kind: 'finding', finding: f };
}
