import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { optionalTime, timeNow } from '../../db/columns.ts';
import { informationSystems } from '../constituency/systems/tables.ts';
import { organisations } from '../constituency/tables.ts';

export const FINDING_STATUSES = [
  'open',
  'in-remediation',
  'fixed-claimed',
  'verified',
  'false-positive',
  'risk-accepted',
] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export type ScanSummary = {
  findings: number;
  new: number;
  unchanged: number;
  reopened: number;
  fixed: number;
  suppressed: number;
  leftOpenNotCovered: number;
  unmatchedHosts: number;
  skipped: number;
};

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** One imported scan file (#7): who, when, what it covered, and the re-scan buckets. */
export const scans = pgTable(
  'scans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    systemId: uuid('system_id').references(() => informationSystems.id),
    format: text('format').notNull(),
    tool: text('tool').notNull(),
    toolVersion: text('tool_version'),
    startedAt: optionalTime('started_at'),
    finishedAt: optionalTime('finished_at'),
    importedBy: text('imported_by').notNull(),
    importedByUserId: uuid('imported_by_user_id'),
    importedAt: timeNow('imported_at'),
    fileSha256: text('file_sha256').notNull(),
    fileSize: bigint('file_size', { mode: 'number' }).notNull(),
    fileName: text('file_name').notNull(),
    hostsCovered: integer('hosts_covered').notNull().default(0),
    summary: jsonb('summary').$type<ScanSummary>(),
    duplicateOf: uuid('duplicate_of').references((): AnyPgColumn => scans.id),
  },
  (t) => [
    index('scans_sha256_idx').on(t.fileSha256),
    index('scans_system_idx').on(t.systemId, t.importedAt),
    index('scans_imported_idx').on(t.importedAt),
  ],
);

/** A host the scan covered; `ports` null when the format does not list the ports it probed. */
export const scanHosts = pgTable(
  'scan_hosts',
  {
    scanId: uuid('scan_id')
      .notNull()
      .references(() => scans.id, { onDelete: 'cascade' }),
    host: text('host').notNull(),
    hostIp: text('host_ip'),
    hostName: text('host_name'),
    ports: jsonb('ports').$type<string[]>(),
    systemId: uuid('system_id').references(() => informationSystems.id),
  },
  (t) => [primaryKey({ columns: [t.scanId, t.host] }), index('scan_hosts_system_idx').on(t.systemId)],
);

/**
 * A finding, unique per (system, fingerprint). Findings on hosts no system owns wait with a null
 * system (unique per fingerprint, which contains the host) until a coordinator assigns the host.
 */
export const findings = pgTable(
  'findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    systemId: uuid('system_id').references(() => informationSystems.id),
    /** hex SHA-256 of the parser's fingerprint string */
    fingerprint: text('fingerprint').notNull(),
    /** the fingerprint's tool family (nessus, nmap, …): only a scan of the same family closes it */
    family: text('family').notNull(),
    tool: text('tool').notNull(),
    pluginId: text('plugin_id'),
    title: text('title').notNull(),
    severity: text('severity').notNull(),
    scannerSeverity: text('scanner_severity'),
    cvssVector: text('cvss_vector'),
    cvssScore: real('cvss_score'),
    cves: text('cves').array().notNull().default(sql`'{}'::text[]`),
    cwes: text('cwes').array().notNull().default(sql`'{}'::text[]`),
    host: text('host'),
    hostIp: text('host_ip'),
    hostName: text('host_name'),
    port: integer('port'),
    protocol: text('protocol'),
    service: text('service'),
    url: text('url'),
    parameter: text('parameter'),
    location: text('location'),
    description: text('description'),
    solution: text('solution'),
    evidence: text('evidence'),
    status: text('status').$type<FindingStatus>().notNull().default('open'),
    statusReason: text('status_reason'),
    statusBy: text('status_by'),
    statusAt: optionalTime('status_at'),
    riskApprover: text('risk_approver'),
    riskExpiresAt: optionalTime('risk_expires_at'),
    firstSeenAt: at('first_seen_at').notNull(),
    lastSeenAt: at('last_seen_at').notNull(),
    // Not foreign keys: a per-row check on 100k findings per import costs seconds; scans are never deleted.
    firstScanId: uuid('first_scan_id'),
    lastScanId: uuid('last_scan_id'),
    slaDueAt: optionalTime('sla_due_at'),
    reopenedCount: integer('reopened_count').notNull().default(0),
  },
  (t) => [
    check(
      'findings_status_check',
      sql`${t.status} IN ('open','in-remediation','fixed-claimed','verified','false-positive','risk-accepted')`,
    ),
    check('findings_severity_check', sql`${t.severity} IN ('info','low','medium','high','critical')`),
    uniqueIndex('findings_system_fp_uq').on(t.systemId, t.fingerprint).where(sql`${t.systemId} IS NOT NULL`),
    uniqueIndex('findings_unassigned_fp_uq').on(t.fingerprint).where(sql`${t.systemId} IS NULL`),
    index('findings_system_status_idx').on(t.systemId, t.status),
    index('findings_host_idx').on(t.host),
  ],
);

/** History of a finding: its bucket in each scan that saw or closed it, and status changes. */
export const findingEvents = pgTable(
  'finding_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    findingId: uuid('finding_id')
      .notNull()
      .references(() => findings.id, { onDelete: 'cascade' }),
    scanId: uuid('scan_id'),
    /** new | unchanged | reopened | fixed | suppressed | status */
    kind: text('kind').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    actor: text('actor').notNull(),
    reason: text('reason'),
    at: timeNow('at'),
  },
  (t) => [index('finding_events_finding_idx').on(t.findingId, t.at), index('finding_events_scan_idx').on(t.scanId)],
);

/** Hosts seen in scans that match no system: a coordinator assigns them, and their findings follow. */
export const unknownAssets = pgTable(
  'unknown_assets',
  {
    host: text('host').primaryKey(),
    hostIp: text('host_ip'),
    hostName: text('host_name'),
    firstSeenAt: at('first_seen_at').notNull(),
    lastSeenAt: at('last_seen_at').notNull(),
    scanCount: integer('scan_count').notNull().default(1),
    lastScanId: uuid('last_scan_id').references(() => scans.id),
    assignedSystemId: uuid('assigned_system_id').references(() => informationSystems.id),
    assignedBy: text('assigned_by'),
    assignedAt: optionalTime('assigned_at'),
  },
  (t) => [index('unknown_assets_unassigned_idx').on(t.lastSeenAt).where(sql`${t.assignedSystemId} IS NULL`)],
);
