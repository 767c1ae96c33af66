import { createHash } from 'node:crypto';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { appliedMigrations, applyMigrationsInTransaction, shippedMigrations } from '../../db/migrate-in-transaction.ts';
import type { Ctx } from '../../platform/actor.ts';
import { rebaseUnsealedAudit } from '../audit/chain-head.ts';
import { recordAuditInTransaction } from '../audit/record-in-transaction.ts';
import type { BlobStore } from '../files/blob-store.ts';
import { verifyArchive, walkArchive } from './archive-reader.ts';
import { BackupError } from './backup-error.ts';
import {
  type ForeignKey,
  listForeignKeys,
  listTables,
  qualified,
  quoteIdent,
  tableKey,
  tablesWithUserTriggers,
} from './catalog.ts';
import { PORTABLE_SESSION } from './create-backup.ts';
import { BLOB_ENTRY, type Manifest } from './manifest.ts';

export type RestoreSummary = {
  tables: number;
  rows: number;
  blobs: number;
  seconds: number;
  forced: boolean;
  archiveSha256: string;
  migrationsApplied: number;
};

type Migration = { createdAt: number; hash: string };

function sameMigration(a: Migration | undefined, b: Migration | undefined): boolean {
  return !!a && !!b && a.createdAt === b.createdAt && a.hash === b.hash;
}

/** The archive's migrations must be the first ones this build ships, unchanged. */
function archiveLevel(manifest: Manifest): number {
  const shipped = shippedMigrations();
  const last = manifest.migrations.at(-1);
  if (!last) throw new BackupError('incompatible', 'the archive records no applied migration');
  const newest = shipped.at(-1);
  if (!newest || last.createdAt > newest.createdAt)
    throw new BackupError(
      'newer-migration',
      `the archive comes from a newer CanhGac (schema migration ${last.createdAt}; this build knows up to ${newest?.createdAt ?? 'none'}): upgrade CanhGac first`,
    );
  manifest.migrations.forEach((m, i) => {
    if (!sameMigration(m, shipped[i]))
      throw new BackupError('incompatible', `the archive's schema migration #${i + 1} differs from this build's`);
  });
  return last.createdAt;
}

function dbError(what: string, err: unknown): BackupError {
  if (err instanceof BackupError) return err;
  const e = err as { code?: string; message?: string };
  if (e.code === '55P03')
    return new BackupError('incompatible', `${what}: the database is in use (stop CanhGac before restoring)`);
  return new BackupError('incompatible', `${what}: ${e.message ?? String(err)}`);
}

/**
 * Restores an archive: verifies it completely first (nothing is touched if it is truncated,
 * altered or foreign), then in ONE transaction brings the schema to the archive's migration level,
 * empties our tables (only with `force`), loads every table, re-creates the links that the table
 * order cannot satisfy, checks the row counts, sets the sequences, migrates on to this build's
 * level and records the restore in the audit trail. Blobs are content-addressed: copying one that
 * ends up unused (a failed restore) does no harm, so they go into the store before the commit.
 */
export async function restoreBackup(
  pool: pg.Pool,
  opts: { file: string; key: Buffer; blobs: BlobStore; force: boolean; ctx: Ctx },
): Promise<RestoreSummary> {
  const started = performance.now();
  const file = path.resolve(opts.file);
  const { manifest, archiveSha256 } = await verifyArchive(file, opts.key);
  const level = archiveLevel(manifest);

  const client = await pool.connect();
  let failed: unknown;
  try {
    for (const stmt of PORTABLE_SESSION) await client.query(stmt);
    await client.query("SET lock_timeout = '15s'");
    await client.query('BEGIN');
    const summary = await restoreIn(client, { ...opts, file, manifest, archiveSha256, level });
    await client.query('COMMIT');
    return { ...summary, seconds: (performance.now() - started) / 1000 };
  } catch (err) {
    failed = err;
    await client.query('ROLLBACK').catch(() => undefined);
    throw dbError('restore failed, nothing was changed', err);
  } finally {
    client.release(failed instanceof Error && !(failed instanceof BackupError) ? failed : undefined);
  }
}

async function restoreIn(
  client: pg.PoolClient,
  opts: {
    file: string;
    manifest: Manifest;
    archiveSha256: string;
    level: number;
    blobs: BlobStore;
    force: boolean;
    ctx: Ctx;
  },
): Promise<Omit<RestoreSummary, 'seconds'>> {
  const { manifest } = opts;
  const shipped = shippedMigrations();
  const applied = await appliedMigrations(client);
  applied.forEach((m, i) => {
    if (!sameMigration(m, shipped[i]))
      throw new BackupError(
        'incompatible',
        `the target database's schema migration #${i + 1} is unknown to this build`,
      );
  });
  if ((applied.at(-1)?.createdAt ?? -1) > opts.level)
    throw new BackupError(
      'incompatible',
      'the target database is at a newer schema migration than the archive (made by an older CanhGac): restore into a new, empty database, which the restore then migrates to this version',
    );

  for (const t of applied.length ? await listTables(client) : []) {
    const r = await client.query(`SELECT 1 FROM ${qualified(t.schema, t.name)} LIMIT 1`);
    if (r.rowCount && !opts.force)
      throw new BackupError(
        'not-empty',
        `the target database is not empty (table ${t.schema}.${t.name} has rows): use --force to replace its contents`,
      );
  }

  const migrationsApplied = await applyMigrationsInTransaction(client, opts.level);
  const tables = await listTables(client);
  const byKey = new Map(tables.map((t) => [tableKey(t), t]));
  for (const t of manifest.tables) {
    const target = byKey.get(tableKey(t));
    if (!target || target.columns.join(',') !== t.columns.join(','))
      throw new BackupError(
        'incompatible',
        `table ${t.schema}.${t.name} of the archive does not match this database's`,
      );
  }
  if (opts.force && tables.length > 0)
    await client.query(`TRUNCATE ${tables.map((t) => qualified(t.schema, t.name)).join(', ')} RESTART IDENTITY`);

  // Links the archive's table order cannot satisfy (self-references, cycles) are dropped for the
  // load and re-created afterwards, which checks every row: no superuser needed, none skipped.
  const position = new Map(manifest.tables.map((t, i) => [tableKey(t), i]));
  const backward = (await listForeignKeys(client)).filter((fk) => {
    const from = position.get(`${fk.schema}.${fk.table}`);
    const to = position.get(`${fk.refSchema}.${fk.refTable}`);
    return from !== undefined && to !== undefined && to >= from;
  });
  for (const fk of backward)
    await client.query(`ALTER TABLE ${qualified(fk.schema, fk.table)} DROP CONSTRAINT ${quoteIdent(fk.name)}`);
  await client.query('SET CONSTRAINTS ALL DEFERRED');
  const triggered = await tablesWithUserTriggers(client);
  for (const key of triggered) {
    const t = byKey.get(key);
    if (t) await client.query(`ALTER TABLE ${qualified(t.schema, t.name)} DISABLE TRIGGER USER`);
  }

  const loaded = await loadEntries(client, opts);

  for (const key of triggered) {
    const t = byKey.get(key);
    if (t) await client.query(`ALTER TABLE ${qualified(t.schema, t.name)} ENABLE TRIGGER USER`);
  }
  for (const fk of backward) await readdForeignKey(client, fk);

  let rows = 0;
  for (const t of manifest.tables) {
    const r = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${qualified(t.schema, t.name)}`);
    const n = Number(r.rows[0]?.n ?? -1);
    if (n !== t.rows)
      throw new BackupError(
        'count-mismatch',
        `table ${t.schema}.${t.name} holds ${n} rows after loading, the manifest says ${t.rows}`,
      );
    rows += n;
  }
  for (const s of manifest.sequences) {
    const exists = await client.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [
      qualified(s.schema, s.name),
    ]);
    if (!exists.rows[0]?.t) continue;
    if (s.value === null) await client.query(`ALTER SEQUENCE ${qualified(s.schema, s.name)} RESTART`);
    else await client.query('SELECT setval($1::regclass, $2, $3)', [qualified(s.schema, s.name), s.value, s.isCalled]);
  }
  await rebaseUnsealedAudit(client);
  const later = await applyMigrationsInTransaction(client);

  await recordAuditInTransaction(client, opts.ctx, [
    {
      action: 'system.restore',
      subjectType: 'backup',
      subjectId: opts.archiveSha256,
      detail: {
        file: path.basename(opts.file),
        archiveCreatedAt: manifest.createdAt,
        appVersion: manifest.appVersion,
        sourceServer: manifest.source.serverVersion,
        tables: manifest.tables.length,
        rows,
        blobs: loaded.blobs,
        forced: opts.force,
        auditHead: manifest.audit,
      },
    },
  ]);
  return {
    tables: manifest.tables.length,
    rows,
    blobs: loaded.blobs,
    forced: opts.force,
    archiveSha256: opts.archiveSha256,
    migrationsApplied: migrationsApplied + later,
  };
}

async function readdForeignKey(client: pg.PoolClient, fk: ForeignKey) {
  try {
    await client.query(
      `ALTER TABLE ${qualified(fk.schema, fk.table)} ADD CONSTRAINT ${quoteIdent(fk.name)} ${fk.definition}`,
    );
  } catch (err) {
    throw dbError(`the rows of ${fk.schema}.${fk.table} break ${fk.name}`, err);
  }
}

/** Second pass over the archive: streams each table into COPY FROM and each blob into the store, re-hashing as it goes. */
async function loadEntries(
  client: pg.PoolClient,
  opts: { file: string; manifest: Manifest; archiveSha256: string; blobs: BlobStore },
): Promise<{ blobs: number }> {
  const expected = new Map(opts.manifest.entries.map((e) => [e.name, e]));
  const tableOf = new Map(opts.manifest.tables.map((t) => [t.entry, t]));
  let blobs = 0;
  const sha = await walkArchive(opts.file, async (header, stream) => {
    const want = expected.get(header.name);
    if (!want) return; // the manifest and its signature, checked in the first pass
    const blob = BLOB_ENTRY.exec(header.name);
    if (blob?.[1]) {
      const stored = await opts.blobs.put(Readable.from(stream), Number.MAX_SAFE_INTEGER).catch((err: unknown) => {
        throw new BackupError('incompatible', `cannot store blob ${blob[1]}: ${(err as Error).message}`);
      });
      if (stored.sha256 !== blob[1])
        throw new BackupError('hash-mismatch', `blob ${header.name} changed since it was verified`);
      blobs += 1;
      return;
    }
    const table = tableOf.get(header.name);
    if (!table) return;
    const hash = createHash('sha256');
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    const copy = client.query(
      copyFrom(`COPY ${qualified(table.schema, table.name)} (${table.columns.map(quoteIdent).join(', ')}) FROM STDIN`),
    );
    try {
      await pipeline(stream, meter, copy);
    } catch (err) {
      throw dbError(`loading table ${table.schema}.${table.name} failed`, err);
    }
    if (hash.digest('hex') !== want.sha256)
      throw new BackupError('hash-mismatch', `entry ${header.name} changed since it was verified`);
  });
  if (sha !== opts.archiveSha256)
    throw new BackupError('hash-mismatch', 'the archive file changed while it was being restored');
  return { blobs };
}
