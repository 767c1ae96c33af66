/**
 * A small JSON path: `rule.level`, `data.win.eventdata["image.path"]`, `items[0].ip`, `hits[*].src`.
 * Segments are object keys (dotted or bracket-quoted), array indexes, or `*` (every element or value).
 */
export type PathSegment = { key: string } | { index: number } | { all: true };

export const PATH_MAX = 300;
const MAX_SEGMENTS = 32;
/** values one wildcard path may yield: bounds the work on a hostile body */
export const MAX_VALUES = 1000;

const KEY_CHAR = /[A-Za-z0-9_$@:-]/;

/** The segments of a path, or undefined when it is not one. Never throws. */
export function parsePath(path: string): PathSegment[] | undefined {
  if (path.length === 0 || path.length > PATH_MAX) return undefined;
  const out: PathSegment[] = [];
  let i = 0;
  let expectKey = true;
  while (i < path.length) {
    const c = path[i];
    if (c === '[') {
      const q = path[i + 1];
      if (q === '"' || q === "'") {
        // a quoted key ends at its quote followed by `]`, so it may hold dots and brackets
        const endQuote = path.indexOf(`${q}]`, i + 2);
        if (endQuote < 0) return undefined;
        out.push({ key: path.slice(i + 2, endQuote) });
        i = endQuote + 2;
      } else {
        const close = path.indexOf(']', i + 1);
        if (close < 0) return undefined;
        const inner = path.slice(i + 1, close);
        if (inner === '*') out.push({ all: true });
        else if (/^\d{1,6}$/.test(inner)) out.push({ index: Number(inner) });
        else return undefined;
        i = close + 1;
      }
      expectKey = false;
    } else if (c === '.') {
      if (expectKey) return undefined;
      i++;
      expectKey = true;
      if (i >= path.length) return undefined;
    } else {
      if (!expectKey) return undefined;
      let j = i;
      while (j < path.length && KEY_CHAR.test(path[j] as string)) j++;
      if (j === i) {
        if (c === '*') {
          out.push({ all: true });
          i++;
          expectKey = false;
          continue;
        }
        return undefined;
      }
      out.push({ key: path.slice(i, j) });
      i = j;
      expectKey = false;
    }
    if (out.length > MAX_SEGMENTS) return undefined;
  }
  return out.length > 0 ? out : undefined;
}

function own(o: object, key: string): unknown {
  return Object.hasOwn(o, key) ? (o as Record<string, unknown>)[key] : undefined;
}

/** Every value the path reaches in `root` (several through `*`), at most MAX_VALUES. */
export function resolvePath(root: unknown, segments: readonly PathSegment[]): unknown[] {
  let current: unknown[] = [root];
  for (const seg of segments) {
    const next: unknown[] = [];
    for (const v of current) {
      if (v === null || typeof v !== 'object') continue;
      if ('all' in seg) {
        const children = Array.isArray(v) ? v : Object.values(v);
        for (const child of children) {
          if (next.length >= MAX_VALUES) break;
          next.push(child);
        }
      } else if ('index' in seg) {
        if (Array.isArray(v) && seg.index < v.length) next.push(v[seg.index]);
      } else if (!Array.isArray(v)) {
        const child = own(v, seg.key);
        if (child !== undefined) next.push(child);
      }
    }
    current = next;
    if (current.length === 0) break;
  }
  return current.filter((v) => v !== undefined && v !== null);
}
