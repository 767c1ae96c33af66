import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { ParsedFinding, ScanEvent, ScanMeta, SkippedRecord } from '../../formats/scans/types.ts';
import { AppError } from '../../platform/errors.ts';
import { CopyWriter, copyArray, copyValue } from './copy-writer.ts';

/** Kept in the summary; the count goes on past it. */
export const SKIPPED_LISTED = 1000;

export type StagedHost = {
  hostIp: string | null;
  hostName: string | null;
  /** "tcp/80" keys, or null when some event for the host did not list ports */
  ports: Set<string> | null;
  /** a host event named it (not only a finding) */
  declared: boolean;
  hasFindings: boolean;
};

export type Staged = {
  meta: ScanMeta | null;
  hosts: Map<string, StagedHost>;
  rows: number;
  hostless: number;
  skipped: SkippedRecord[];
  skippedCount: number;
};

export const STAGE_COLUMNS = [
  'seq int',
  'fp text',
  'host text',
  'host_ip text',
  'host_name text',
  'tool text',
  'plugin_id text',
  'title text',
  'severity text',
  'scanner_severity text',
  'cvss_vector text',
  'cvss_score real',
  'cves text[]',
  'cwes text[]',
  'port int',
  'protocol text',
  'service text',
  'url text',
  'parameter text',
  'location text',
  'description text',
  'solution text',
  'evidence text',
] as const;

/** The host a finding or coverage record is keyed by: the IP when known, else the (lower-case) name. */
export function hostKey(h: { host: string | null; hostIp: string | null }): string | null {
  return h.hostIp ?? h.host;
}

function row(seq: number, key: string | null, f: ParsedFinding): string[] {
  return [
    String(seq),
    createHash('sha256').update(f.fingerprint).digest('hex'),
    copyValue(key),
    copyValue(f.hostIp),
    copyValue(f.hostName ?? (f.host !== key ? f.host : null)),
    copyValue(f.tool),
    copyValue(f.pluginId),
    copyValue(f.title),
    copyValue(f.severity),
    copyValue(f.scannerSeverity),
    copyValue(f.cvssVector),
    copyValue(f.cvssScore),
    copyArray(f.cves),
    copyArray(f.cwes),
    copyValue(f.port),
    copyValue(f.protocol),
    copyValue(f.service),
    copyValue(f.url),
    copyValue(f.parameter),
    copyValue(f.location),
    copyValue(f.description),
    copyValue(f.solution),
    copyValue(f.evidence),
  ];
}

function touchHost(hosts: Map<string, StagedHost>, key: string, ip: string | null, name: string | null): StagedHost {
  let h = hosts.get(key);
  if (!h) {
    h = { hostIp: ip, hostName: name, ports: new Set(), declared: false, hasFindings: false };
    hosts.set(key, h);
  }
  h.hostIp ??= ip;
  h.hostName ??= name;
  return h;
}

/**
 * Streams the parser's events into the temp table `scan_stage` by COPY, collecting the covered
 * hosts. A parser error aborts the COPY (the caller's transaction then rolls back).
 */
export async function stageEvents(
  client: pg.PoolClient,
  events: AsyncIterable<ScanEvent>,
  opts: { systemForced: boolean; format: string },
): Promise<Staged> {
  await client.query(`CREATE TEMP TABLE scan_stage (${STAGE_COLUMNS.join(', ')}) ON COMMIT DROP`);
  const staged: Staged = { meta: null, hosts: new Map(), rows: 0, hostless: 0, skipped: [], skippedCount: 0 };
  const writer = new CopyWriter(client, `COPY scan_stage FROM STDIN`);
  try {
    for await (const e of events) {
      if (e.kind === 'finding') {
        const f = e.finding;
        const key = hostKey(f);
        if (key === null) {
          if (!opts.systemForced) throw new AppError(400, 'scans_system_required', { format: opts.format });
          staged.hostless++;
        } else {
          const h = touchHost(staged.hosts, key, f.hostIp, f.hostName ?? (f.host !== key ? f.host : null));
          h.hasFindings = true;
        }
        staged.rows++;
        await writer.row(row(staged.rows, key, f));
      } else if (e.kind === 'host') {
        const key = hostKey(e.host);
        if (key === null) continue;
        const h = touchHost(staged.hosts, key, e.host.hostIp, e.host.hostName);
        // Coverage per port only when every record of the host lists its ports.
        if (e.host.ports === null) h.ports = null;
        else if (h.ports) for (const p of e.host.ports) h.ports.add(`${p.protocol}/${p.port}`);
        h.declared = true;
      } else if (e.kind === 'meta') {
        staged.meta = e.meta;
      } else {
        staged.skippedCount++;
        if (staged.skipped.length < SKIPPED_LISTED) staged.skipped.push(e.skipped);
      }
    }
  } catch (err) {
    await writer.abort(err instanceof Error ? err : new Error(String(err)));
    throw err;
  }
  await writer.end();
  // A host known only from its findings (no host record) is covered whole.
  for (const h of staged.hosts.values()) if (!h.declared) h.ports = null;
  return staged;
}
