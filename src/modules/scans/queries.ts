import type pg from 'pg';

export type FindingLine = {
  fingerprint: string;
  title: string;
  severity: string;
  status: string;
  host: string | null;
  port: number | null;
  cves: string[];
  firstSeen: string;
  lastSeen: string;
};

const PAGE = 1000;

/**
 * A system's findings for `scans findings --json`, streamed in keyset pages (by id) so a system
 * with many findings never sits in memory whole.
 */
export async function* systemFindings(pool: pg.Pool, systemId: string): AsyncGenerator<FindingLine> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await pool.query<FindingLine & { id: string; firstSeen: Date; lastSeen: Date }>(
      `SELECT id, fingerprint, title, severity, status, host, port, cves,
              first_seen_at AS "firstSeen", last_seen_at AS "lastSeen"
         FROM findings WHERE system_id = $1 AND id > $2 ORDER BY id LIMIT ${PAGE}`,
      [systemId, after],
    );
    for (const r of rows) {
      yield {
        fingerprint: r.fingerprint,
        title: r.title,
        severity: r.severity,
        status: r.status,
        host: r.host,
        port: r.port,
        cves: r.cves,
        firstSeen: new Date(r.firstSeen).toISOString(),
        lastSeen: new Date(r.lastSeen).toISOString(),
      };
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return;
    after = last.id;
  }
}

export async function systemIdByCode(pool: pg.Pool, code: string): Promise<string | null> {
  const { rows } = await pool.query<{ id: string }>('SELECT id FROM information_systems WHERE code = $1', [code]);
  return rows[0]?.id ?? null;
}
