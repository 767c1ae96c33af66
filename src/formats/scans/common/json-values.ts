import { JSONParser } from '@streamparser/json';
import { ScanFormatError } from '../types.ts';
import { utf8Text } from './text-stream.ts';

export type JsonHit = {
  /** keys from the root to the value, e.g. ['runs', 0, 'results', 3] */
  path: (string | number)[];
  value: unknown;
};

/**
 * Streams the values at `paths` (e.g. `$.runs.*.results.*`) out of one JSON document with bounded
 * memory: values outside the selected paths are dropped as soon as they are complete, so only one
 * selected value (plus the text of one chunk) is held at a time. Strict UTF-8. A document cut short
 * is `scan_truncated`; a syntax error or trailing data is `scan_malformed`.
 */
export async function* jsonValues(
  input: AsyncIterable<Uint8Array>,
  paths: string[],
): AsyncGenerator<JsonHit, void, undefined> {
  const parser = new JSONParser({ paths, keepStack: false, stringBufferSize: 64 * 1024 });
  let pending: JsonHit[] = [];
  let position = 0;
  parser.onValue = ({ value, key, stack }) => {
    const path = stack.slice(1).map((s) => s.key as string | number);
    if (key !== undefined) path.push(key);
    pending.push({ path, value });
  };
  for await (const text of utf8Text(input)) {
    try {
      parser.write(text);
    } catch (e) {
      throw malformed(e, position);
    }
    position += text.length;
    if (pending.length) {
      const out = pending;
      pending = [];
      yield* out;
    }
  }
  try {
    if (!parser.isEnded) parser.end();
  } catch {
    throw new ScanFormatError('scan_truncated');
  }
  yield* pending;
}

function malformed(e: unknown, position: number): ScanFormatError {
  const detail = e instanceof Error ? e.message.replace(/ at chunk position.*$/, '').slice(0, 200) : String(e);
  const at = e instanceof Error ? /absolute position "(\d+)"/.exec(e.message)?.[1] : undefined;
  return new ScanFormatError('scan_malformed', { at: at ?? `~${position}`, detail });
}

/** The first non-space character of the text stream's head (after a BOM), or '' for an empty file. */
export function firstSignificant(head: Uint8Array): string {
  for (let i = 0; i < head.length; i++) {
    const b = head[i] as number;
    if (b === 0xef && head[i + 1] === 0xbb && head[i + 2] === 0xbf) {
      i += 2;
      continue;
    }
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) continue;
    return String.fromCharCode(b);
  }
  return '';
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A string field (numbers are written as text); null when absent or another type. */
export function str(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/** A list field that may be a single string, a comma-separated string or an array. */
export function strList(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap((x) => (typeof x === 'string' || typeof x === 'number' ? [String(x)] : []));
  if (typeof v === 'string' || typeof v === 'number')
    return String(v)
      .split(/[,;\s]+/)
      .filter(Boolean);
  return [];
}
