import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyArchive } from './archive-reader.ts';
import { ArchiveWriter } from './archive-writer.ts';
import { BackupError } from './backup-error.ts';
import { FORMAT, FORMAT_VERSION, type Manifest, manifestKey, signManifest } from './manifest.ts';

const KEY = manifestKey('property-test-secret-property-test-secret');
let dir: string;
let valid: Buffer;

/** A small but complete archive: one table, one blob, the signed manifest last. */
async function buildArchive(file: string): Promise<void> {
  const writer = new ArchiveWriter(file);
  const rows = Buffer.from('1\tQuảng Nam\n2\tĐà Nẵng\n');
  const blob = Buffer.from('evidence bytes');
  const blobHash = createHash('sha256').update(blob).digest('hex');
  await writer.add('data/0001-public.t.copy', rows.length, Readable.from([rows]));
  await writer.add(`blobs/sha256/${blobHash}`, blob.length, Readable.from([blob]));
  const manifest: Manifest = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    appVersion: 'test',
    createdAt: '2026-11-24T00:00:00.000Z',
    source: { serverVersion: '18.4', serverVersionNum: 180004 },
    migrations: [{ createdAt: 1, hash: 'a'.repeat(64) }],
    tables: [{ schema: 'public', name: 't', columns: ['id', 'name'], rows: 2, entry: 'data/0001-public.t.copy' }],
    sequences: [],
    blobs: 1,
    audit: null,
    entries: writer.entries,
  };
  const body = Buffer.from(JSON.stringify(manifest));
  await writer.addBuffer('manifest.json', body);
  await writer.addBuffer('manifest.sig', Buffer.from(signManifest(KEY, body)));
  await writer.finish();
}

let counter = 0;
async function check(bytes: Buffer): Promise<'ok' | BackupError> {
  const file = path.join(dir, `case-${counter++}.tar.gz`);
  await fs.writeFile(file, bytes);
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('verifyArchive hung')), 10_000);
  });
  try {
    await Promise.race([verifyArchive(file, KEY), hang]);
    return 'ok';
  } catch (err) {
    if (err instanceof BackupError) return err;
    throw err;
  } finally {
    clearTimeout(timer);
    await fs.rm(file, { force: true });
  }
}

async function tarOf(entries: { name: string; body: Buffer }[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) pack.entry({ name: e.name }, e.body);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'canhgac-archive-prop-'));
  await buildArchive(path.join(dir, 'valid.tar.gz'));
  valid = await fs.readFile(path.join(dir, 'valid.tar.gz'));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('archive reader', () => {
  it('accepts the archive it was given, untouched', async () => {
    expect(await check(valid)).toBe('ok');
  });

  it('a cut-off archive is refused as truncated', async () => {
    const result = await check(valid.subarray(0, Math.floor(valid.length / 2)));
    expect(result).toBeInstanceOf(BackupError);
    expect((result as BackupError).reason).toBe('truncated');
  });

  it('random bytes give a clean error, never a crash or a hang', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        expect(await check(Buffer.from(bytes))).toBeInstanceOf(BackupError);
      }),
      { numRuns: 150 },
    );
  });

  it('gzip of random tar entries gives a clean error', async () => {
    const entry = fc.record({
      name: fc.oneof(
        fc.constantFrom('manifest.json', 'manifest.sig', 'data/0001-public.t.copy', `blobs/sha256/${'b'.repeat(64)}`),
        fc.string({ minLength: 1, maxLength: 40 }),
      ),
      body: fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b)),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { maxLength: 6 }), async (entries) => {
        expect(await check(gzipSync(await tarOf(entries)))).toBeInstanceOf(BackupError);
      }),
      { numRuns: 100 },
    );
  });

  it('a mutated archive (flipped, cut, inserted bytes) is refused, or read back exactly as it was', async () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
      fc.record({
        kind: fc.constant('insert' as const),
        at: fc.nat(),
        bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const at = m.at % valid.length;
        let bytes: Buffer;
        if (m.kind === 'flip') {
          bytes = Buffer.from(valid);
          bytes[at] = (bytes[at] ?? 0) ^ (1 << m.bit);
        } else if (m.kind === 'cut') bytes = valid.subarray(0, at);
        else bytes = Buffer.concat([valid.subarray(0, at), Buffer.from(m.bytes), valid.subarray(at)]);
        const result = await check(bytes);
        // A few gzip header bytes (mtime, OS, flags' unused bits) do not change the content.
        if (result !== 'ok') expect(result).toBeInstanceOf(BackupError);
      }),
      { numRuns: 200 },
    );
  });
});
