import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.ts';

/** CANHGAC_SCAN_UPLOAD_MAX_BYTES, default 2 GiB. */
export function scanUploadMaxBytes(): number {
  const v = Number(process.env.CANHGAC_SCAN_UPLOAD_MAX_BYTES);
  return Number.isInteger(v) && v > 0 ? v : 2 * 1024 ** 3;
}

export type ScanUpload = {
  path: string;
  name: string;
  sha256: string;
  size: number;
  fields: Record<string, string>;
};

const FIELDS = new Set(['format', 'systemId']);

async function toDisk(file: NodeJS.ReadableStream, target: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(file, count, fs.createWriteStream(target, { flags: 'wx', mode: 0o600 }));
  return { sha256: hash.digest('hex'), size };
}

function uploadError(err: unknown, max: number): unknown {
  if (err instanceof AppError) return err;
  if (err instanceof Error && 'syscall' in err) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new AppError(413, 'file_too_large', { max });
  if (typeof code === 'string' && code.startsWith('FST_')) return new AppError(400, 'upload_one_file');
  return new AppError(400, 'upload_malformed');
}

/**
 * The scan file of a multipart upload, streamed to a private temporary file (hashed and counted on
 * the way, never held in memory), plus the small text fields `format` and `systemId`.
 */
export async function receiveScanUpload(req: FastifyRequest): Promise<ScanUpload> {
  if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type');
  const max = scanUploadMaxBytes();
  const dir = path.join(os.tmpdir(), 'canhgac-scan-uploads');
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  const fields: Record<string, string> = {};
  let file: { path: string; name: string; sha256: string; size: number } | undefined;
  try {
    const parts = req.parts({ limits: { fileSize: max + 1, files: 1, fields: 2, parts: 3, fieldSize: 200 } });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (!FIELDS.has(part.fieldname)) throw new AppError(400, 'upload_malformed');
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (file) throw new AppError(400, 'upload_one_file');
      const target = path.join(dir, randomUUID());
      file = { path: target, name: part.filename || 'scan', sha256: '', size: 0 };
      Object.assign(file, await toDisk(part.file, target));
      if (part.file.truncated || file.size > max) throw new AppError(413, 'file_too_large', { max });
    }
  } catch (err) {
    if (file) await fs.promises.rm(file.path, { force: true });
    throw uploadError(err, max);
  }
  if (!file) throw new AppError(400, 'upload_no_file');
  if (file.size === 0) {
    await fs.promises.rm(file.path, { force: true });
    throw new AppError(400, 'scans_upload_empty');
  }
  return { ...file, fields };
}
