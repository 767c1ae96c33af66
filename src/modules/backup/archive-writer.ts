import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';
import type { ManifestEntry } from './manifest.ts';

/**
 * A .tar.gz written as a stream: entries go in one after another (their size known up front, as
 * tar wants), each hashed on the way; nothing is held in memory but the chunk in flight.
 */
export class ArchiveWriter {
  readonly entries: ManifestEntry[] = [];
  #pack = tar.pack();
  #done: Promise<void>;
  #failed: unknown;

  constructor(file: string) {
    this.#done = pipeline(this.#pack, createGzip({ level: 6 }), createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    this.#done.catch((err: unknown) => {
      this.#failed = err;
    });
  }

  /** Adds an entry of exactly `size` bytes read from `source`; returns its SHA-256. */
  async add(name: string, size: number, source: Readable): Promise<string> {
    if (this.#failed) throw this.#failed;
    const hash = createHash('sha256');
    let written = 0;
    const sink = this.#pack.entry({ name, size, mode: 0o600, mtime: new Date(0) });
    const finished = new Promise<void>((resolve, reject) => {
      sink.once('error', reject);
      sink.once('finish', () => resolve());
      sink.once('close', () => resolve());
    });
    for await (const chunk of source) {
      const buf = chunk as Buffer;
      written += buf.length;
      if (written > size) break;
      hash.update(buf);
      if (!sink.write(buf)) await Promise.race([once(sink, 'drain'), this.#done]);
      if (this.#failed) throw this.#failed;
    }
    if (written !== size) {
      sink.destroy(new Error(`${name} changed while it was being archived (${written} bytes, expected ${size})`));
      throw new Error(`${name} changed while it was being archived`);
    }
    sink.end(undefined);
    await finished;
    const sha256 = hash.digest('hex');
    this.entries.push({ name, size, sha256 });
    return sha256;
  }

  /** A small entry from memory (the manifest and its signature); not listed in `entries`. */
  async addBuffer(name: string, body: Buffer): Promise<void> {
    if (this.#failed) throw this.#failed;
    await new Promise<void>((resolve, reject) => {
      this.#pack.entry({ name, size: body.length, mode: 0o600, mtime: new Date(0) }, body, (err) =>
        err ? reject(err) : resolve(),
      );
    });
  }

  async finish(): Promise<void> {
    this.#pack.finalize();
    await this.#done;
  }

  async abort(): Promise<void> {
    this.#pack.destroy(new Error('backup aborted'));
    await this.#done.catch(() => undefined);
  }
}
