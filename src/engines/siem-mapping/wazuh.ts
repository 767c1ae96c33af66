import { applyMapping, clean, cut, DESCRIPTION_LIMIT, type MappingResult, type SiemMapping } from './mapping.ts';

/**
 * Wazuh's alert JSON (alerts.json, and what the Integrator hands a custom integration): `id` is
 * "<epoch>.<offset>", `rule.level` 0–15, `rule.description`, `timestamp` like
 * "2026-11-24T09:15:02.123+0700", `agent` the monitored host, `data.*` the decoded fields,
 * `syscheck` the file integrity facts.
 */
export const WAZUH_MAPPING: SiemMapping = {
  externalId: 'id',
  title: 'rule.description',
  description: 'full_log',
  level: 'rule.level',
  detectedAt: 'timestamp',
  observables: [
    { path: 'data.srcip', type: 'ip', group: true },
    { path: 'data.dstip', type: 'ip', group: true },
    { path: 'data.url', type: 'url', group: true },
    { path: 'data.hostname', type: 'domain', group: true },
    { path: 'data.win.eventdata.destinationIp', type: 'ip', group: true },
    { path: 'data.win.eventdata.sourceIp', type: 'ip', group: true },
    { path: 'syscheck.md5_after', type: 'md5', group: true },
    { path: 'syscheck.sha1_after', type: 'sha1', group: true },
    { path: 'syscheck.sha256_after', type: 'sha256', group: true },
    // the monitored host itself: every alert of an agent shares it, so it does not group them
    { path: 'agent.ip', type: 'ip', group: false },
  ],
};

/** Wazuh's default for sending to a custom integration is every alert; ours queues from level 7. */
export const WAZUH_DEFAULT_MIN_LEVEL = 7;

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.filter((x) => typeof x === 'string' || typeof x === 'number').join(', ');
  return undefined;
}

function at(o: unknown, ...keys: string[]): unknown {
  let v = o;
  for (const k of keys) {
    if (v === null || typeof v !== 'object' || Array.isArray(v) || !Object.hasOwn(v, k)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

/** The built-in mapping, with a description that names the rule, agent and MITRE technique. */
export function applyWazuh(alert: unknown): MappingResult {
  const r = applyMapping(alert, WAZUH_MAPPING);
  if (!r.ok) return r;
  const lines = [
    ['Rule', [text(at(alert, 'rule', 'id')), text(at(alert, 'rule', 'description'))].filter(Boolean).join(' — ')],
    ['Level', text(at(alert, 'rule', 'level'))],
    ['Groups', text(at(alert, 'rule', 'groups'))],
    ['MITRE ATT&CK', text(at(alert, 'rule', 'mitre', 'id'))],
    ['Agent', [text(at(alert, 'agent', 'name')), text(at(alert, 'agent', 'ip'))].filter(Boolean).join(' ')],
    ['Location', text(at(alert, 'location'))],
    ['File', text(at(alert, 'syscheck', 'path'))],
  ]
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}: ${v}`);
  const log = r.alert.description;
  const description = cut(clean([...lines, ...(log ? ['', log] : [])].join('\n'), true), DESCRIPTION_LIMIT);
  return { ok: true, alert: { ...r.alert, description } };
}
