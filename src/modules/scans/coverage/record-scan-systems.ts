import type pg from 'pg';

/**
 * Coverage bookkeeping inside the import's transaction: every system the scan may attach findings
 * to (a matched host, or `--system`) was scanned at `scannedAt`. A byte-identical file imported
 * again proves no new scan, so it records nothing. Reads the import's `scan_cover` temp table.
 */
export async function recordScanSystems(
  client: Pick<pg.PoolClient, 'query'>,
  scan: { id: string; scannedAt: Date; duplicateOf: string | null },
): Promise<void> {
  if (scan.duplicateOf !== null) return;
  await client.query(
    `INSERT INTO scan_systems (scan_id, system_id, scanned_at)
     SELECT DISTINCT $1::uuid, system_id, $2::timestamptz FROM scan_cover WHERE allowed AND system_id IS NOT NULL
     ON CONFLICT DO NOTHING`,
    [scan.id, scan.scannedAt],
  );
}

/** When the scan ran: the file's finish (or start) time, never later than the import itself. */
export function scanTime(meta: { startedAt?: Date | null; finishedAt?: Date | null } | null, importedAt: Date): Date {
  const own = meta?.finishedAt ?? meta?.startedAt ?? null;
  if (!own || Number.isNaN(own.getTime()) || own.getTime() > importedAt.getTime()) return importedAt;
  return own;
}
