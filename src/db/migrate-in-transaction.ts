import { readMigrationFiles } from 'drizzle-orm/migrator';
import type pg from 'pg';
import { MIGRATION_LOCK, MIGRATIONS } from './migrate.ts';

export type ShippedMigration = { createdAt: number; hash: string; statements: string[] };

let shipped: ShippedMigration[] | undefined;

/** The migrations this build ships, oldest first. */
export function shippedMigrations(): ShippedMigration[] {
  shipped ??= readMigrationFiles({ migrationsFolder: MIGRATIONS }).map((m) => ({
    createdAt: m.folderMillis,
    hash: m.hash,
    statements: m.sql,
  }));
  return shipped;
}

/** The migrations recorded as applied in a database (empty when it has none yet). */
export async function appliedMigrations(client: pg.ClientBase): Promise<{ createdAt: number; hash: string }[]> {
  const exists = await client.query<{ t: string | null }>(
    "SELECT to_regclass('canhgac_meta.__drizzle_migrations')::text AS t",
  );
  if (!exists.rows[0]?.t) return [];
  const r = await client.query<{ created_at: string; hash: string }>(
    'SELECT created_at::text, hash FROM canhgac_meta.__drizzle_migrations ORDER BY created_at, id',
  );
  return r.rows.map((row) => ({ createdAt: Number(row.created_at), hash: row.hash }));
}

/**
 * Applies the shipped migrations after the database's level up to `untilCreatedAt` (inclusive), on
 * a client inside the caller's transaction — what drizzle's migrator does, but without its own
 * transaction, so a restore can migrate, load and migrate further in one all-or-nothing unit.
 * The bookkeeping table is the one drizzle's migrator reads, so a later start sees them applied.
 */
export async function applyMigrationsInTransaction(client: pg.ClientBase, untilCreatedAt = Infinity): Promise<number> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
  await client.query('CREATE SCHEMA IF NOT EXISTS canhgac_meta');
  await client.query(
    'CREATE TABLE IF NOT EXISTS canhgac_meta.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)',
  );
  const last = (await appliedMigrations(client)).at(-1)?.createdAt ?? -1;
  let applied = 0;
  for (const m of shippedMigrations()) {
    if (m.createdAt <= last || m.createdAt > untilCreatedAt) continue;
    for (const stmt of m.statements) if (stmt.trim()) await client.query(stmt);
    await client.query('INSERT INTO canhgac_meta.__drizzle_migrations (hash, created_at) VALUES ($1, $2)', [
      m.hash,
      m.createdAt,
    ]);
    applied += 1;
  }
  return applied;
}
