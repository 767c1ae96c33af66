import type { Readable } from 'node:stream';
import type { Db } from '../../../db/database.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { type CommandScope, runCommand } from '../../audit/command.ts';
import type { BlobStore, StoredBlob } from '../blob-store.ts';
import { sniffMediaType } from '../media-type.ts';
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
  return runCommand(db, ctx, (scope) => recordFile(scope, blob, input));
}

/**
 * The record of bytes already in the blob store, inside the caller's command (its transaction and
 * audit): for a command that stores a file together with rows of its own, such as an issued document.
 */
export async function recordFile(
  { tx, ctx, audit }: CommandScope,
  blob: StoredBlob,
  input: { name: string; organisationId: string | null },
) {
  const mediaType = await sniffMediaType(blob.head);
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
}
