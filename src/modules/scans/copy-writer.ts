import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const FLUSH_AT = 1 << 16;

/** One value in PostgreSQL's COPY text format: `\N` for null, backslash escapes for the rest. */
export function copyValue(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '\\N';
  return v.replace(/[\\\n\r\t\u0000]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : '',
  );
}

/** A text[] literal for COPY: every element double-quoted. */
export function copyArray(values: readonly string[]): string {
  return copyValue(`{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`);
}

/**
 * Streams rows into `COPY … FROM STDIN` with backpressure, in 64 KiB writes. `abort` sends
 * CopyFail so the connection stays usable for the rollback that follows.
 */
export class CopyWriter {
  private readonly stream: ReturnType<typeof copyFrom>;
  private readonly done: Promise<void>;
  private buffer = '';

  constructor(client: pg.PoolClient, statement: string) {
    this.stream = client.query(copyFrom(statement));
    this.done = finished(this.stream);
    // Observed through `done`; an unhandled 'error' must not crash the process.
    this.done.catch(() => undefined);
  }

  async row(values: string[]): Promise<void> {
    this.buffer += `${values.join('\t')}\n`;
    if (this.buffer.length >= FLUSH_AT) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.buffer) return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.stream.write(chunk)) await Promise.race([once(this.stream, 'drain'), this.done]);
  }

  async end(): Promise<void> {
    await this.flush();
    this.stream.end();
    await this.done;
  }

  async abort(err: Error): Promise<void> {
    this.buffer = '';
    if (!this.stream.destroyed) this.stream.destroy(err);
    await this.done.catch(() => undefined);
  }
}
