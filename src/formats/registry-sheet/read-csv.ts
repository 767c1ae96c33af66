import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { type RegistryEntity, sheetOf } from './entities.ts';
import {
  entityOfHeaders,
  type HeaderMap,
  LIMITS,
  mapHeader,
  type ParsedSheets,
  rowOf,
  SheetFileError,
} from './sheet-rows.ts';

/** Strict UTF-8 (a legacy-encoded file is refused, not mis-read) and no NUL: binary is not CSV. */
class StrictText extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    try {
      const text = this.decoder.decode(chunk, { stream: true });
      if (text.includes('\0')) return done(new SheetFileError('import_not_spreadsheet'));
      done(null, text);
    } catch {
      done(new SheetFileError('import_not_spreadsheet'));
    }
  }
  override _flush(done: TransformCallback) {
    try {
      done(null, this.decoder.decode());
    } catch {
      done(new SheetFileError('import_not_spreadsheet'));
    }
  }
}

/** The delimiter of the header line: comma, or semicolon/tab as locales with a decimal comma write. */
export function sniffDelimiter(head: string): string {
  const line = head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => ({ d, n: line.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0] && counts[0].n > 0 ? counts[0].d : ',';
}

/**
 * Streams a CSV file holding one entity: `entity` when given, else the header decides. Row numbers
 * count records as a spreadsheet shows them (header = 1). UTF-8 with or without BOM; CRLF or LF.
 */
export async function readCsv(input: Readable, head: Buffer, entity?: RegistryEntity): Promise<ParsedSheets> {
  const out: ParsedSheets = { rows: [], problems: [] };
  let header: HeaderMap | undefined;
  let chosen = entity;
  let record = 0;
  const parser = parse({
    bom: true,
    delimiter: sniffDelimiter(head.toString('utf8')),
    relax_column_count: true,
    relax_quotes: false,
    skip_empty_lines: false,
    max_record_size: 1024 * 1024,
  });
  const collect = new Transform({
    objectMode: true,
    transform(fields: string[], _enc, done) {
      record++;
      try {
        const cells = fields.slice(0, LIMITS.maxColumns).map((text) => ({ text }));
        if (!header) {
          if (cells.every((c) => !c.text.trim())) return done();
          chosen ??= entityOfHeaders(fields);
          const sheet = sheetOf(chosen);
          header = mapHeader(sheet, fields);
          for (const issue of header.problems) out.problems.push({ sheet: sheet.vi, row: record, issue });
          return done();
        }
        if (!chosen) return done();
        const row = rowOf(chosen, sheetOf(chosen).vi, record, header, cells);
        if (row) {
          if (out.rows.length >= LIMITS.maxRows)
            throw new SheetFileError('import_too_many_rows', { max: LIMITS.maxRows });
          out.rows.push(row);
        }
        done();
      } catch (err) {
        done(err as Error);
      }
    },
  });
  try {
    await pipeline(input, new StrictText(), parser, collect);
  } catch (err) {
    if (err instanceof SheetFileError) throw err;
    throw new SheetFileError('import_corrupt_file', { detail: err instanceof Error ? err.message.slice(0, 200) : '' });
  }
  if (!header) throw new SheetFileError('import_no_sheets');
  return out;
}
