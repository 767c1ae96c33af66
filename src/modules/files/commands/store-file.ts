import type { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import type { Db } from '../../../db/database.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { runCommand } from '../../audit/command.ts';
import type { BlobStore } from '../blob-store.ts';
import { files } from '../tables.ts';

export const DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024;

/** A display name that is safe in a header and a file system: no paths, no control characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[\p{Cc}"]/gu, '')
    .trim()
    .slice(0, 200);
  return clean || 'file';
}

/**
 * Stores an upload: the bytes in the blob store (hashed while streaming, capped), its record in
 * PostgreSQL with the sniffed type (the content decides, not the name), audited.
 */
export async function storeFile(
  db: Db,
  ctx: Ctx,
  store: BlobStore,
  input: { stream: Readable; name: string; organisationId: string | null; maxBytes?: number },
) {
  const blob = await store.put(input.stream, input.maxBytes ?? DEFAULT_MAX_FILE_BYTES);
  const sniffed = await fileTypeFromBuffer(blob.head);
  const mediaType = sniffed?.mime ?? (isText(blob.head) ? 'text/plain' : 'application/octet-stream');
  return runCommand(db, ctx, async ({ tx, audit }) => {
    const [row] = await tx
      .insert(files)
      .values({
        sha256: blob.sha256,
        size: blob.size,
        name: safeFileName(input.name),
        mediaType,
        uploadedBy: ctx.actor.kind === 'user' ? ctx.actor.principal.userId : null,
        organisationId: input.organisationId,
        createdAt: ctx.clock.now(),
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    audit({
      action: 'file.store',
      subjectType: 'file',
      subjectId: row.id,
      organisationId: input.organisationId,
      after: { name: row.name, sha256: row.sha256, size: row.size, mediaType: row.mediaType },
    });
    return row;
  });
}

function isText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 4)));
    return true;
  } catch {
    return false;
  }
}
