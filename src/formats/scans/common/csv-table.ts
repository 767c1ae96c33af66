import type { ScanEvent, SkippedRecord } from '../types.ts';
import { ScanFormatError } from '../types.ts';
import { type CsvRecord, cell, columnIndex, csvRecords } from './csv-records.ts';

/** Logical column → the header spellings the tools use (matched case- and punctuation-insensitively). */
export type ColumnSpec<K extends string> = Record<K, string[]>;

export type Row<K extends string> = {
  at: number;
  get: (column: K) => string | null;
};

/**
 * A CSV scan export read row by row: the first non-empty record is the header; `required`
 * columns must all be present (none of them: not this format; some: `scan_csv_missing_columns`). Records shorter or longer than the
 * header are reported as skipped; a short last record without a final line break means the file
 * was cut (`scan_truncated`).
 */
export async function* csvTable<K extends string>(
  input: AsyncIterable<Uint8Array>,
  spec: ColumnSpec<K>,
  required: NoInfer<K>[],
  format: string,
): AsyncGenerator<Row<K> | { skipped: SkippedRecord }, void, undefined> {
  let index: Record<K, number> | null = null;
  let width = 0;
  for await (const record of csvRecords(input)) {
    if (!index) {
      index = headerIndex(record, spec);
      width = record.fields.length;
      const missing = required.filter((k) => index?.[k] === -1);
      // Some but not all required columns: the right kind of file with a column renamed or lost.
      if (missing.length === required.length) throw new ScanFormatError('scan_not_format', { format });
      if (missing.length) {
        const list = missing.map((k) => spec[k][0]).join(', ');
        throw new ScanFormatError('scan_csv_missing_columns', { list });
      }
      continue;
    }
    // Spreadsheet exports pad with rows of bare delimiters: not records.
    if (record.fields.every((f) => !f.trim())) continue;
    if (record.fields.length !== width) {
      if (record.unterminatedLast && record.fields.length < width) throw new ScanFormatError('scan_truncated');
      yield {
        skipped: {
          at: record.at,
          reason: 'scan_skip_column_count',
          params: { count: record.fields.length, expected: width },
        },
      };
      continue;
    }
    const cols = index;
    yield { at: record.at, get: (column: K) => cell(record.fields, cols[column]) };
  }
  if (!index) throw new ScanFormatError('scan_not_format', { format });
}

function headerIndex<K extends string>(record: CsvRecord, spec: ColumnSpec<K>): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const key of Object.keys(spec) as K[]) out[key] = columnIndex(record.fields, ...spec[key]);
  return out;
}

export function skippedEvent(skipped: SkippedRecord): ScanEvent {
  return { kind: 'skipped', skipped };
}
