import type pg from 'pg';
import { notFound } from '../../../platform/errors.ts';
import { decodeCursor, paginate } from '../../../platform/pagination.ts';
import { type FindingFilter, findingWhere } from './finding-filter.ts';
import { type ScanVisibility, systemVisibleSql } from './policy.ts';

const FINDING_COLUMNS = `f.id, f.system_id AS "systemId", s.code AS "systemCode", f.title, f.severity,
  f.scanner_severity AS "scannerSeverity", f.status, f.tool, f.plugin_id AS "pluginId", f.host, f.port,
  f.protocol, f.url, f.cves, f.cvss_score AS "cvssScore", f.first_seen_at AS "firstSeenAt",
  f.last_seen_at AS "lastSeenAt", f.sla_due_at AS "slaDueAt", f.status_reason AS "statusReason",
  f.status_by AS "statusBy", f.status_at AS "statusAt", f.risk_approver AS "riskApprover",
  f.risk_expires_at AS "riskExpiresAt", f.reopened_count AS "reopenedCount"`;

export type PageArgs = { cursor?: string; limit: number };

/** Findings newest first (first seen, then id), keyset-paged. */
export async function listFindings(
  pool: pg.Pool,
  vis: ScanVisibility,
  filter: FindingFilter,
  page: PageArgs,
  now: Date,
) {
  const w = findingWhere(filter, vis, now);
  const after = decodeCursor(page.cursor);
  const keyset =
    after?.length === 2 ? ` AND (f.first_seen_at, f.id) < (${w.p(after[0])}::timestamptz, ${w.p(after[1])}::uuid)` : '';
  const { rows } = await pool.query<{ id: string; firstSeenAt: Date }>(
    `SELECT ${FINDING_COLUMNS} FROM findings f LEFT JOIN information_systems s ON s.id = f.system_id
      WHERE ${w.sql}${keyset} ORDER BY f.first_seen_at DESC, f.id DESC LIMIT ${page.limit + 1}`,
    w.params,
  );
  return paginate(rows, page.limit, (r) => [r.firstSeenAt.toISOString(), r.id]);
}

/** Up to `max + 1` ids matching a filter (a bulk action refuses more than `max`). */
export async function findingIdsByFilter(
  pool: pg.Pool | pg.PoolClient,
  vis: ScanVisibility,
  filter: FindingFilter,
  max: number,
  now: Date,
): Promise<string[]> {
  const w = findingWhere(filter, vis, now);
  const { rows } = await pool.query<{ id: string }>(
    `SELECT f.id FROM findings f WHERE ${w.sql} ORDER BY f.id LIMIT ${max + 1}`,
    w.params,
  );
  return rows.map((r) => r.id);
}

function visibleClause(vis: ScanVisibility, column: string, param: string): string {
  return vis.all ? 'true' : systemVisibleSql(column, param);
}

/** One finding with every field and its history; not visible reads as not found. */
export async function getFinding(pool: pg.Pool, vis: ScanVisibility, id: string) {
  const { rows } = await pool.query(
    `SELECT ${FINDING_COLUMNS}, f.fingerprint, f.family, f.cvss_vector AS "cvssVector", f.cwes,
            f.host_ip AS "hostIp", f.host_name AS "hostName", f.service, f.parameter, f.location,
            f.description, f.solution, f.evidence, f.first_scan_id AS "firstScanId", f.last_scan_id AS "lastScanId"
       FROM findings f LEFT JOIN information_systems s ON s.id = f.system_id
      WHERE f.id = $1 AND ${visibleClause(vis, 'f.system_id', '$2::uuid')}`,
    vis.all ? [id] : [id, vis.organisationId],
  );
  const item = rows[0];
  if (!item) throw notFound();
  const events = await pool.query(
    `SELECT kind, scan_id AS "scanId", from_status AS "fromStatus", to_status AS "toStatus", actor, reason, at
       FROM finding_events WHERE finding_id = $1 ORDER BY at, id`,
    [id],
  );
  return { item, events: events.rows };
}

const SCAN_COLUMNS = `id, system_id AS "systemId", organisation_id AS "organisationId", format, tool,
  tool_version AS "toolVersion", imported_by AS "importedBy", imported_at AS "importedAt",
  file_name AS "fileName", file_sha256 AS "fileSha256", file_size AS "fileSize", hosts_covered AS "hostsCovered",
  summary, duplicate_of AS "duplicateOf"`;

/** Scans a member sees: of its organisation's systems, or imported by its organisation. */
function scanVisible(vis: ScanVisibility): string {
  if (vis.all) return 'true';
  return `(organisation_id = $1::uuid OR ${systemVisibleSql('system_id', '$1::uuid')})`;
}

export async function listScans(pool: pg.Pool, vis: ScanVisibility, page: PageArgs) {
  const params: unknown[] = vis.all ? [] : [vis.organisationId];
  const after = decodeCursor(page.cursor);
  let keyset = '';
  if (after?.length === 2) {
    params.push(after[0], after[1]);
    keyset = ` AND (imported_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
  }
  const { rows } = await pool.query<{ id: string; importedAt: Date }>(
    `SELECT ${SCAN_COLUMNS} FROM scans WHERE ${scanVisible(vis)}${keyset}
      ORDER BY imported_at DESC, id DESC LIMIT ${page.limit + 1}`,
    params,
  );
  return paginate(rows, page.limit, (r) => [r.importedAt.toISOString(), r.id]);
}

export async function getScan(pool: pg.Pool, vis: ScanVisibility, id: string) {
  const params: unknown[] = vis.all ? [] : [vis.organisationId];
  params.push(id);
  const { rows } = await pool.query(
    `SELECT ${SCAN_COLUMNS} FROM scans WHERE ${scanVisible(vis)} AND id = $${params.length}::uuid`,
    params,
  );
  const item = rows[0];
  if (!item) throw notFound();
  return item;
}

/** The unknown-assets queue: unassigned hosts first seen in scans, with their waiting findings. */
export async function listUnknownAssets(pool: pg.Pool, page: PageArgs, includeAssigned: boolean) {
  const after = decodeCursor(page.cursor);
  const params: unknown[] = [];
  let keyset = '';
  if (after?.length === 2) {
    params.push(after[0], after[1]);
    keyset = ' AND (u.last_seen_at, u.host) < ($1::timestamptz, $2::text)';
  }
  const { rows } = await pool.query<{ host: string; lastSeenAt: Date }>(
    `SELECT u.host, u.host_ip AS "hostIp", u.host_name AS "hostName", u.first_seen_at AS "firstSeenAt",
            u.last_seen_at AS "lastSeenAt", u.scan_count AS "scanCount", u.last_scan_id AS "lastScanId",
            u.assigned_system_id AS "assignedSystemId", u.assigned_by AS "assignedBy", u.assigned_at AS "assignedAt",
            (SELECT count(*)::int FROM findings f WHERE f.system_id IS NULL AND f.host = u.host) AS findings
       FROM unknown_assets u
      WHERE ${includeAssigned ? 'true' : 'u.assigned_system_id IS NULL'}${keyset}
      ORDER BY u.last_seen_at DESC, u.host DESC LIMIT ${page.limit + 1}`,
    params,
  );
  return paginate(rows, page.limit, (r) => [r.lastSeenAt.toISOString(), r.host]);
}
