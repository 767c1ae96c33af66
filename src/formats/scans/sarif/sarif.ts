import { isRecord, jsonValues, str, strList } from '../common/json-values.ts';
import { blankFinding, cvesOf, cvssScoreOf, cwesOf, evidenceOf, severityOfCvss, textOf } from '../common/normalise.ts';
import type { FindingSeverity, ParsedFinding, ScanEvent, ScanParser } from '../types.ts';
import { ScanFormatError } from '../types.ts';

const LEVEL: Record<string, FindingSeverity> = { error: 'high', warning: 'medium', note: 'low', none: 'info' };
const NOT_FAILURES = new Set(['pass', 'notApplicable']);

type Rule = Record<string, unknown>;
type Run = { tool: string; version: string | null; rulesById: Map<string, Rule>; rules: Rule[] };

/**
 * SARIF 2.1 (`runs[]` → `tool.driver` + `results[]`), streamed result by result. Rules are read
 * from `tool.driver.rules` and `tool.extensions[].rules`, which SARIF writers put before the
 * results. Findings are host-less: `location` is "uri:line". A file with no runs has no findings.
 */
export const parseSarif: ScanParser = async function* (input) {
  let sarif = false;
  let metaSent = false;
  const runs = new Map<number, Run>();
  const meta = (run: Run | undefined): ScanEvent => ({
    kind: 'meta',
    meta: {
      tool: run?.tool ?? 'SARIF',
      toolVersion: run?.version ?? null,
      startedAt: null,
      finishedAt: null,
      targets: [],
    },
  });
  let resultNo = 0;
  for await (const { path, value } of jsonValues(input, [
    '$.version',
    '$.$schema',
    '$.runs.*.tool',
    '$.runs.*.results.*',
  ])) {
    if (path.length === 1) {
      const text = str(value) ?? '';
      if (path[0] === 'version' && /^2\./.test(text)) sarif = true;
      if (path[0] === '$schema' && /sarif/i.test(text)) sarif = true;
      continue;
    }
    const runNo = Number(path[1]);
    if (path[2] === 'tool') {
      const run = runOf(value);
      runs.set(runNo, run);
      if (!metaSent) {
        metaSent = true;
        yield meta(run);
      }
      continue;
    }
    if (!metaSent) {
      metaSent = true;
      yield meta(undefined);
    }
    resultNo++;
    yield resultEvent(value, runs.get(runNo) ?? runOf(null), resultNo);
  }
  if (!sarif) throw new ScanFormatError('scan_not_format', { format: 'SARIF 2.1' });
  if (!metaSent) yield meta(undefined);
};

function runOf(tool: unknown): Run {
  const t = isRecord(tool) ? tool : {};
  const driver = isRecord(t.driver) ? t.driver : {};
  const rules = Array.isArray(driver.rules) ? driver.rules.filter(isRecord) : [];
  const rulesById = new Map<string, Rule>();
  const extensions = Array.isArray(t.extensions) ? t.extensions.filter(isRecord) : [];
  for (const r of [...rules, ...extensions.flatMap((e) => (Array.isArray(e.rules) ? e.rules.filter(isRecord) : []))]) {
    const id = str(r.id);
    if (id && !rulesById.has(id)) rulesById.set(id, r);
  }
  return {
    tool: textOf(str(driver.name), 200) ?? 'SARIF',
    version: str(driver.semanticVersion) ?? str(driver.version),
    rulesById,
    rules,
  };
}

function textField(v: unknown): string | null {
  return isRecord(v) ? str(v.text) : null;
}

function ruleOf(result: Record<string, unknown>, run: Run): { id: string | null; rule: Rule } {
  const ref = isRecord(result.rule) ? result.rule : {};
  const id = str(result.ruleId) ?? str(ref.id);
  const index =
    typeof result.ruleIndex === 'number' ? result.ruleIndex : typeof ref.index === 'number' ? ref.index : -1;
  const rule = (id ? run.rulesById.get(id) : undefined) ?? run.rules[index] ?? {};
  return { id: id ?? str(rule.id), rule };
}

function locationOf(result: Record<string, unknown>): { location: string | null; snippet: string | null } {
  const first = Array.isArray(result.locations) ? result.locations.find(isRecord) : undefined;
  const physical = first && isRecord(first.physicalLocation) ? first.physicalLocation : null;
  if (!physical) {
    const logical = first && Array.isArray(first.logicalLocations) ? first.logicalLocations.find(isRecord) : undefined;
    return { location: logical ? (str(logical.fullyQualifiedName) ?? str(logical.name)) : null, snippet: null };
  }
  const artifact = isRecord(physical.artifactLocation) ? physical.artifactLocation : {};
  const region = isRecord(physical.region) ? physical.region : {};
  const uri = str(artifact.uri);
  const line = typeof region.startLine === 'number' ? region.startLine : null;
  return {
    location: uri ? (line ? `${uri}:${line}` : uri) : null,
    snippet: textField(region.snippet),
  };
}

function severityOf(result: Record<string, unknown>, rule: Rule): { severity: FindingSeverity; label: string } {
  const resultProps = isRecord(result.properties) ? result.properties : {};
  const ruleProps = isRecord(rule.properties) ? rule.properties : {};
  const securitySeverity = cvssScoreOf(str(resultProps['security-severity']) ?? str(ruleProps['security-severity']));
  const config = isRecord(rule.defaultConfiguration) ? rule.defaultConfiguration : {};
  const level = str(result.level) ?? str(config.level) ?? 'warning';
  if (securitySeverity !== null)
    return { severity: severityOfCvss(securitySeverity), label: `${level} (security-severity ${securitySeverity})` };
  return { severity: LEVEL[level] ?? 'medium', label: level };
}

function resultEvent(value: unknown, run: Run, at: number): ScanEvent {
  if (!isRecord(value)) return { kind: 'skipped', skipped: { at, reason: 'scan_skip_bad_record' } };
  const kind = str(value.kind);
  if (kind && NOT_FAILURES.has(kind))
    return { kind: 'skipped', skipped: { at, reason: 'scan_skip_not_failure', params: { kind } } };
  const { id, rule } = ruleOf(value, run);
  const message = textField(value.message);
  if (!id && !message)
    return { kind: 'skipped', skipped: { at, reason: 'scan_skip_missing_field', params: { field: 'ruleId' } } };
  const { severity, label } = severityOf(value, rule);
  const title =
    textOf(textField(rule.shortDescription), 500) ??
    textOf(str(rule.name), 500) ??
    textOf(message?.split('\n', 1)[0], 500) ??
    id ??
    'SARIF result';
  const f: ParsedFinding = blankFinding(run.tool, title, severity);
  const ruleProps = isRecord(rule.properties) ? rule.properties : {};
  f.pluginId = id;
  f.scannerSeverity = label;
  f.cves = cvesOf(id, title);
  f.cwes = cwesOf([...strList(ruleProps.tags), ...strList(ruleProps.cwe)]);
  const { location, snippet } = locationOf(value);
  f.location = location;
  f.description = textOf([...new Set([message, textField(rule.fullDescription)])].filter(Boolean).join('\n\n'));
  const helpUri = str(rule.helpUri);
  f.solution = textOf([textField(rule.help), helpUri].filter(Boolean).join('\n'));
  f.evidence = evidenceOf(snippet);
  f.fingerprint = `sarif|${run.tool}|${id ?? title}|${location ?? ''}`;
  return { kind: 'finding', finding: f };
}
