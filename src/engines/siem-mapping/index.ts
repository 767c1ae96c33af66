/**
 * SIEM alert mapping: a JSON alert + a mapping (JSON paths) → the facts of an incident report.
 * Pure: no I/O. Wazuh's alert format has a built-in mapping (wazuh.ts).
 */
export * from './mapping.ts';
export { type PathSegment, parsePath, resolvePath } from './path.ts';
export { applyWazuh, WAZUH_DEFAULT_MIN_LEVEL, WAZUH_MAPPING } from './wazuh.ts';
