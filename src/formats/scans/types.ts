/**
 * The contract every scan-format parser keeps (#7). A parser is a pure, streaming function: it
 * reads the file once with bounded memory and yields events; it never touches the database.
 */

export const SCAN_FORMATS = [
  'nessus',
  'nessus-csv',
  'openvas',
  'openvas-csv',
  'nuclei',
  'nmap',
  'zap',
  'burp',
  'sarif',
  'csv',
] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];

export const FINDING_SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

export type ParsedFinding = {
  /** the tool that produced it, e.g. "Nessus", "OpenVAS", "Nuclei", "Nmap", "OWASP ZAP" */
  tool: string;
  /** plugin / NVT OID / template id / rule id / script id — part of the fingerprint */
  pluginId: string | null;
  title: string;
  severity: FindingSeverity;
  /** the scanner's own severity label or number, as written in the file */
  scannerSeverity: string | null;
  cvssVector: string | null;
  cvssScore: number | null;
  /** upper-case CVE-YYYY-NNNN…, de-duplicated */
  cves: string[];
  /** "CWE-79", de-duplicated */
  cwes: string[];
  /** IP address or FQDN as the file names it (lower-case FQDN); null for host-less formats (SARIF, some CSV) */
  host: string | null;
  /** the host's IP when the file gives both a name and an address */
  hostIp: string | null;
  /** the host's name when the file gives both */
  hostName: string | null;
  port: number | null;
  protocol: 'tcp' | 'udp' | null;
  service: string | null;
  /** full URL for web findings (ZAP, Burp, Nuclei http) */
  url: string | null;
  /** vulnerable parameter (web) */
  parameter: string | null;
  /** source location for SARIF: "path/to/file.sh:12" */
  location: string | null;
  description: string | null;
  solution: string | null;
  /** plugin output / evidence, trimmed to EVIDENCE_MAX characters */
  evidence: string | null;
  /** the documented per-format fingerprint input (see fingerprintOf); stable across scans */
  fingerprint: string;
};

/** What the scan covered: judged per host, and per port where the format lists scanned ports. */
export type CoveredHost = {
  host: string;
  hostIp: string | null;
  hostName: string | null;
  /** ports the scan probed on this host (open or not); null when the format does not say */
  ports: { protocol: 'tcp' | 'udp'; port: number }[] | null;
};

export type SkippedRecord = {
  /** 1-based line (CSV/JSONL) or record number (XML/JSON) */
  at: number;
  /** message key with params for a localised reason */
  reason: string;
  params?: Record<string, string | number>;
};

export type ScanMeta = {
  tool: string;
  toolVersion: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** the scan's declared targets as written (e.g. Nmap args, Nessus policy targets) */
  targets: string[];
};

export type ScanEvent =
  | { kind: 'meta'; meta: ScanMeta }
  | { kind: 'host'; host: CoveredHost }
  | { kind: 'finding'; finding: ParsedFinding }
  | { kind: 'skipped'; skipped: SkippedRecord };

/**
 * A broken file: not this format, truncated, entity declarations (billion laughs), wrong
 * encoding. `key` is a message key (vi + en texts in the scans message part); nothing is imported.
 */
export class ScanFormatError extends Error {
  readonly key: string;
  readonly params: Record<string, string | number>;
  constructor(key: string, params: Record<string, string | number> = {}) {
    super(`${key} ${JSON.stringify(params)}`);
    this.key = key;
    this.params = params;
  }
}

export const EVIDENCE_MAX = 4000;
export const TEXT_MAX = 20_000;

/** A parser: reads a byte stream once and yields events in file order. */
export type ScanParser = (input: AsyncIterable<Uint8Array>) => AsyncGenerator<ScanEvent, void, undefined>;
