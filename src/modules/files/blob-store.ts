import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../platform/errors.ts';

export type StoredBlob = { sha256: string; size: number; head: Buffer };

/** Bytes written and hashed but not yet in the store: `commit` moves them in, `discard` drops them. */
export type StagedBlob = StoredBlob & { commit(): Promise<StoredBlob>; discard(): Promise<void> };

const HEAD_BYTES = 4100;

/**
 * Content-addressed files on disk: `<root>/sha256/ab/cd/<hash>`. A write streams to a temporary
 * file while hashing and counting (bounded memory, size cap), then moves into place with an atomic
 * rename, so identical content is stored once and several instances can share the directory.
 */
export class BlobStore {
  readonly root: string;
  constructor(root: string) {
    this.root = path.resolve(root);
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a SHA-256 hex digest');
    return path.join(this.root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Stores a stream; refuses empty input and input over `maxBytes` (nothing is kept then). */
  async put(input: Readable, maxBytes: number): Promise<StoredBlob> {
    return (await this.stage(input, maxBytes)).commit();
  }

  /**
   * Writes a stream to a temporary file, hashed and capped, without making it part of the store:
   * the caller commits it once the rest of its request turns out valid, or discards it (nothing
   * stays behind either way). Refuses empty input and input over `maxBytes`.
   */
  async stage(input: Readable, maxBytes: number): Promise<StagedBlob> {
    const tmpDir = path.join(this.root, 'tmp');
    await fs.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}`);
    const hash = createHash('sha256');
    let size = 0;
    const headChunks: Buffer[] = [];
    let headSize = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new AppError(413, 'file_too_large', { max: maxBytes }));
        hash.update(chunk);
        if (headSize < HEAD_BYTES) {
          headChunks.push(chunk.subarray(0, HEAD_BYTES - headSize));
          headSize += Math.min(chunk.length, HEAD_BYTES - headSize);
        }
        done(null, chunk);
      },
    });
    try {
      await pipeline(input, meter, createWriteStream(tmp, { flags: 'wx', mode: 0o640 }));
    } catch (err) {
      await fs.rm(tmp, { force: true });
      throw err;
    }
    if (size === 0) {
      await fs.rm(tmp, { force: true });
      throw new AppError(400, 'file_empty');
    }
    const blob: StoredBlob = { sha256: hash.digest('hex'), size, head: Buffer.concat(headChunks) };
    let settled = false;
    return {
      ...blob,
      commit: async () => {
        if (settled) throw new Error('staged blob already committed or discarded');
        settled = true;
        const target = this.pathOf(blob.sha256);
        await fs.mkdir(path.dirname(target), { recursive: true });
        // rename() replaces atomically: a concurrent writer of the same content leaves identical bytes.
        await fs.rename(tmp, target);
        return blob;
      },
      discard: async () => {
        if (settled) return;
        settled = true;
        await fs.rm(tmp, { force: true });
      },
    };
  }

  async has(sha256: string): Promise<boolean> {
    return fs.access(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }

  open(sha256: string): ReadStream {
    return createReadStream(this.pathOf(sha256));
  }
}
