import { utf8Text } from './text-stream.ts';

export type JsonLine =
  | { at: number; value: unknown }
  | { at: number; error: 'scan_skip_bad_json' | 'scan_skip_too_long' }
  /** the last line, unterminated and not valid JSON: the file was cut */
  | { at: number; truncated: true };

const MAX_LINE = 16 * 1024 * 1024;

/**
 * JSON Lines: one JSON value per line, each parsed on its own so one bad line is reported and the
 * rest are kept. Memory is bounded by one line (16 MiB; longer lines are reported, not read).
 */
export async function* jsonLines(input: AsyncIterable<Uint8Array>): AsyncGenerator<JsonLine, void, undefined> {
  let buffer = '';
  let line = 0;
  let overlong = false;
  for await (const text of utf8Text(input)) {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      line++;
      const piece = text.slice(start, nl);
      start = nl + 1;
      if (overlong) {
        overlong = false;
        buffer = '';
        yield { at: line, error: 'scan_skip_too_long' };
        continue;
      }
      const whole = buffer + piece;
      buffer = '';
      const parsed = parseLine(line, whole);
      if (parsed) yield parsed;
    }
    if (overlong) continue;
    buffer += text.slice(start);
    if (buffer.length > MAX_LINE) {
      overlong = true;
      buffer = '';
    }
  }
  if (overlong) {
    yield { at: line + 1, error: 'scan_skip_too_long' };
    return;
  }
  if (!buffer.trim()) return;
  const last = parseLine(line + 1, buffer);
  if (last && 'error' in last) {
    yield { at: line + 1, truncated: true };
    return;
  }
  if (last) yield last;
}

function parseLine(at: number, text: string): JsonLine | null {
  const t = text.trim();
  if (!t) return null;
  try {
    return { at, value: JSON.parse(t) };
  } catch {
    return { at, error: 'scan_skip_bad_json' };
  }
}
