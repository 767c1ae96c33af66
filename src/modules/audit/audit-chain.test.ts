import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg } from '../../../test/factories.ts';
import { type TestEnv, testEnv } from '../../../test/harness.ts';
import { systemCtx } from '../../platform/actor.ts';
import { runCommand, UnauditedCommandError } from './command.ts';
import { sealAudit, sealAuditSettled } from './seal-audit.ts';
import { verifyAudit } from './verify-audit.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ poolSize: 8 });
});
afterAll(() => env.close());

const ctx = () => systemCtx('system:test', env.clock);

async function writeEntries(n: number) {
  for (let i = 0; i < n; i++) {
    await runCommand(env.platform.db, ctx(), async ({ audit }) => {
      audit({ action: 'test.event', subjectType: 'test', subjectId: String(i), detail: { i, text: 'Sở Thông tin' } });
    });
  }
}

describe('audit chain', () => {
  it('seals committed entries in order and verifies the chain', async () => {
    await makeOrg(env.platform);
    await writeEntries(5);
    const before = await verifyAudit(env.platform.pool);
    expect(before.unsealed).toBeGreaterThanOrEqual(6);
    const sealed = await sealAuditSettled(env.platform.pool);
    expect(sealed).toBe(before.unsealed);
    const after = await verifyAudit(env.platform.pool);
    expect(after).toMatchObject({ ok: true, unsealed: 0, sealed: before.sealed + before.unsealed, firstBroken: null });
    const seqs = await env.platform.pool.query('SELECT seq FROM audit_log ORDER BY seq');
    expect(seqs.rows.map((r) => r.seq)).toEqual(seqs.rows.map((_, i) => i + 1));
  });

  it('detects a sealed row edited directly in SQL and names the first broken link', async () => {
    await writeEntries(3);
    await sealAuditSettled(env.platform.pool);
    const target = await env.platform.pool.query<{ id: number; seq: number }>(
      "SELECT id, seq FROM audit_log WHERE action = 'test.event' ORDER BY seq LIMIT 1 OFFSET 2",
    );
    const { id, seq } = target.rows[0] ?? { id: 0, seq: 0 };
    await env.platform.pool.query(
      `UPDATE audit_log SET diff = jsonb_set(diff, '{detail,text}', '"forged"') WHERE id = $1`,
      [id],
    );
    const result = await verifyAudit(env.platform.pool);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toEqual({ seq, id, reason: 'hash-mismatch' });
    // Restore for the following tests: the chain holds again.
    await env.platform.pool.query(
      `UPDATE audit_log SET diff = jsonb_set(diff, '{detail,text}', '"Sở Thông tin"') WHERE id = $1`,
      [id],
    );
    expect((await verifyAudit(env.platform.pool)).ok).toBe(true);
  });

  it('a chain whose head record was removed with its tail is reported broken', async () => {
    await writeEntries(2);
    await sealAuditSettled(env.platform.pool);
    expect((await verifyAudit(env.platform.pool)).ok).toBe(true);
    const saved = await env.platform.pool.query('SELECT * FROM audit_seal_state');
    await env.platform.pool.query('DELETE FROM audit_seal_state');
    expect((await verifyAudit(env.platform.pool)).ok).toBe(false);
    const row = saved.rows[0];
    await env.platform.pool.query('INSERT INTO audit_seal_state (id, last_seq, last_hash) VALUES ($1, $2, $3)', [
      row.id,
      row.last_seq,
      row.last_hash,
    ]);
  });

  it('detects a deleted entry (gap) and a removed tail', async () => {
    await writeEntries(3);
    await sealAuditSettled(env.platform.pool);
    const rows = await env.platform.pool.query<{ id: number; seq: number }>(
      'SELECT id, seq FROM audit_log ORDER BY seq DESC LIMIT 2',
    );
    const [last, secondLast] = rows.rows;
    if (!last || !secondLast) throw new Error('no rows');
    await env.platform.pool.query('DELETE FROM audit_log WHERE id = $1', [last.id]);
    const tail = await verifyAudit(env.platform.pool);
    expect(tail.ok).toBe(false);
    expect(tail.firstBroken?.reason).toBe('head-mismatch');
    await env.platform.pool.query('DELETE FROM audit_log WHERE id = $1', [secondLast.id]);
    await env.platform.pool.query('UPDATE audit_log SET seq = seq + 100 WHERE seq = (SELECT max(seq) FROM audit_log)');
    const gap = await verifyAudit(env.platform.pool);
    expect(gap.ok).toBe(false);
  });

  it('a command that records nothing is refused and rolls back', async () => {
    const count = async () => (await env.platform.pool.query('SELECT count(*)::int AS n FROM organisations')).rows[0].n;
    const n = await count();
    await expect(
      runCommand(env.platform.db, ctx(), async ({ tx }) => {
        await tx.execute("INSERT INTO organisations (code, name, kind) VALUES ('SNEAKY', 'x', 'member')");
      }),
    ).rejects.toBeInstanceOf(UnauditedCommandError);
    expect(await count()).toBe(n);
  });
});

describe('audit writers do not serialise', () => {
  it('a writer commits while another writer holds an open transaction with its own entry', async () => {
    const slow = await env.platform.pool.connect();
    try {
      await slow.query('BEGIN');
      await slow.query(
        "INSERT INTO audit_log (actor, action, subject_type, diff) VALUES ('system:test', 'test.slow', 'test', '{}')",
      );
      // While the slow transaction is open, another command writes and commits without waiting.
      const started = Date.now();
      await runCommand(env.platform.db, ctx(), async ({ audit }) => {
        audit({ action: 'test.fast', subjectType: 'test' });
      });
      expect(Date.now() - started).toBeLessThan(2000);
      // The sealer may not seal past the open transaction: the fast entry waits for it.
      await sealAudit(env.platform.pool);
      const fast = await env.platform.pool.query("SELECT seq FROM audit_log WHERE action = 'test.fast'");
      expect(fast.rows[0].seq).toBeNull();
      await slow.query('COMMIT');
    } finally {
      slow.release();
    }
    await sealAuditSettled(env.platform.pool);
    const order = await env.platform.pool.query(
      "SELECT action, seq FROM audit_log WHERE action IN ('test.slow', 'test.fast') ORDER BY seq",
    );
    expect(order.rows.map((r) => r.action)).toEqual(['test.slow', 'test.fast']);
    const v = await verifyAudit(env.platform.pool);
    expect(v.unsealed).toBe(0);
  });

  it('parallel writers all commit, and the sealed chain holds', async () => {
    await env.platform.pool.query('DELETE FROM audit_log');
    await env.platform.pool.query('DELETE FROM audit_seal_state');
    const writers = Array.from({ length: 6 }, (_, w) =>
      (async () => {
        for (let i = 0; i < 20; i++) {
          await runCommand(env.platform.db, ctx(), async ({ audit }) => {
            audit({ action: 'test.parallel', subjectType: 'writer', subjectId: String(w), detail: { i } });
          });
        }
      })(),
    );
    const sealers = Array.from({ length: 3 }, async () => {
      for (let i = 0; i < 10; i++) await sealAudit(env.platform.pool);
    });
    await Promise.all([...writers, ...sealers]);
    await sealAuditSettled(env.platform.pool);
    const v = await verifyAudit(env.platform.pool);
    expect(v).toMatchObject({ ok: true, sealed: 120, unsealed: 0 });
  });
});
