import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';

export const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
export const MIGRATION_LOCK = 7_242_001;

/** Applies pending migrations; an advisory lock makes concurrent starts wait for one another. */
export async function runMigrations(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle(client), { migrationsFolder: MIGRATIONS, migrationsSchema: 'canhgac_meta' });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** true when every migration shipped with this build has been applied (for /readyz). */
let lastShipped: number | undefined;

export async function migrationsApplied(pool: pg.Pool): Promise<boolean> {
  // The shipped migrations never change while the process runs: read them once, not on every probe.
  if (lastShipped === undefined) {
    const { readMigrationFiles } = await import('drizzle-orm/migrator');
    lastShipped = readMigrationFiles({ migrationsFolder: MIGRATIONS }).at(-1)?.folderMillis ?? 0;
  }
  const last = { folderMillis: lastShipped };
  if (last.folderMillis === 0) return true;
  try {
    const r = await pool.query<{ created_at: string }>(
      'SELECT created_at FROM canhgac_meta.__drizzle_migrations ORDER BY created_at DESC LIMIT 1',
    );
    return Number(r.rows[0]?.created_at ?? 0) >= last.folderMillis;
  } catch {
    return false;
  }
}
