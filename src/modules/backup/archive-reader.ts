import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { BackupError } from './backup-error.ts';
import {
  BLOB_ENTRY,
  DATA_ENTRY,
  FORMAT,
  FORMAT_VERSION,
  MANIFEST_ENTRY,
  type Manifest,
  manifestSchema,
  SIGNATURE_ENTRY,
  signatureValid,
} from './manifest.ts';

const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
const MAX_SIGNATURE_BYTES = 256;

export type EntryHeader = { name: string; size: number };
type Visit = (header: EntryHeader, stream: AsyncIterable<Buffer>) => Promise<void>;

/** zlib and tar-stream errors → the reason a person can act on. */
function explain(err: unknown, file: string): BackupError {
  if (err instanceof BackupError) return err;
  const e = err as NodeJS.ErrnoException;
  const msg = e?.message ?? String(err);
  if (e?.code === 'ENOENT') return new BackupError('corrupt', `cannot read the archive: no such file ${file}`);
  if (e?.code === 'EISDIR') return new BackupError('corrupt', `cannot read the archive: ${file} is a directory`);
  if (e?.code === 'Z_BUF_ERROR' || /unexpected end/i.test(msg))
    return new BackupError('truncated', 'the archive is truncated (it ends in the middle of its data)');
  if (e?.code === 'Z_DATA_ERROR') return new BackupError('corrupt', `the archive is not a valid gzip file (${msg})`);
  if (/tar|header/i.test(msg)) return new BackupError('corrupt', `the archive is not a valid tar file (${msg})`);
  return new BackupError('corrupt', `the archive cannot be read (${msg})`);
}

/**
 * Streams through a .tar.gz: `visit` gets each regular file entry and must consume it. Returns the
 * SHA-256 of the archive file itself. Every failure becomes a BackupError with the reason.
 */
export async function walkArchive(file: string, visit: Visit): Promise<string> {
  const fileHash = createHash('sha256');
  const input = createReadStream(file);
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      fileHash.update(chunk);
      done(null, chunk);
    },
  });
  const extract = tar.extract();
  const feeding = pipeline(input, meter, createGunzip(), extract);
  // Rejections are collected below; never left unhandled while the loop is still running.
  feeding.catch(() => undefined);
  try {
    for await (const entry of extract) {
      const { name, size, type } = entry.header;
      if (type !== 'file')
        throw new BackupError('unexpected-entry', `unexpected ${type ?? 'unknown'} entry ${name} in the archive`);
      // tar-stream entries yield Buffers (streamx types them as unknown).
      await visit({ name, size: size ?? 0 }, entry as AsyncIterable<Buffer>);
      entry.resume();
    }
    await feeding;
  } catch (err) {
    input.destroy();
    extract.destroy();
    await feeding.catch(() => undefined);
    throw explain(err, file);
  }
  return fileHash.digest('hex');
}

/** Reads a stream into memory, refusing more than `max` bytes. */
async function readSmall(stream: AsyncIterable<Buffer>, max: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > max) throw new BackupError('bad-manifest', `${what} is larger than ${max} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function hashStream(stream: AsyncIterable<Buffer>): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    hash.update(chunk);
  }
  return { sha256: hash.digest('hex'), size };
}

export type VerifiedArchive = { manifest: Manifest; archiveSha256: string };

/**
 * First pass of a restore, before anything is written: the archive must be a complete, unaltered
 * backup this build understands — every entry present with its size and SHA-256, each blob's name
 * its own hash, the manifest signed with this installation's key and written last.
 */
export async function verifyArchive(file: string, key: Buffer): Promise<VerifiedArchive> {
  const seen = new Map<string, { sha256: string; size: number }>();
  let manifestBytes: Buffer | undefined;
  let signature: string | undefined;
  const archiveSha256 = await walkArchive(file, async (header, stream) => {
    if (signature !== undefined)
      throw new BackupError('unexpected-entry', `unexpected entry ${header.name} after the manifest signature`);
    if (header.name === SIGNATURE_ENTRY) {
      if (!manifestBytes) throw new BackupError('unexpected-entry', 'the manifest signature comes before the manifest');
      signature = (await readSmall(stream, MAX_SIGNATURE_BYTES, 'the manifest signature')).toString('utf8');
      return;
    }
    if (manifestBytes) throw new BackupError('unexpected-entry', `unexpected entry ${header.name} after the manifest`);
    if (header.name === MANIFEST_ENTRY) {
      manifestBytes = await readSmall(stream, MAX_MANIFEST_BYTES, 'the manifest');
      return;
    }
    if (!DATA_ENTRY.test(header.name) && !BLOB_ENTRY.test(header.name))
      throw new BackupError('unexpected-entry', `unexpected entry ${header.name} in the archive`);
    if (seen.has(header.name)) throw new BackupError('unexpected-entry', `entry ${header.name} appears twice`);
    seen.set(header.name, await hashStream(stream));
  });
  if (!manifestBytes)
    throw new BackupError('truncated', 'the archive has no manifest.json: it is truncated or not a CanhGac backup');
  if (signature === undefined)
    throw new BackupError('truncated', 'the archive has no manifest signature: it is truncated');
  const manifest = parseManifest(manifestBytes);
  if (!signatureValid(key, manifestBytes, signature))
    throw new BackupError(
      'signature',
      'the manifest signature does not match: the archive was altered, or it was made by an installation with another master secret (CANHGAC_SECRET, or the `secret` file of an embedded data dir)',
    );
  for (const entry of manifest.entries) {
    const got = seen.get(entry.name);
    if (!got)
      throw new BackupError('missing-entry', `entry ${entry.name} listed in the manifest is missing from the archive`);
    if (got.size !== entry.size || got.sha256 !== entry.sha256)
      throw new BackupError(
        'hash-mismatch',
        `entry ${entry.name} does not match its SHA-256 in the manifest (altered or damaged)`,
      );
    const blob = BLOB_ENTRY.exec(entry.name);
    if (blob && blob[1] !== entry.sha256)
      throw new BackupError('hash-mismatch', `blob ${entry.name} does not hold the content its name promises`);
    seen.delete(entry.name);
  }
  const extra = seen.keys().next();
  if (!extra.done) throw new BackupError('unexpected-entry', `entry ${extra.value} is not listed in the manifest`);
  const blobEntries = manifest.entries.filter((e) => BLOB_ENTRY.test(e.name)).length;
  if (blobEntries !== manifest.blobs)
    throw new BackupError('bad-manifest', `the manifest counts ${manifest.blobs} files but lists ${blobEntries}`);
  const listed = new Set(manifest.entries.map((e) => e.name));
  for (const t of manifest.tables) {
    if (!listed.has(t.entry))
      throw new BackupError('missing-entry', `the data of table ${t.schema}.${t.name} is not listed in the manifest`);
  }
  return { manifest, archiveSha256 };
}

/** The format version is read first: a newer format may differ in everything else. */
export function parseManifest(bytes: Buffer): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new BackupError('bad-manifest', 'manifest.json is not valid UTF-8 JSON');
  }
  const head = json as { format?: unknown; formatVersion?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== FORMAT)
    throw new BackupError('bad-manifest', 'manifest.json does not describe a CanhGac backup');
  if (head.formatVersion !== FORMAT_VERSION)
    throw new BackupError(
      'unknown-format',
      `unknown backup format version ${String(head.formatVersion)} (this build reads version ${FORMAT_VERSION})`,
    );
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BackupError(
      'bad-manifest',
      `manifest.json is invalid at ${issue?.path.join('.') || 'top level'}: ${issue?.message}`,
    );
  }
  return parsed.data;
}
