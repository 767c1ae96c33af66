import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Clock } from '../../platform/clock.ts';
import { auditChainHead } from '../audit/chain-head.ts';
import type { BlobStore } from '../files/blob-store.ts';
import { referencedBlobs } from '../files/referenced-blobs.ts';
import { appVersion } from './app-version.ts';
import { ArchiveWriter } from './archive-writer.ts';
import { BackupError } from './backup-error.ts';
import {
  listForeignKeys,
  listSequences,
  listTables,
  MIGRATIONS_TABLE,
  orderByForeignKeys,
  qualified,
  quoteIdent,
} from './catalog.ts';
import { FORMAT, FORMAT_VERSION, MANIFEST_ENTRY, type Manifest, SIGNATURE_ENTRY, signManifest } from './manifest.ts';

export type BackupSummary = {
  file: string;
  tables: number;
  rows: number;
  blobs: number;
  bytes: number;
  seconds: number;
};

/** Text COPY output that reads back the same on any PostgreSQL ≥ 15, whatever the server's defaults. */
export const PORTABLE_SESSION = [
  "SET DateStyle = 'ISO, YMD'",
  "SET IntervalStyle = 'postgres'",
  'SET extra_float_digits = 3',
  "SET bytea_output = 'hex'",
  "SET TimeZone = 'UTC'",
];

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(
    () => true,
    () => false,
  );
}

/**
 * Writes a backup archive of the database and the blobs it references. The tables are exported
 * through the driver (COPY … TO STDOUT) inside one REPEATABLE READ READ ONLY snapshot, so the
 * archive is consistent while the application keeps running. Each table is spooled to a temporary
 * file next to the archive (tar needs its size first), so memory stays flat whatever the size.
 */
export async function createBackup(
  pool: pg.Pool,
  opts: { file: string; blobs: BlobStore; key: Buffer; clock: Clock },
): Promise<BackupSummary> {
  const started = performance.now();
  const file = path.resolve(opts.file);
  if (await exists(file)) throw new BackupError('source', `${file} already exists; choose another name`);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.partial-${randomBytes(4).toString('hex')}`;
  const spool = `${file}.spool-${randomBytes(4).toString('hex')}`;
  const writer = new ArchiveWriter(partial);
  const client = await pool.connect();
  let inSnapshot = false;
  let failure: Error | undefined;
  try {
    for (const stmt of PORTABLE_SESSION) await client.query(stmt);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    inSnapshot = true;
    const migrations = await client
      .query<{ hash: string; created_at: string }>(
        `SELECT hash, created_at::text FROM ${qualified(MIGRATIONS_TABLE.schema, MIGRATIONS_TABLE.name)} ORDER BY created_at, id`,
      )
      .catch(() => {
        throw new BackupError('source', 'the database holds no CanhGac schema (nothing to back up)');
      });
    const version = await client.query<{ v: string; n: string }>(
      "SELECT current_setting('server_version') AS v, current_setting('server_version_num') AS n",
    );
    const tables = orderByForeignKeys(await listTables(client), await listForeignKeys(client));
    const sequences = await listSequences(client);
    const audit = await auditChainHead(client);
    const blobHashes = await referencedBlobs(client);

    const tableEntries: Manifest['tables'] = [];
    let rows = 0;
    for (const [i, t] of tables.entries()) {
      const entry = `data/${String(i + 1).padStart(4, '0')}-${t.schema}.${t.name}.copy`;
      const copy = client.query(
        copyTo(`COPY (SELECT ${t.columns.map(quoteIdent).join(', ')} FROM ${qualified(t.schema, t.name)}) TO STDOUT`),
      );
      await pipeline(copy, createWriteStream(spool, { mode: 0o600 }));
      const { size } = await fs.stat(spool);
      await writer.add(entry, size, createReadStream(spool));
      tableEntries.push({ schema: t.schema, name: t.name, columns: t.columns, rows: copy.rowCount, entry });
      rows += copy.rowCount;
    }
    await client.query('COMMIT');
    inSnapshot = false;

    for (const sha256 of blobHashes) {
      const stat = await fs.stat(opts.blobs.pathOf(sha256)).catch(() => undefined);
      if (!stat)
        throw new BackupError('source', `blob ${sha256} referenced by the files table is missing from the blob store`);
      const got = await writer.add(`blobs/sha256/${sha256}`, stat.size, opts.blobs.open(sha256));
      if (got !== sha256)
        throw new BackupError('source', `blob ${sha256} in the blob store is damaged (its content hash is ${got})`);
    }

    const manifest: Manifest = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      appVersion: await appVersion(),
      createdAt: opts.clock.now().toISOString(),
      source: { serverVersion: version.rows[0]?.v ?? '', serverVersionNum: Number(version.rows[0]?.n ?? 0) },
      migrations: migrations.rows.map((m) => ({ createdAt: Number(m.created_at), hash: m.hash })),
      tables: tableEntries,
      sequences,
      blobs: blobHashes.length,
      audit,
      entries: writer.entries,
    };
    // Written last and signed: a cut-off archive has no manifest, an edited one no valid signature.
    const body = Buffer.from(JSON.stringify(manifest, null, 1));
    await writer.addBuffer(MANIFEST_ENTRY, body);
    await writer.addBuffer(SIGNATURE_ENTRY, Buffer.from(signManifest(opts.key, body)));
    await writer.finish();
    // link() refuses to replace a file that appeared meanwhile.
    await fs.link(partial, file);
    await fs.rm(partial, { force: true });
    const { size: bytes } = await fs.stat(file);
    return {
      file,
      tables: tables.length,
      rows,
      blobs: blobHashes.length,
      bytes,
      seconds: (performance.now() - started) / 1000,
    };
  } catch (err) {
    // A connection that failed in the middle of a COPY is not given back to the pool.
    failure = err instanceof Error ? err : new Error(String(err));
    if (inSnapshot) await client.query('ROLLBACK').catch(() => undefined);
    await writer.abort();
    await fs.rm(partial, { force: true });
    throw err;
  } finally {
    await fs.rm(spool, { force: true });
    client.release(failure);
  }
}
