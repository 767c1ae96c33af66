import fs from 'node:fs';
import { DETECT_HEAD_BYTES, detectScanFormat, parseScan } from '../../../formats/scans/index.ts';
import { type ScanFormat, ScanFormatError } from '../../../formats/scans/types.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { importScan } from '../commands/import-scan.ts';
import type { ScanUpload } from './upload.ts';

const PROGRESS_EVERY_BYTES = 4 * 1024 * 1024;
/** how often a running job says it is alive (the job read calls it cut off after 2 minutes of silence) */
const HEARTBEAT_MS = 20_000;

export type JobInput = { jobId: string; upload: ScanUpload; format: ScanFormat | 'auto'; systemCode?: string };

async function readHead(file: string): Promise<Uint8Array> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(DETECT_HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, DETECT_HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Why a job failed, as a message key and parameters (the GET localises them). */
function failure(err: unknown): { key: string; params: Record<string, string | number> } {
  if (err instanceof ScanFormatError) return { key: err.key, params: err.params };
  if (err instanceof AppError) return { key: err.code, params: err.params };
  return { key: 'scans_job_failed', params: {} };
}

/**
 * Runs upload import jobs in this process (one transaction each, through the same command as the
 * CLI), recording progress in bytes read on the job row from the pool, outside the import's
 * transaction. A job cut off by a restart stops its heartbeat; reading it then says so (its import
 * rolled back with the process).
 */
export class ScanJobRunner {
  private readonly running = new Set<Promise<void>>();
  private readonly platform: Platform;
  constructor(platform: Platform) {
    this.platform = platform;
  }

  start(ctx: Ctx, input: JobInput): void {
    const p = this.run(ctx, input).finally(() => this.running.delete(p));
    this.running.add(p);
  }

  /** Waits for the jobs under way (app shutdown, tests). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async progress(jobId: string, bytes: number, state?: 'running') {
    await this.platform.pool.query(
      `UPDATE scan_jobs SET bytes_read = $2, heartbeat_at = now()${state ? `, state = 'running'` : ''} WHERE id = $1`,
      [jobId, bytes],
    );
  }

  private async run(ctx: Ctx, input: JobInput): Promise<void> {
    const { pool, log } = this.platform;
    const { jobId, upload } = input;
    const heartbeat = setInterval(() => {
      pool.query('UPDATE scan_jobs SET heartbeat_at = now() WHERE id = $1', [jobId]).catch(() => undefined);
    }, HEARTBEAT_MS);
    heartbeat.unref();
    try {
      await this.progress(jobId, 0, 'running');
      const format =
        input.format === 'auto' ? detectScanFormat(await readHead(upload.path), upload.name) : input.format;
      if (!format) throw new AppError(400, 'scan_format_unknown');
      let read = 0;
      let reported = 0;
      let pending: Promise<void> = Promise.resolve();
      const self = this;
      async function* bytes(): AsyncGenerator<Uint8Array> {
        for await (const chunk of fs.createReadStream(upload.path, { highWaterMark: 1 << 20 })) {
          read += (chunk as Buffer).length;
          if (read - reported >= PROGRESS_EVERY_BYTES) {
            reported = read;
            // One update in flight at a time; progress is advisory, never awaited by the parser.
            pending = pending.then(() => self.progress(jobId, reported)).catch(() => undefined);
          }
          yield chunk as Buffer;
        }
      }
      const result = await importScan(this.platform, ctx, {
        events: parseScan(format, bytes()),
        format,
        file: { name: upload.name, sha256: upload.sha256, size: upload.size },
        systemCode: input.systemCode,
      });
      await pending;
      const { skipped, ...contract } = result;
      await pool.query(
        `UPDATE scan_jobs SET state = 'done', format = $2, bytes_read = $3, summary = $4, scan_id = $5,
                finished_at = $6 WHERE id = $1`,
        [
          jobId,
          format,
          upload.size,
          JSON.stringify({ ...contract, skipped: skipped.length }),
          result.scanId,
          ctx.clock.now(),
        ],
      );
    } catch (err) {
      const f = failure(err);
      if (f.key === 'scans_job_failed') log.error({ err, jobId }, 'scan import job failed');
      await pool
        .query(
          `UPDATE scan_jobs SET state = 'failed', error_key = $2, error_params = $3, finished_at = $4 WHERE id = $1`,
          [jobId, f.key, JSON.stringify(f.params), ctx.clock.now()],
        )
        .catch((e: unknown) => log.error({ err: e, jobId }, 'scan job state not saved'));
    } finally {
      clearInterval(heartbeat);
      await fs.promises.rm(upload.path, { force: true });
    }
  }
}
