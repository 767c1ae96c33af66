import fs from 'node:fs/promises';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Ctx } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { runCommand } from '../audit/command.ts';
import type { BlobStore } from './blob-store.ts';
import { safeFileName } from './commands/store-file.ts';
import type { FileRecord } from './queries.ts';

/** `?audit=1`: the caller asks for its download to be recorded in the audit trail. */
export const downloadQuery = z.strictObject({ audit: z.enum(['0', '1']).optional() });

// RFC 5987 attr-char is narrower than what encodeURIComponent leaves alone.
const encodeRfc5987 = (s: string) =>
  encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** An ASCII stand-in for old clients: Vietnamese letters without their marks ("Báo cáo" → "Bao cao"). */
function asciiFallback(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7E]/g, '_')
    .replace(/["\\%]/g, '_');
}

/** `attachment` with both a quoted ASCII name and the UTF-8 name (RFC 6266 §4.3, RFC 5987). */
export function attachmentDisposition(name: string): string {
  const safe = safeFileName(name).normalize('NFC');
  return `attachment; filename="${asciiFallback(safe)}"; filename*=UTF-8''${encodeRfc5987(safe)}`;
}

export type DownloadAudit = {
  db: Db;
  ctx: Ctx;
  /** what the download is of, for the audit entry (defaults to the file itself) */
  subjectType?: string;
  subjectId?: string;
  organisationId?: string | null;
  detail?: Record<string, unknown>;
};

/**
 * Streams a stored file as a download: `Content-Disposition: attachment`, the type sniffed when it
 * was stored, its length, `nosniff`. With `audit`, the download is recorded first (a download that
 * cannot be recorded does not happen).
 */
export async function sendStoredFile(
  reply: FastifyReply,
  opts: { store: BlobStore; file: FileRecord; downloadName?: string; audit?: DownloadAudit | false },
) {
  const { store, file } = opts;
  const stat = await fs.stat(store.pathOf(file.sha256)).catch(() => undefined);
  if (!stat?.isFile()) throw new AppError(500, 'file_missing');
  const name = opts.downloadName ?? file.name;
  if (opts.audit) {
    const a = opts.audit;
    await runCommand(a.db, a.ctx, async ({ audit }) => {
      audit({
        action: 'file.download',
        subjectType: a.subjectType ?? 'file',
        subjectId: a.subjectId ?? file.id,
        organisationId: a.organisationId ?? file.organisationId,
        detail: { fileId: file.id, name, sha256: file.sha256, ...a.detail },
      });
    });
  }
  return reply
    .header('content-type', file.mediaType)
    .header('content-length', String(stat.size))
    .header('content-disposition', attachmentDisposition(name))
    .header('x-content-type-options', 'nosniff')
    .send(store.open(file.sha256));
}
