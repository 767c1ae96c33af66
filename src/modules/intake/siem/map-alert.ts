import { applyMapping, applyWazuh, type MappingResult, type SiemMapping } from '../../../engines/siem-mapping/index.ts';
import type { SiemKind } from './tables.ts';

/** An alert through its source's mapping: Wazuh's built-in one, or the generic source's own. */
export function mapAlert(kind: SiemKind, mapping: SiemMapping | null | undefined, alert: unknown): MappingResult {
  if (kind === 'wazuh') return applyWazuh(alert);
  if (!mapping) return { ok: false, problems: [{ field: 'title', reason: 'path_invalid', path: '' }] };
  return applyMapping(alert, mapping);
}

/** Below the source's level: stored, not queued for triage. An alert without a level is queued. */
export function isQueued(level: number | null, minLevel: number): boolean {
  return level === null || level >= minLevel;
}
