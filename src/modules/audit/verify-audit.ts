import type pg from 'pg';
import { entryHash, GENESIS_HASH, SEALABLE_COLUMNS, type SealableEntry } from './chain.ts';

export type AuditVerification = {
  ok: boolean;
  sealed: number;
  unsealed: number;
  /** the first entry whose link does not hold (edited, inserted or missing before it) */
  firstBroken: { seq: number; id: number; reason: 'hash-mismatch' | 'gap' | 'prev-mismatch' | 'head-mismatch' } | null;
};

type Row = SealableEntry & { prevHash: string; hash: string };

/**
 * Walks the sealed chain in order and recomputes every link, in pages (bounded memory), all in one
 * read-only snapshot so a sealer committing meanwhile cannot look like tampering.
 */
export async function verifyAudit(pool: pg.Pool): Promise<AuditVerification> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const result = await verifyIn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

async function verifyIn(pool: pg.PoolClient): Promise<AuditVerification> {
  const counts = await pool.query<{ sealed: number; unsealed: number }>(
    `SELECT count(*) FILTER (WHERE seq IS NOT NULL)::int AS sealed, count(*) FILTER (WHERE seq IS NULL)::int AS unsealed
       FROM audit_log`,
  );
  const sealed = counts.rows[0]?.sealed ?? 0;
  const unsealed = counts.rows[0]?.unsealed ?? 0;
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let lastId = 0;
  for (;;) {
    const page = await pool.query<Row>(
      `SELECT ${SEALABLE_COLUMNS} FROM audit_log WHERE seq IS NOT NULL AND seq >= $1 ORDER BY seq LIMIT 5000`,
      [expectedSeq],
    );
    for (const row of page.rows) {
      const broken = (reason: NonNullable<AuditVerification['firstBroken']>['reason']) => ({
        ok: false,
        sealed,
        unsealed,
        firstBroken: { seq: row.seq, id: row.id, reason },
      });
      if (row.seq !== expectedSeq) return broken('gap');
      if (row.prevHash !== prev) return broken('prev-mismatch');
      const { prevHash: _p, hash, ...entry } = row;
      if (entryHash(prev, entry) !== hash) return broken('hash-mismatch');
      prev = hash;
      expectedSeq += 1;
      lastId = row.id;
    }
    if (page.rows.length < 5000) break;
  }
  const head = await pool.query<{ last_seq: number; last_hash: string }>(
    'SELECT last_seq, last_hash FROM audit_seal_state WHERE id = 1',
  );
  const h = head.rows[0];
  const headMissing = !h && sealed > 0;
  if (headMissing || (h && (h.last_seq !== expectedSeq - 1 || h.last_hash !== prev))) {
    // Entries were removed from the end of the chain.
    return { ok: false, sealed, unsealed, firstBroken: { seq: expectedSeq, id: lastId, reason: 'head-mismatch' } };
  }
  return { ok: true, sealed, unsealed, firstBroken: null };
}
