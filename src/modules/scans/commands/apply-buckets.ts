import type pg from 'pg';
import type { SlaDays } from '../sla.ts';

export type BucketParams = {
  scanId: string;
  now: Date;
  actor: string;
  family: string;
  /** hosts no system owns go to the unknown-assets queue (not for --system or member imports) */
  queueUnknown: boolean;
  sla: SlaDays;
};

export type BucketCounts = {
  findings: number;
  new: number;
  unchanged: number;
  reopened: number;
  fixed: number;
  suppressed: number;
  leftOpenNotCovered: number;
};

/** Casts each `$n` to its type: PostgreSQL cannot deduce one parameter used in several contexts. */
function typed(statement: string, types: string[]): string {
  return statement.replace(/\$(\d+)(?!\d|::)/g, (_, n: string) => `$${n}::${types[Number(n) - 1]}`);
}

// $4 is the SLA days by severity (jsonb) in the statements that set deadlines.
const SLA_FROM = (base: string, severity: string) => `${base} + ($4 ->> ${severity})::int * interval '1 day'`;

/** The file's findings de-duplicated by fingerprint (first occurrence wins), matched to existing findings. */
const SCAN_IN = `
CREATE TEMP TABLE scan_in ON COMMIT DROP AS
SELECT x.*,
       CASE WHEN x.bucket IN ('new', 'reopened') THEN 'open'
            WHEN x.bucket = 'suppressed' THEN x.old_status
            WHEN x.old_status IN ('fixed-claimed', 'risk-accepted') THEN 'open'
            ELSE x.old_status END AS new_status
  FROM (
    SELECT d.*, coalesce(f.id, gen_random_uuid()) AS finding_id, f.status AS old_status,
           CASE WHEN f.id IS NULL THEN 'new'
                WHEN f.status = 'verified' THEN 'reopened'
                WHEN f.status = 'false-positive'
                  OR (f.status = 'risk-accepted' AND (f.risk_expires_at IS NULL OR f.risk_expires_at > $1)) THEN 'suppressed'
                ELSE 'unchanged' END AS bucket
      FROM (SELECT DISTINCT ON (s.fp) s.*, c.system_id
              FROM scan_stage s JOIN scan_cover c ON c.host = coalesce(s.host, '')
             WHERE c.allowed
             ORDER BY s.fp, s.seq) d
      LEFT JOIN findings f ON f.fingerprint = d.fp AND f.system_id IS NOT DISTINCT FROM d.system_id
  ) x`;

const UPDATE_SEEN = `
UPDATE findings f SET
  last_seen_at = $1, last_scan_id = $2, tool = i.tool, plugin_id = i.plugin_id, title = i.title,
  severity = i.severity, scanner_severity = i.scanner_severity, cvss_vector = i.cvss_vector,
  cvss_score = i.cvss_score, cves = i.cves, cwes = i.cwes,
  host_ip = coalesce(i.host_ip, f.host_ip), host_name = coalesce(i.host_name, f.host_name),
  port = i.port, protocol = i.protocol, service = i.service, url = i.url, parameter = i.parameter,
  location = i.location, description = i.description, solution = i.solution, evidence = i.evidence,
  status = i.new_status,
  status_at = CASE WHEN i.new_status <> i.old_status THEN $1 ELSE f.status_at END,
  status_by = CASE WHEN i.new_status <> i.old_status THEN $3 ELSE f.status_by END,
  status_reason = CASE WHEN i.new_status <> i.old_status THEN 'scan:' || i.bucket ELSE f.status_reason END,
  reopened_count = f.reopened_count + CASE WHEN i.bucket = 'reopened' THEN 1 ELSE 0 END,
  sla_due_at = ${SLA_FROM("CASE WHEN i.bucket = 'reopened' THEN $1 ELSE f.first_seen_at END", 'i.severity')}
FROM scan_in i
WHERE i.bucket <> 'new' AND f.id = i.finding_id`;

const INSERT_NEW = `
INSERT INTO findings (id, system_id, fingerprint, family, tool, plugin_id, title, severity, scanner_severity,
  cvss_vector, cvss_score, cves, cwes, host, host_ip, host_name, port, protocol, service, url, parameter,
  location, description, solution, evidence, status, first_seen_at, last_seen_at, first_scan_id, last_scan_id,
  sla_due_at)
SELECT finding_id, system_id, fp, $3, tool, plugin_id, title, severity, scanner_severity,
  cvss_vector, cvss_score, cves, cwes, host, host_ip, host_name, port, protocol, service, url, parameter,
  location, description, solution, evidence, 'open', $1, $1, $2, $2, ${SLA_FROM('$1', 'severity')}
  FROM scan_in WHERE bucket = 'new'`;

/**
 * Findings of this family, open (or risk-accepted past expiry), in the systems this scan touched
 * (or unassigned on a host it covered), that this scan did not show. `covered`: the scan covered
 * the host — and the port, when the format lists scanned ports — so the absence means fixed.
 */
const SCAN_ABSENT = `
CREATE TEMP TABLE scan_absent ON COMMIT DROP AS
SELECT f.id, f.status AS old_status,
       (c.host IS NOT NULL AND (c.ports IS NULL OR coalesce(f.port, 0) = 0
         OR (coalesce(f.protocol, 'tcp') || '/' || f.port) = ANY (c.ports))) AS covered
  FROM findings f
  LEFT JOIN scan_cover c ON c.allowed AND c.host = coalesce(f.host, '') AND c.system_id IS NOT DISTINCT FROM f.system_id
 WHERE f.family = $3
   AND (f.status IN ('open', 'in-remediation', 'fixed-claimed') OR (f.status = 'risk-accepted' AND f.risk_expires_at <= $1))
   AND (f.system_id IN (SELECT system_id FROM scan_cover WHERE allowed AND system_id IS NOT NULL)
        OR (f.system_id IS NULL AND c.host IS NOT NULL))
   AND f.last_scan_id IS DISTINCT FROM $2`;

const CLOSE_FIXED = `
UPDATE findings f SET status = 'verified', status_at = $1, status_by = $2, status_reason = 'scan:fixed'
  FROM scan_absent a WHERE a.covered AND f.id = a.id`;

/**
 * History: reopened, fixed and status changes. A new finding's birth is on the finding itself
 * (first_seen_at, first_scan_id) and a finding merely seen again has its last_seen: 100k event
 * rows per import would cost more than the rest of the import.
 */
const EVENTS = `
INSERT INTO finding_events (finding_id, scan_id, kind, from_status, to_status, actor, at)
SELECT finding_id, $2, bucket, old_status, new_status, $3, $1 FROM scan_in
 WHERE bucket = 'reopened' OR (bucket <> 'new' AND new_status IS DISTINCT FROM old_status)
UNION ALL
SELECT id, $2, 'fixed', old_status, 'verified', $3, $1 FROM scan_absent WHERE covered`;

const UNKNOWN_ASSETS = `
INSERT INTO unknown_assets AS u (host, host_ip, host_name, first_seen_at, last_seen_at, scan_count, last_scan_id)
SELECT host, host_ip, host_name, $1, $1, 1, $2
  FROM scan_cover WHERE system_id IS NULL AND allowed AND has_findings AND host <> ''
ON CONFLICT (host) DO UPDATE SET
  last_seen_at = excluded.last_seen_at, scan_count = u.scan_count + 1, last_scan_id = excluded.last_scan_id,
  host_ip = coalesce(excluded.host_ip, u.host_ip), host_name = coalesce(excluded.host_name, u.host_name)`;

const SCAN_HOSTS = `
INSERT INTO scan_hosts (scan_id, host, host_ip, host_name, ports, system_id)
SELECT $1, host, host_ip, host_name, to_jsonb(ports), CASE WHEN allowed THEN system_id END
  FROM scan_cover WHERE host <> ''`;

/** CANHGAC_SCANS_TRACE=true: each statement's duration on stderr (benchmark analysis). */
function traced(client: pg.PoolClient): Pick<pg.PoolClient, 'query'> {
  if (process.env.CANHGAC_SCANS_TRACE !== 'true') return client;
  return {
    query: (async (text: string, values?: unknown[]) => {
      const t0 = performance.now();
      const r = await client.query(text, values);
      process.stderr.write(
        `trace ${(performance.now() - t0).toFixed(0)} ms ${text.trim().split('\n')[0]?.slice(0, 60)}\n`,
      );
      return r;
    }) as pg.PoolClient['query'],
  };
}

const T = 'timestamptz';
const U = 'uuid';
const X = 'text';
const J = 'jsonb';

/**
 * The re-scan semantics of issue #7, set-based over the staged file: new / unchanged (a claimed
 * fix or an expired risk acceptance seen again → open) / reopened (verified seen again) /
 * suppressed (false positive, risk accepted: state kept) / fixed (absent, covered → verified) /
 * left open (absent, not covered).
 */
export async function applyBuckets(pgClient: pg.PoolClient, p: BucketParams): Promise<BucketCounts> {
  const client = traced(pgClient);
  await client.query("SET LOCAL work_mem = '64MB'");
  await client.query(typed(SCAN_IN, [T]), [p.now]);
  const sla = JSON.stringify(p.sla);
  await client.query(typed(UPDATE_SEEN, [T, U, X, J]), [p.now, p.scanId, p.actor, sla]);
  await client.query(typed(INSERT_NEW, [T, U, X, J]), [p.now, p.scanId, p.family, sla]);
  await client.query(typed(SCAN_ABSENT, [T, U, X]), [p.now, p.scanId, p.family]);
  await client.query(typed(CLOSE_FIXED, [T, X]), [p.now, p.actor]);
  await client.query(typed(EVENTS, [T, U, X]), [p.now, p.scanId, p.actor]);
  if (p.queueUnknown) await client.query(typed(UNKNOWN_ASSETS, [T, U]), [p.now, p.scanId]);
  await client.query(typed(SCAN_HOSTS, [U]), [p.scanId]);

  const counts: BucketCounts = {
    findings: 0,
    new: 0,
    unchanged: 0,
    reopened: 0,
    fixed: 0,
    suppressed: 0,
    leftOpenNotCovered: 0,
  };
  const buckets = await client.query<{ bucket: keyof BucketCounts; n: number }>(
    'SELECT bucket, count(*)::int AS n FROM scan_in GROUP BY bucket',
  );
  for (const b of buckets.rows) {
    counts[b.bucket] = b.n;
    counts.findings += b.n;
  }
  const absent = await client.query<{ covered: boolean; n: number }>(
    'SELECT covered, count(*)::int AS n FROM scan_absent GROUP BY covered',
  );
  for (const a of absent.rows) counts[a.covered ? 'fixed' : 'leftOpenNotCovered'] = a.n;
  return counts;
}
