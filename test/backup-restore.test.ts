import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, createPool } from '../src/db/database.ts';
import { type EmbeddedServer, openEmbeddedServer } from '../src/db/embedded-server.ts';
import { listTables } from '../src/modules/backup/catalog.ts';
import { manifestKey, signManifest } from '../src/modules/backup/manifest.ts';
import { BlobStore } from '../src/modules/files/blob-store.ts';
import { storeFile } from '../src/modules/files/commands/store-file.ts';
import { systemCtx } from '../src/platform/actor.ts';
import { systemClock } from '../src/platform/clock.ts';
import { freePort } from '../src/platform/net.ts';
import { type CliRun, runCli } from './run-cli.ts';

/**
 * Acceptance for backup and restore (#3): an embedded PostgreSQL 18 with the demo constituency,
 * sealed audit entries and stored files is backed up through the CLI and restored into an empty
 * database on the external PostgreSQL 15; damaged archives are refused before anything changes.
 * This file starts its own embedded server whichever server the rest of the suite uses.
 */

const PG15_URL = process.env.CANHGAC_BACKUP_TEST_PG15_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECRET = `backup-test-${'s'.repeat(32)}`;

async function pg15Problem(): Promise<string | undefined> {
  const c = new pg.Client({ connectionString: PG15_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    const r = await c.query<{ n: string }>("SELECT current_setting('server_version_num') AS n");
    if (Number(r.rows[0]?.n) < 150000) return `the server at ${PG15_URL} is older than PostgreSQL 15`;
    return undefined;
  } catch (err) {
    return `no PostgreSQL at ${PG15_URL} (${(err as Error).message})`;
  } finally {
    await c.end().catch(() => undefined);
  }
}

const problem = await pg15Problem();
const skip = problem !== undefined && process.env.CI !== 'true';
if (skip) console.warn(`backup/restore acceptance skipped: ${problem}`);

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** stderr holds exactly one line, `error: …`; returns it. */
function errorLine(run: CliRun): string {
  const lines = run.stderr.split('\n').filter((l) => l !== '');
  expect(lines, `stderr: ${run.stderr}`).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: \S/);
  return lines[0] ?? '';
}

type Fingerprint = Record<string, { rows: number; digest: string }>;

/**
 * Per table: row count and a digest of every row as JSON (order-independent). audit_log leaves out
 * `tx_id` (a restore renumbers the transaction of entries still awaiting their seal) and, with
 * `skipRestoreEntries`, the entries the restore itself adds.
 */
async function fingerprint(url: string, opts: { skipRestoreEntries?: boolean } = {}): Promise<Fingerprint> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const out: Fingerprint = {};
    for (const t of await listTables(c)) {
      const audit = t.schema === 'public' && t.name === 'audit_log';
      const where = audit && opts.skipRestoreEntries ? "WHERE t.action <> 'system.restore'" : '';
      const r = await c.query<{ n: string; digest: string }>(
        `SELECT count(*)::text AS n,
                md5(coalesce(string_agg(x.j, '|' ORDER BY x.j), '')) AS digest
           FROM (SELECT (to_jsonb(t) - $1::text)::text AS j FROM "${t.schema}"."${t.name}" t ${where}) x`,
        [audit ? 'tx_id' : ''],
      );
      out[`${t.schema}.${t.name}`] = { rows: Number(r.rows[0]?.n), digest: r.rows[0]?.digest ?? '' };
    }
    return out;
  } finally {
    await c.end();
  }
}

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text)).rows;
  } finally {
    await c.end();
  }
}

/** Re-packs an archive, passing each entry through `edit` (null drops it). */
async function rewriteArchive(
  src: string,
  dst: string,
  edit: (name: string, body: Buffer) => Buffer | null,
): Promise<void> {
  const extract = tar.extract();
  const entries: { name: string; body: Buffer }[] = [];
  const done = (async () => {
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      entries.push({ name: entry.header.name, body: Buffer.concat(chunks) });
    }
  })();
  Readable.from([gunzipSync(await fs.readFile(src))]).pipe(extract);
  await done;
  const pack = tar.pack();
  for (const e of entries) {
    const body = edit(e.name, e.body);
    if (body) pack.entry({ name: e.name }, body);
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  await fs.writeFile(dst, gzipSync(Buffer.concat(chunks)));
}

/** Edits the manifest and signs it again with the installation's key (as only its holder could). */
function resigned(change: (m: Record<string, unknown>) => void) {
  let manifest: Buffer | undefined;
  return (name: string, body: Buffer): Buffer | null => {
    if (name === 'manifest.json') {
      const m = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      change(m);
      manifest = Buffer.from(JSON.stringify(m));
      return manifest;
    }
    if (name === 'manifest.sig' && manifest) return Buffer.from(signManifest(manifestKey(SECRET), manifest));
    return body;
  };
}

// Each step runs the CLI a few times (embedded server, migrations): generous on a busy 2-core machine.
describe.skipIf(skip)(
  'backup (embedded PostgreSQL 18) → restore (external PostgreSQL 15)',
  { timeout: 120_000 },
  () => {
    let dir: string;
    let srcDir: string;
    let server: EmbeddedServer;
    let archive: string;
    let source: Fingerprint;
    let sourceSealed: number;
    let sourceUnsealed: number;
    const targets: string[] = [];
    let target: { url: string; dataDir: string };

    const sourceCli = (args: string[]) => runCli(args, { CANHGAC_DATA_DIR: srcDir, CANHGAC_SECRET: SECRET });
    const targetCli = (args: string[], t = target) =>
      runCli(args, { DATABASE_URL: t.url, CANHGAC_SECRET: SECRET, CANHGAC_DATA_DIR: t.dataDir });

    async function newTarget(): Promise<{ url: string; dataDir: string }> {
      if (problem) throw new Error(`CI=true: the external PostgreSQL 15 is required: ${problem}`);
      const name = `canhgac_restore_${randomBytes(4).toString('hex')}`;
      await query(PG15_URL, `CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
      targets.push(name);
      return { url: withDatabase(PG15_URL, name), dataDir: await fs.mkdtemp(path.join(dir, 'target-')) };
    }

    beforeAll(async () => {
      if (problem) throw new Error(`CI=true: the external PostgreSQL 15 is required: ${problem}`);
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'canhgac-backup-test-'));
      // Its own temp dir: as root, PostgreSQL runs as `postgres` and must be able to reach the data dir.
      srcDir = await fs.mkdtemp(path.join(os.tmpdir(), 'canhgac-backup-source-'));
      const port = await freePort();
      expect(port).not.toBe(5432);
      server = await openEmbeddedServer({ dataDir: srcDir, port, portFallback: true });
      const version = await query<{ n: string }>(server.url, "SELECT current_setting('server_version_num') AS n");
      expect(Number(version[0]?.n)).toBeGreaterThanOrEqual(180000);

      // The CLI borrows the running embedded server of the data dir, as it does beside `serve`.
      const demo = await sourceCli(['demo']);
      expect(demo.code, demo.stderr).toBe(0);
      const pool = createPool(server.url, 2);
      try {
        const db = createDb(pool);
        const blobs = new BlobStore(path.join(srcDir, 'blobs'));
        const ctx = systemCtx('system:test', systemClock);
        const report = Buffer.from('Báo cáo sự cố: máy chủ cổng thông tin tỉnh Quảng Nam\n');
        await storeFile(db, ctx, blobs, { stream: Readable.from([report]), name: 'bao-cao.txt', organisationId: null });
        const binary = randomBytes(70_000);
        await storeFile(db, ctx, blobs, { stream: Readable.from([binary]), name: 'dump.bin', organisationId: null });
        const sealed = await sourceCli(['audit', 'verify', '--seal']);
        expect(sealed.code, sealed.stderr).toBe(0);
        // One more entry after the seal: the archive carries an entry still awaiting its seal.
        await storeFile(db, ctx, blobs, { stream: Readable.from([report]), name: 'ban-sao.txt', organisationId: null });
      } finally {
        await pool.end();
      }
      const counts = await query<{ sealed: string; unsealed: string }>(
        server.url,
        'SELECT count(seq)::text AS sealed, count(*) FILTER (WHERE seq IS NULL)::text AS unsealed FROM audit_log',
      );
      sourceSealed = Number(counts[0]?.sealed);
      sourceUnsealed = Number(counts[0]?.unsealed);
      expect(sourceSealed).toBeGreaterThan(100);
      expect(sourceUnsealed).toBe(1);
      archive = path.join(dir, 'canhgac.tar.gz');
    }, 180_000);

    afterAll(async () => {
      for (const name of targets)
        await query(PG15_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await server?.stop();
      if (dir) await fs.rm(dir, { recursive: true, force: true });
      if (srcDir) await fs.rm(srcDir, { recursive: true, force: true });
    });

    it('backup writes one archive with the tables, the referenced blobs and a signed manifest', async () => {
      const run = await sourceCli(['backup', archive, '--json']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      source = await fingerprint(server.url);
      const summary = JSON.parse(run.stdout) as { tables: number; rows: number; blobs: number; bytes: number };
      expect(summary.tables).toBe(Object.keys(source).length);
      expect(summary.rows).toBe(Object.values(source).reduce((n, t) => n + t.rows, 0));
      expect(summary.blobs).toBe(2);
      expect((await fs.stat(archive)).mode & 0o777).toBe(0o600);
      expect(Object.keys(source)).not.toContain('canhgac_meta.__drizzle_migrations');
      expect(Object.keys(source).some((k) => k.startsWith('pgboss.'))).toBe(false);

      const again = await sourceCli(['backup', archive]);
      expect(again.code).toBe(1);
      expect(errorLine(again)).toMatch(/already exists/);
    });

    it('restores into an empty PostgreSQL 15 database: same rows in every table, audit chain intact, blobs verified', async () => {
      target = await newTarget();
      const run = await targetCli(['restore', archive, '--json']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const summary = JSON.parse(run.stdout) as { tables: number; rows: number; blobs: number; forced: boolean };
      expect(summary).toMatchObject({ tables: Object.keys(source).length, blobs: 2, forced: false });
      expect(summary.rows).toBe(Object.values(source).reduce((n, t) => n + t.rows, 0));

      // Every row of every table, byte for byte as JSON; audit_log gains exactly the restore's own entry.
      expect(await fingerprint(target.url, { skipRestoreEntries: true })).toEqual(source);
      const restored = await fingerprint(target.url);
      expect(restored['public.audit_log']?.rows).toBe((source['public.audit_log']?.rows ?? 0) + 1);
      const entry = await query<{ actor: string; diff: { detail: { forced: boolean } } }>(
        target.url,
        "SELECT actor, diff FROM audit_log WHERE action = 'system.restore'",
      );
      expect(entry).toHaveLength(1);
      expect(entry[0]?.actor).toBe('system:cli');
      expect(entry[0]?.diff.detail.forced).toBe(false);
      // Entries awaiting their seal can be sealed here, whatever the source cluster's transaction ids were.
      const stuck = await query<{ n: number }>(
        target.url,
        'SELECT count(*)::int AS n FROM audit_log WHERE seq IS NULL AND tx_id >= pg_snapshot_xmin(pg_current_snapshot())',
      );
      expect(stuck[0]?.n).toBe(0);

      const verify = await targetCli(['audit', 'verify', '--seal', '--json']);
      expect(verify.stderr).toBe('');
      expect(verify.code).toBe(0);
      expect(JSON.parse(verify.stdout)).toEqual({
        ok: true,
        sealed: sourceSealed + sourceUnsealed + 1,
        unsealed: 0,
        firstBroken: null,
      });

      const hashes = await query<{ sha256: string }>(target.url, 'SELECT DISTINCT sha256 FROM files');
      expect(hashes).toHaveLength(2);
      const store = new BlobStore(path.join(target.dataDir, 'blobs'));
      for (const { sha256 } of hashes) {
        const bytes = await fs.readFile(store.pathOf(sha256));
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
      }
    });

    it('refuses a database that is not empty (exit 1, nothing changed) and replaces it with --force', async () => {
      const before = await fingerprint(target.url);
      const refused = await targetCli(['restore', archive]);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toBe('');
      expect(errorLine(refused)).toMatch(
        /^error: the target database is not empty \(table [\w.]+ has rows\): use --force/,
      );
      expect(await fingerprint(target.url)).toEqual(before);

      const forced = await targetCli(['restore', archive, '--force']);
      expect(forced.stderr).toBe('');
      expect(forced.code).toBe(0);
      expect(forced.stdout).toMatch(
        /^restored \d+ tables, \d+ rows, 2 files in [\d.]+ s \(previous contents replaced\)\n$/,
      );
      expect(await fingerprint(target.url, { skipRestoreEntries: true })).toEqual(source);
      const restores = await query<{ n: number }>(
        target.url,
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'system.restore'",
      );
      expect(restores[0]?.n).toBe(1);
      const verify = await targetCli(['audit', 'verify', '--seal']);
      expect(verify.code, verify.stderr).toBe(0);
    });

    describe('damaged or foreign archives are refused with the reason, before the database is touched', () => {
      const flipInData = (name: string, body: Buffer) => {
        if (!name.endsWith('public.organisations.copy')) return body;
        const copy = Buffer.from(body);
        copy[Math.floor(copy.length / 2)] = (copy[Math.floor(copy.length / 2)] ?? 0) ^ 0x01;
        return copy;
      };
      const cases: { label: string; make: (file: string) => Promise<void>; reason: RegExp }[] = [
        {
          label: 'truncated',
          make: async (file) => {
            const bytes = await fs.readFile(archive);
            await fs.writeFile(file, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
          },
          reason: /truncated/,
        },
        {
          label: 'not gzip',
          make: (file) => fs.writeFile(file, 'this is not a backup\n'),
          reason: /not a valid gzip file/,
        },
        {
          label: 'a flipped byte in a data entry',
          make: (file) => rewriteArchive(archive, file, flipInData),
          reason: /entry data\/\d{4}-public\.organisations\.copy does not match its SHA-256/,
        },
        {
          label: 'an edited manifest',
          make: (file) =>
            rewriteArchive(archive, file, (name, body) =>
              name === 'manifest.json'
                ? Buffer.from(body.toString('utf8').replace(/"rows": ?(\d+)/, '"rows": 9$1'))
                : body,
            ),
          reason: /manifest signature does not match/,
        },
        {
          label: 'a blob entry removed',
          make: (file) => rewriteArchive(archive, file, (name, body) => (name.startsWith('blobs/') ? null : body)),
          reason: /entry blobs\/sha256\/[0-9a-f]{64} listed in the manifest is missing/,
        },
        {
          label: 'an unknown format version (re-signed)',
          make: (file) =>
            rewriteArchive(
              archive,
              file,
              resigned((m) => {
                m.formatVersion = 2;
              }),
            ),
          reason: /unknown backup format version 2/,
        },
        {
          label: 'a newer migration than this build (re-signed)',
          make: (file) =>
            rewriteArchive(
              archive,
              file,
              resigned((m) => {
                (m.migrations as unknown[]).push({ createdAt: 9_999_999_999_999, hash: 'f'.repeat(64) });
              }),
            ),
          reason: /newer CanhGac .*upgrade CanhGac first/,
        },
        {
          label: 'a row count the data does not have (re-signed): loaded, found wrong, rolled back',
          make: (file) =>
            rewriteArchive(
              archive,
              file,
              resigned((m) => {
                const orgs = (m.tables as { name: string; rows: number }[]).find((t) => t.name === 'organisations');
                if (orgs) orgs.rows += 1;
              }),
            ),
          reason: /table public\.organisations holds \d+ rows after loading, the manifest says \d+/,
        },
        {
          label: 'signed with another secret',
          make: async (file) => {
            let manifest: Buffer = Buffer.alloc(0);
            await rewriteArchive(archive, file, (name, body) => {
              if (name === 'manifest.json') manifest = body;
              return name === 'manifest.sig' ? Buffer.from(signManifest(manifestKey('x'.repeat(40)), manifest)) : body;
            });
          },
          reason: /another master secret \(CANHGAC_SECRET/,
        },
      ];

      for (const c of cases) {
        it(`${c.label}: exit 1, one error line, the forced restore changes nothing`, async () => {
          const file = path.join(dir, `bad-${randomBytes(3).toString('hex')}.tar.gz`);
          await c.make(file);
          const before = await fingerprint(target.url);
          const run = await targetCli(['restore', file, '--force']);
          expect(run.code).toBe(1);
          expect(run.stdout).toBe('');
          expect(errorLine(run)).toMatch(c.reason);
          expect(await fingerprint(target.url)).toEqual(before);
        });
      }

      it('an empty database stays empty, refused before or after loading (not even the schema is left)', async () => {
        const empty = await newTarget();
        const tampered = path.join(dir, 'tampered.tar.gz');
        await rewriteArchive(archive, tampered, flipInData);
        const miscounted = path.join(dir, 'miscounted.tar.gz');
        await rewriteArchive(
          archive,
          miscounted,
          resigned((m) => {
            const users = (m.tables as { name: string; rows: number }[]).find((t) => t.name === 'users');
            if (users) users.rows -= 1;
          }),
        );
        const early = await targetCli(['restore', tampered], empty);
        expect(early.code).toBe(1);
        expect(errorLine(early)).toMatch(/does not match its SHA-256/);
        const late = await targetCli(['restore', miscounted], empty);
        expect(late.code).toBe(1);
        expect(errorLine(late)).toMatch(/public\.users holds \d+ rows after loading/);
        const tables = await query<{ n: number }>(
          empty.url,
          "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname IN ('public', 'canhgac_meta')",
        );
        expect(tables[0]?.n).toBe(0);
      });
    });
    it('a backup taken while files are being stored is one consistent moment', async () => {
      const pool = createPool(server.url, 3);
      const db = createDb(pool);
      const blobs = new BlobStore(path.join(srcDir, 'blobs'));
      const ctx = systemCtx('system:test', systemClock);
      let writing = true;
      let written = 0;
      const writer = (async () => {
        while (writing) {
          await storeFile(db, ctx, blobs, {
            stream: Readable.from([randomBytes(64)]),
            name: `lien-tuc-${written}.bin`,
            organisationId: null,
          });
          written += 1;
        }
      })();
      const file = path.join(dir, 'while-writing.tar.gz');
      const run = await sourceCli(['backup', file]);
      writing = false;
      await writer;
      const total = await query<{ n: number }>(server.url, 'SELECT count(*)::int AS n FROM files');
      await pool.end();
      expect(run.code, run.stderr).toBe(0);

      const t = await newTarget();
      const restore = await targetCli(['restore', file], t);
      expect(restore.code, restore.stderr).toBe(0);
      // Each stored file is a files row and its audit entry, committed together: the archive has both or neither.
      const rows = await query<{ files: number; entries: number; orphans: number }>(
        t.url,
        `SELECT (SELECT count(*)::int FROM files) AS files,
              (SELECT count(*)::int FROM audit_log WHERE action = 'file.store') AS entries,
              (SELECT count(*)::int FROM files f WHERE NOT EXISTS
                 (SELECT 1 FROM audit_log a WHERE a.action = 'file.store' AND a.subject_id = f.id::text)) AS orphans`,
      );
      expect(rows[0]?.orphans).toBe(0);
      expect(rows[0]?.files).toBe(rows[0]?.entries);
      // Writes went on after the snapshot was taken: the archive holds fewer files than the source now does.
      expect(written).toBeGreaterThan(0);
      expect(rows[0]?.files).toBeLessThan(total[0]?.n ?? 0);
    });
  },
);
