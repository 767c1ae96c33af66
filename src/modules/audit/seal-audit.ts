import type pg from 'pg';
import { entryHash, GENESIS_HASH, SEALABLE_COLUMNS, type SealableEntry } from './chain.ts';

const SEALER_LOCK = 7_242_002;
const BATCH = 2000;

type Row = Omit<SealableEntry, 'seq'> & { seq: number | null; prevHash: string | null; hash: string | null };

/**
 * Seals committed audit entries: gives each its sequence number and chained hash, in transaction
 * order. Only entries of transactions older than every running one are taken (tx_id below the
 * snapshot's xmin), so no later commit can ever slot in before an entry already sealed. Writers
 * never wait: only sealers serialise among themselves (advisory lock; a busy sealer is skipped).
 * Returns how many entries were sealed.
 */
export async function sealAudit(pool: pg.Pool, maxBatches = 50): Promise<number> {
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const n = await sealBatch(pool);
    total += n;
    if (n < BATCH) break;
  }
  return total;
}

/**
 * Seals until nothing committed is left unsealed, or `waitMs` passes. Entries wait while any older
 * transaction in the cluster is still running (transaction ids are cluster-wide), so a single pass
 * right after a write can leave some behind; the CLI and tests want everything sealed.
 */
export async function sealAuditSettled(pool: pg.Pool, waitMs = 5000): Promise<number> {
  const deadline = Date.now() + waitMs;
  let total = 0;
  for (;;) {
    total += await sealAudit(pool);
    const left = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE seq IS NULL');
    if ((left.rows[0]?.n ?? 0) === 0 || Date.now() > deadline) return total;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function sealBatch(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const lock = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [SEALER_LOCK]);
    if (!lock.rows[0]?.ok) {
      await client.query('ROLLBACK');
      return 0;
    }
    const head = await client.query<{ last_seq: number; last_hash: string }>(
      'SELECT last_seq, last_hash FROM audit_seal_state WHERE id = 1',
    );
    let seq = head.rows[0]?.last_seq ?? 0;
    let prev = head.rows[0]?.last_hash ?? GENESIS_HASH;
    const rows = await client.query<Row>(
      `SELECT ${SEALABLE_COLUMNS} FROM audit_log
        WHERE seq IS NULL AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY tx_id, id LIMIT ${BATCH}`,
    );
    if (rows.rowCount === 0) {
      await client.query('ROLLBACK');
      return 0;
    }
    const ids: number[] = [];
    const seqs: number[] = [];
    const prevs: string[] = [];
    const hashes: string[] = [];
    for (const row of rows.rows) {
      seq += 1;
      const { prevHash: _prev, hash: _hash, ...entry } = row;
      const hash = entryHash(prev, { ...entry, seq });
      ids.push(row.id);
      seqs.push(seq);
      prevs.push(prev);
      hashes.push(hash);
      prev = hash;
    }
    await client.query(
      `UPDATE audit_log a SET seq = v.seq, prev_hash = v.prev, hash = v.hash
         FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS v(id, seq, prev, hash)
        WHERE a.id = v.id`,
      [ids, seqs, prevs, hashes],
    );
    await client.query(
      `INSERT INTO audit_seal_state (id, last_seq, last_hash) VALUES (1, $1, $2)
       ON CONFLICT (id) DO UPDATE SET last_seq = EXCLUDED.last_seq, last_hash = EXCLUDED.last_hash`,
      [seq, prev],
    );
    await client.query('COMMIT');
    return rows.rowCount ?? 0;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
