import type pg from 'pg';

/** The last sealed link of the audit chain (what a backup records), or null before the first seal. */
export async function auditChainHead(client: pg.ClientBase): Promise<{ lastSeq: number; lastHash: string } | null> {
  const r = await client.query<{ lastSeq: string; lastHash: string }>(
    'SELECT last_seq::text AS "lastSeq", last_hash AS "lastHash" FROM audit_seal_state WHERE id = 1',
  );
  const row = r.rows[0];
  return row ? { lastSeq: Number(row.lastSeq), lastHash: row.lastHash } : null;
}

/**
 * After a restore into another cluster, entries still awaiting their seal carry transaction ids of
 * the source cluster, which may lie far ahead of this one's: the sealer (which waits until every
 * older transaction has ended) would skip them for a very long time. They take the restoring
 * transaction's id instead; the hash does not cover it, and sealed entries keep theirs.
 */
export async function rebaseUnsealedAudit(client: pg.ClientBase): Promise<number> {
  const r = await client.query('UPDATE audit_log SET tx_id = pg_current_xact_id() WHERE seq IS NULL');
  return r.rowCount ?? 0;
}
