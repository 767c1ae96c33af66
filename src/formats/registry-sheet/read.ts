import fs from 'node:fs';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import type { RegistryEntity } from './entities.ts';
import { readCsv } from './read-csv.ts';
import { readXlsx } from './read-xlsx.ts';
import { LIMITS, type ParsedSheets, SheetFileError } from './sheet-rows.ts';
import { checkZip } from './zip-check.ts';

export type SheetFormat = 'xlsx' | 'csv';
export type SheetSource = { bytes: Buffer } | { path: string };

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const HEAD_BYTES = 64 * 1024;

/** Passes bytes through and fails once more than `max` have gone by (a stream whose size was not known). */
function byteCap(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      seen += chunk.length;
      if (seen > max) return done(new SheetFileError('import_file_too_large', { maxMb: max / 1024 / 1024 }));
      done(null, chunk);
    },
  });
}

async function headOf(source: SheetSource): Promise<{ head: Buffer; size: number }> {
  if ('bytes' in source) return { head: source.bytes.subarray(0, HEAD_BYTES), size: source.bytes.length };
  const handle = await fs.promises.open(source.path, 'r');
  try {
    const size = (await handle.stat()).size;
    const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
    await handle.read(head, 0, head.length, 0);
    return { head, size };
  } finally {
    await handle.close();
  }
}

/** An XLSX (at most the size cap) is checked and reordered in memory, then streamed from there. */
async function streamOf(source: SheetSource, format: SheetFormat): Promise<Readable> {
  if (format === 'xlsx') {
    return Readable.from([checkZip('bytes' in source ? source.bytes : await fs.promises.readFile(source.path))]);
  }
  return 'bytes' in source ? Readable.from([source.bytes]) : fs.createReadStream(source.path);
}

/** A ZIP is read as XLSX; anything else must be UTF-8 text to be read as CSV. */
export function sniffFormat(head: Buffer): SheetFormat {
  return head.subarray(0, 4).equals(ZIP) ? 'xlsx' : 'csv';
}

/**
 * Reads a registry file (XLSX workbook or one-entity CSV) into rows. The size cap is checked
 * before any parsing; a file that is not a spreadsheet or is corrupt throws `SheetFileError`.
 */
export async function readRegistrySheets(
  source: SheetSource,
  opts: { entity?: RegistryEntity; maxBytes?: number } = {},
): Promise<ParsedSheets & { format: SheetFormat }> {
  const maxBytes = opts.maxBytes ?? LIMITS.maxBytes;
  const { head, size } = await headOf(source);
  if (size > maxBytes) throw new SheetFileError('import_file_too_large', { maxMb: Math.round(maxBytes / 1024 / 1024) });
  if (size === 0) throw new SheetFileError('import_not_spreadsheet');
  const format = sniffFormat(head);
  const raw = await streamOf(source, format);
  const input = raw.pipe(byteCap(maxBytes));
  raw.on('error', (err: Error) => input.destroy(err));
  const parsed = format === 'xlsx' ? await readXlsx(input) : await readCsv(input, head, opts.entity);
  return { ...parsed, format };
}
