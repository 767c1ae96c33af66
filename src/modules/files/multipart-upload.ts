import type { Multipart } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import type { BlobStore, StagedBlob } from './blob-store.ts';

const ONE_PART_TOO_MANY = new Set(['FST_PARTS_LIMIT', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT']);

/** Parser failures → the reason the client can act on; our own errors pass through. */
function explain(err: unknown, maxBytes: number): unknown {
  if (err instanceof AppError) return err;
  // The file system failing (disk full, permissions) is ours to fix, not the client's.
  if (err instanceof Error && 'syscall' in err) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && ONE_PART_TOO_MANY.has(code)) return new AppError(400, 'upload_one_file');
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new AppError(413, 'file_too_large', { max: maxBytes });
  // busboy: a body cut short, a malformed part header, a client that went away.
  return new AppError(400, 'upload_malformed');
}

async function nextPart(parts: AsyncIterableIterator<Multipart>, maxBytes: number): Promise<Multipart | undefined> {
  try {
    const r = await parts.next();
    return r.done ? undefined : r.value;
  } catch (err) {
    throw explain(err, maxBytes);
  }
}

/**
 * Reads a multipart request that carries exactly one file and nothing else, streaming the file
 * into the blob store's staging area (never buffered whole). Returns the staged blob, which the
 * caller commits with the record; refuses — keeping nothing — a request without a file part, with
 * a second part, with a file over `maxBytes` or an empty one.
 */
export async function stageSingleUpload(
  req: FastifyRequest,
  store: BlobStore,
  maxBytes: number,
): Promise<{ name: string; blob: StagedBlob }> {
  if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type');
  // busboy stops one byte past the cap, so the store sees an oversize file as oversize, not cut short.
  const parts = req.parts({ limits: { fileSize: maxBytes + 1, files: 1, fields: 1, parts: 2 } });
  const first = await nextPart(parts, maxBytes);
  if (first?.type !== 'file') throw new AppError(400, 'upload_no_file');
  const blob = await store.stage(first.file, maxBytes).catch((err: unknown) => {
    throw explain(err, maxBytes);
  });
  try {
    if (first.file.truncated) throw new AppError(413, 'file_too_large', { max: maxBytes });
    if (await nextPart(parts, maxBytes)) throw new AppError(400, 'upload_one_file');
  } catch (err) {
    await blob.discard();
    throw err;
  }
  return { name: first.filename, blob };
}
