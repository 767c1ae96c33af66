import { randomUUID } from 'node:crypto';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import * as schema from '../../../db/schema.ts';
import type { ScanEvent, ScanFormat, SkippedRecord } from '../../../formats/scans/types.ts';
import { actorLabel, type Ctx } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { type CommandScope, runCommand } from '../../audit/command.ts';
import { readOwnershipVersion } from '../../constituency/networks/ownership-loader.ts';
import { ownershipService } from '../../constituency/networks/ownership-service.ts';
import { CopyWriter, copyArray, copyValue } from '../copy-writer.ts';
import { recordScanSystems, scanTime } from '../coverage/record-scan-systems.ts';
import { DEFAULT_TOOL, FORMAT_FAMILY } from '../family.ts';
import { systemOfHost } from '../host-map.ts';
import { type ImportRights, importRights, mayImportFor } from '../policy.ts';
import { type SlaDays, slaDays } from '../sla.ts';
import { type Staged, stageEvents } from '../stage-events.ts';
import type { ScanSummary } from '../tables.ts';
import { applyBuckets } from './apply-buckets.ts';

export type ScanFileFacts = { name: string; sha256: string; size: number };

export type ImportScanInput = {
  events: AsyncIterable<ScanEvent>;
  format: ScanFormat;
  /** known after the events are consumed when the file is hashed while it streams */
  file: ScanFileFacts | (() => ScanFileFacts);
  /** `--system CODE`: every finding goes to this system whatever its host */
  systemCode?: string;
  /** overrides the configured SLA (tests) */
  sla?: SlaDays;
};

/** The CLI contract's summary (issue #7), plus the skipped records. */
export type ImportScanResult = {
  format: ScanFormat;
  findings: number;
  new: number;
  unchanged: number;
  reopened: number;
  fixed: number;
  suppressed: number;
  leftOpenNotCovered: number;
  unmatchedHosts: string[];
  duplicateOf: string | null;
  scanId: string;
  skipped: SkippedRecord[];
};

/** CANHGAC_SCANS_TRACE=true: phase durations on stderr (benchmark analysis). */
function trace(label: string, since: number): number {
  const now = performance.now();
  if (process.env.CANHGAC_SCANS_TRACE === 'true')
    process.stderr.write(`trace ${(now - since).toFixed(0)} ms ${label}\n`);
  return now;
}

type ForcedSystem = { id: string; ownerOrgId: string; operatorOrgId: string };

async function forcedSystem(client: pg.PoolClient, code: string | undefined): Promise<ForcedSystem | null> {
  if (code === undefined) return null;
  const { rows } = await client.query<ForcedSystem>(
    `SELECT id, owner_org_id AS "ownerOrgId", operator_org_id AS "operatorOrgId"
       FROM information_systems WHERE code = $1`,
    [code],
  );
  const [system] = rows;
  if (!system) throw new AppError(400, 'scans_system_unknown', { code });
  return system;
}

/** The ownership index, reloaded first when the registry changed since it was built. */
async function currentOwnership(platform: Platform) {
  const service = ownershipService(platform);
  const snapshot = await service.current();
  if ((await readOwnershipVersion(platform.pool)) === snapshot.version) return snapshot;
  await service.refresh();
  return service.current();
}

/** host → system (null: no system owns it) and whether this importer may attach findings to it. */
async function mapHosts(
  platform: Platform,
  client: pg.PoolClient,
  staged: Staged,
  forced: ForcedSystem | null,
  rights: ImportRights,
) {
  const map = new Map<string, { systemId: string | null; allowed: boolean }>();
  if (forced) {
    for (const key of staged.hosts.keys()) map.set(key, { systemId: forced.id, allowed: true });
    return map;
  }
  const { index } = await currentOwnership(platform);
  for (const [key, h] of staged.hosts) map.set(key, { systemId: systemOfHost(index, key, h), allowed: rights.all });
  if (rights.all) return map;
  const ids = [...new Set([...map.values()].map((m) => m.systemId).filter((id): id is string => id !== null))];
  const { rows } = await client.query<ForcedSystem>(
    `SELECT id, owner_org_id AS "ownerOrgId", operator_org_id AS "operatorOrgId"
       FROM information_systems WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const mine = new Set(rows.filter((s) => mayImportFor(rights, s)).map((s) => s.id));
  for (const m of map.values()) m.allowed = m.systemId !== null && mine.has(m.systemId);
  return map;
}

async function copyHostTables(
  client: pg.PoolClient,
  staged: Staged,
  hostMap: Map<string, { systemId: string | null; allowed: boolean }>,
  forced: ForcedSystem | null,
) {
  await client.query(
    `CREATE TEMP TABLE scan_cover (host text PRIMARY KEY, host_ip text, host_name text, system_id uuid,
       allowed boolean NOT NULL, has_findings boolean NOT NULL, ports text[]) ON COMMIT DROP`,
  );
  const writer = new CopyWriter(client, 'COPY scan_cover FROM STDIN');
  try {
    for (const [key, h] of staged.hosts) {
      const m = hostMap.get(key);
      await writer.row([
        copyValue(key),
        copyValue(h.hostIp),
        copyValue(h.hostName),
        copyValue(m?.systemId ?? null),
        m?.allowed ? 't' : 'f',
        h.hasFindings ? 't' : 'f',
        h.ports ? copyArray([...h.ports]) : '\\N',
      ]);
    }
    // With --system, the scan also covers the system's host-less findings (SARIF, generic CSV).
    if (forced) await writer.row(['', '\\N', '\\N', forced.id, 't', 'f', '\\N']);
  } catch (err) {
    await writer.abort(err instanceof Error ? err : new Error(String(err)));
    throw err;
  }
  await writer.end();
}

async function runImport(
  platform: Platform,
  client: pg.PoolClient,
  scope: CommandScope,
  input: ImportScanInput,
): Promise<ImportScanResult> {
  const { ctx } = scope;
  const rights = importRights(ctx);
  // SARIF names files, never hosts: its findings can only belong to the system named.
  if (input.format === 'sarif' && input.systemCode === undefined) {
    throw new AppError(400, 'scans_system_required', { format: input.format });
  }
  const forced = await forcedSystem(client, input.systemCode);
  if (forced && !mayImportFor(rights, forced)) throw new AppError(403, 'scans_system_forbidden');
  const sla = input.sla ?? (await slaDays(scope.tx));

  let t0 = performance.now();
  const staged = await stageEvents(client, input.events, { systemForced: forced !== null, format: input.format });
  t0 = trace('parse + stage (COPY)', t0);
  const file = typeof input.file === 'function' ? input.file() : input.file;
  // Files stage in parallel; the bucket computation runs one import at a time (two scans of one
  // system would otherwise both insert the same new findings, or close what the other just saw).
  await client.query("SELECT pg_advisory_xact_lock(hashtext('canhgac.scans.import'))");
  const hostMap = await mapHosts(platform, client, staged, forced, rights);
  await copyHostTables(client, staged, hostMap, forced);
  t0 = trace('hosts → systems', t0);

  const { rows: dup } = await client.query<{ id: string }>(
    'SELECT id FROM scans WHERE file_sha256 = $1 ORDER BY imported_at, id LIMIT 1',
    [file.sha256],
  );
  const duplicateOf = dup[0]?.id ?? null;
  const scanId = randomUUID();
  const now = ctx.clock.now();
  const actor = actorLabel(ctx.actor);
  const principal = ctx.actor.kind === 'user' ? ctx.actor.principal : null;
  const meta = staged.meta;
  await client.query(
    `INSERT INTO scans (id, organisation_id, system_id, format, tool, tool_version, started_at, finished_at,
        imported_by, imported_by_user_id, imported_at, file_sha256, file_size, file_name, hosts_covered, duplicate_of)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
      scanId,
      principal?.organisationId ?? null,
      forced?.id ?? null,
      input.format,
      meta?.tool ?? DEFAULT_TOOL[input.format],
      meta?.toolVersion ?? null,
      meta?.startedAt ?? null,
      meta?.finishedAt ?? null,
      actor,
      principal?.userId ?? null,
      now,
      file.sha256,
      file.size,
      file.name,
      staged.hosts.size,
      duplicateOf,
    ],
  );

  const counts = await applyBuckets(client, {
    scanId,
    now,
    actor,
    family: FORMAT_FAMILY[input.format],
    queueUnknown: forced === null && rights.all,
    sla,
  });
  trace('buckets', t0);
  await recordScanSystems(client, { id: scanId, scannedAt: scanTime(meta, now), duplicateOf });
  const unmatchedHosts = [...staged.hosts.entries()]
    .filter(([key, h]) => {
      const m = hostMap.get(key);
      return h.hasFindings && (!m?.allowed || m.systemId === null);
    })
    .map(([key]) => key)
    .sort();

  const summary: ScanSummary = {
    ...counts,
    unmatchedHosts: unmatchedHosts.length,
    skipped: staged.skippedCount,
  };
  await client.query('UPDATE scans SET summary = $2 WHERE id = $1', [scanId, JSON.stringify(summary)]);
  scope.audit({
    action: 'scans.import',
    subjectType: 'scan',
    subjectId: scanId,
    organisationId: principal?.organisationId ?? null,
    detail: {
      format: input.format,
      file: file.name,
      sha256: file.sha256,
      size: file.size,
      system: input.systemCode ?? null,
      duplicateOf,
      ...summary,
    },
  });
  return {
    format: input.format,
    ...counts,
    unmatchedHosts,
    duplicateOf,
    scanId,
    skipped: staged.skipped,
  };
}

/**
 * Imports one scan in ONE transaction on a dedicated connection: the events stream by COPY into a
 * temp table, and the re-scan buckets are computed set-based (apply-buckets.ts). Any error — a
 * parser's ScanFormatError at 90 % included — rolls everything back.
 */
export async function importScan(platform: Platform, ctx: Ctx, input: ImportScanInput): Promise<ImportScanResult> {
  const client = await platform.pool.connect();
  let failed: unknown;
  try {
    const db = drizzle(client, { schema });
    return await runCommand(db, ctx, (scope) => runImport(platform, client, scope, input));
  } catch (err) {
    failed = err;
    throw err;
  } finally {
    // A connection that failed mid-COPY is not reused.
    client.release(failed instanceof Error && !(failed instanceof AppError) ? failed : undefined);
  }
}
