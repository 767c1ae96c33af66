import { isIP } from 'node:net';
import { EVIDENCE_MAX, type FindingSeverity, type ParsedFinding, TEXT_MAX } from '../types.ts';

/** CVSS base score → severity (CVSS v3 qualitative scale; 0 is informational). */
export function severityOfCvss(score: number): FindingSeverity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

/** A CVSS score written as text ("7.5", "7,5"); null when absent or outside 0–10. */
export function cvssScoreOf(text: string | null | undefined): number | null {
  const t = text?.trim().replace(',', '.');
  if (!t) return null;
  if (!/^\d{1,2}(\.\d+)?$/.test(t)) return null;
  const n = Number(t);
  return n >= 0 && n <= 10 ? n : null;
}

/** Severity words the scanners use (Nessus "None", OpenVAS "Log", ZAP "Informational"…); null if unknown. */
export function severityOfWord(word: string | null | undefined): FindingSeverity | null {
  switch (word?.trim().toLowerCase()) {
    case 'critical':
    case 'crit':
      return 'critical';
    case 'high':
      return 'high';
    case 'medium':
    case 'moderate':
    case 'med':
      return 'medium';
    case 'low':
      return 'low';
    case 'info':
    case 'information':
    case 'informational':
    case 'none':
    case 'log':
    case 'debug':
    case 'unknown':
      return 'info';
    default:
      return null;
  }
}

const CVE = /CVE-\d{4}-\d{4,}/gi;
const CWE = /CWE[-_ #:]*(\d{1,5})/gi;

/** Upper-case, de-duplicated CVE ids found in the texts (lists, comma/semicolon separated or prose). */
export function cvesOf(...texts: (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const t of texts) for (const m of t?.matchAll(CVE) ?? []) out.add(m[0].toUpperCase());
  return [...out];
}

/** "CWE-79" ids from texts such as "CWE-79", "CWE #79", "cwe_79"; bare numbers count when `bare` is set. */
export function cwesOf(texts: (string | number | null | undefined)[], bare = false): string[] {
  const out = new Set<string>();
  for (const t of texts) {
    if (t === null || t === undefined) continue;
    const s = String(t);
    if (bare && /^\s*\d{1,5}\s*$/.test(s)) {
      const n = Number(s);
      if (n > 0) out.add(`CWE-${n}`);
      continue;
    }
    for (const m of s.matchAll(CWE)) out.add(`CWE-${Number(m[1])}`);
  }
  return [...out];
}

/** Trimmed text or null; cut to `max` characters. */
export function textOf(value: unknown, max = TEXT_MAX): string | null {
  if (value === null || value === undefined) return null;
  const s = (typeof value === 'string' ? value : String(value)).trim();
  if (!s) return null;
  return s.length > max ? s.slice(0, max) : s;
}

export function evidenceOf(value: unknown): string | null {
  return textOf(value, EVIDENCE_MAX);
}

/** A TCP/UDP port from text; null when absent, undefined when present but not a port (so the caller can skip). */
export function portOf(text: string | number | null | undefined): number | null | undefined {
  if (text === null || text === undefined) return null;
  const t = String(text).trim();
  if (!t) return null;
  if (!/^\d{1,5}$/.test(t)) return undefined;
  const n = Number(t);
  return n <= 65535 ? n : undefined;
}

export function protocolOf(text: string | null | undefined): 'tcp' | 'udp' | null {
  const t = text?.trim().toLowerCase();
  return t === 'tcp' || t === 'udp' ? t : null;
}

export type HostParts = Pick<ParsedFinding, 'host' | 'hostIp' | 'hostName'>;

/**
 * Host fields from an address and/or a name as the file gives them: `host` is the IP when known,
 * else the lower-case name (this is also the host in fingerprints).
 */
export function hostParts(ip: string | null | undefined, name: string | null | undefined): HostParts {
  let addr = ip?.trim() || null;
  let dns = name?.trim().toLowerCase().replace(/\.$/, '') || null;
  if (addr && !isIP(addr)) {
    dns ??= addr.toLowerCase();
    addr = null;
  }
  if (dns && isIP(dns)) {
    addr ??= dns;
    dns = null;
  }
  return { host: addr ?? dns, hostIp: addr, hostName: dns };
}

/** A URL for fingerprints: scheme, host, port and path kept; query values dropped (names kept, sorted). */
export function urlKey(raw: string | null | undefined): string {
  if (!raw) return '';
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return raw.trim().replace(/\?.*$/, '');
  }
  const names = [...new Set([...u.searchParams.keys()])].sort();
  const query = names.length ? `?${names.join('&')}` : '';
  return `${u.protocol}//${u.host.toLowerCase()}${u.pathname}${query}`;
}

/** Host name and port of a URL or "host:port" text; nulls when it is neither. */
export function urlParts(raw: string | null | undefined): { hostname: string | null; port: number | null } {
  const t = raw?.trim();
  if (!t) return { hostname: null, port: null };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(t) ? t : `tcp://${t}`;
  try {
    const u = new URL(withScheme);
    const hostname = u.hostname.replace(/^\[|\]$/g, '').toLowerCase() || null;
    const port = u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : u.protocol === 'http:' ? 80 : null;
    return { hostname, port };
  } catch {
    return { hostname: null, port: null };
  }
}

/** A finding with every optional field null; parsers fill in what their format has. */
export function blankFinding(tool: string, title: string, severity: FindingSeverity): ParsedFinding {
  return {
    tool,
    pluginId: null,
    title,
    severity,
    scannerSeverity: null,
    cvssVector: null,
    cvssScore: null,
    cves: [],
    cwes: [],
    host: null,
    hostIp: null,
    hostName: null,
    port: null,
    protocol: null,
    service: null,
    url: null,
    parameter: null,
    location: null,
    description: null,
    solution: null,
    evidence: null,
    fingerprint: '',
  };
}
