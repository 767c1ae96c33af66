import { CsvError, parse } from 'csv-parse';
import { ScanFormatError } from '../types.ts';
import { utf8Text } from './text-stream.ts';

export type CsvRecord = {
  /** record number as a spreadsheet shows it: the header is 1 */
  at: number;
  fields: string[];
  /** the file's last record, and the file did not end with a line break: possibly cut short */
  unterminatedLast?: true;
};

const MAX_RECORD = 4 * 1024 * 1024;

/** The delimiter of the header line: comma, or semicolon/tab as locales with a decimal comma write. */
function delimiterOf(firstLine: string): string {
  const counts = [',', ';', '\t'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0] && counts[0].n > 0 ? counts[0].d : ',';
}

async function* sniffed(text: AsyncIterable<string>, onFirstLine: (line: string) => void) {
  let head = '';
  let done = false;
  for await (const t of text) {
    if (done) {
      yield t;
      continue;
    }
    head += t;
    const nl = head.indexOf('\n');
    if (nl < 0 && head.length < 64 * 1024) continue;
    done = true;
    onFirstLine(nl < 0 ? head : head.slice(0, nl));
    yield head;
  }
  if (!done) {
    onFirstLine(head);
    if (head) yield head;
  }
}

function errorOf(e: unknown): ScanFormatError {
  if (e instanceof ScanFormatError) return e;
  if (e instanceof CsvError) {
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') return new ScanFormatError('scan_truncated');
    const line = (e as CsvError & { lines?: number }).lines ?? 0;
    return new ScanFormatError('scan_malformed', { at: `line ${line}`, detail: e.code });
  }
  return new ScanFormatError('scan_malformed', { at: '?', detail: e instanceof Error ? e.message : String(e) });
}

/**
 * Streams the records of a UTF-8 CSV file (BOM, CRLF/LF, comma/semicolon/tab delimiter); empty
 * lines are dropped. A quote left open at the end is `scan_truncated`; other syntax errors are
 * `scan_malformed`. Memory is bounded by one record (max 4 MiB).
 */
export async function* csvRecords(input: AsyncIterable<Uint8Array>): AsyncGenerator<CsvRecord, void, undefined> {
  let delimiter = ',';
  let endsWithBreak = true;
  const tracked = (async function* () {
    for await (const t of utf8Text(input)) {
      if (t) endsWithBreak = t.endsWith('\n') || t.endsWith('\r');
      yield t;
    }
  })();
  const text = sniffed(tracked, (line) => {
    delimiter = delimiterOf(line);
  });
  // The delimiter is known once the first chunk has been read, so the parser is created after it.
  const first = await text.next().catch((e: unknown) => {
    throw errorOf(e);
  });
  if (first.done) return;
  const parser = parse({
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD,
  });
  const feed = async () => {
    try {
      if (!parser.write(first.value)) await onceDrained(parser);
      for await (const chunk of text) {
        if (parser.destroyed) return;
        if (!parser.write(chunk)) await onceDrained(parser);
      }
      parser.end();
    } catch (e) {
      parser.destroy(errorOf(e));
    }
  };
  void feed();
  let at = 0;
  let held: CsvRecord | null = null;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      at++;
      if (held) yield held;
      held = { at, fields };
    }
    if (held) yield endsWithBreak ? held : { ...held, unterminatedLast: true };
  } catch (e) {
    throw errorOf(e);
  } finally {
    parser.destroy();
  }
}

function onceDrained(stream: NodeJS.WritableStream & { destroyed?: boolean }): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed) return resolve();
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/** Header cell → lookup key: lower-case, BOM/space/punctuation collapsed ("CVSS v2.0 Base Score" → "cvss v2 0 base score"). */
export function headerKey(cell: string): string {
  return cell
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9?]+/g, ' ')
    .trim();
}

/** Column index by any of the given header names; -1 when absent. */
export function columnIndex(headers: string[], ...names: string[]): number {
  const keys = headers.map(headerKey);
  for (const n of names) {
    const i = keys.indexOf(headerKey(n));
    if (i >= 0) return i;
  }
  return -1;
}

export function cell(fields: string[], index: number): string | null {
  if (index < 0) return null;
  const v = fields[index]?.trim();
  return v ? v : null;
}
