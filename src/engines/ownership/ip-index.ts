import { compareSpans, flatten, type Span } from './flatten.ts';
import type { Hits } from './types.ts';

/**
 * Sorts by start with a native numeric sort of (start × 2^k + index) packed into a Float64Array —
 * several times faster than a comparator over objects — then orders the few runs of equal starts
 * widest first. Past 2M spans the packing would lose precision: the comparator sort takes over.
 */
function sortV4(spans: Span<number>[]): Span<number>[] {
  const n = spans.length;
  const width = 2 ** Math.max(1, Math.ceil(Math.log2(n + 1)));
  if (width > 2 ** 21) return spans.sort(compareSpans);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (spans[i] as Span<number>).start * width + i;
  keys.sort();
  const out: Span<number>[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const key = keys[i] as number;
    out[i] = spans[key - Math.floor(key / width) * width] as Span<number>;
  }
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && (out[j] as Span<number>).start === (out[i] as Span<number>).start) j++;
    if (j - i > 1) {
      const run = out.slice(i, j).sort(compareSpans);
      for (let k = 0; k < run.length; k++) out[i + k] = run[k] as Span<number>;
    }
    i = j;
  }
  return out;
}

/** IPv4 segments: sorted starts in a Uint32Array, one hit list per segment. */
export class Ipv4Index {
  private readonly starts: Uint32Array;
  private readonly lists: Hits[];

  constructor(spans: Span<number>[]) {
    const flat = flatten(sortV4(spans), 0, 0xffffffff, (k) => k + 1);
    this.starts = Uint32Array.from(flat.starts);
    this.lists = flat.lists;
  }

  get segments(): number {
    return this.starts.length;
  }

  lookup(ip: number): Hits {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((starts[mid] as number) <= ip) lo = mid;
      else hi = mid - 1;
    }
    return this.lists[lo] as Hits;
  }
}

const MAX_V6 = (1n << 128n) - 1n;

/** IPv6 segments: each start as four 32-bit words (most significant first) in one Uint32Array. */
export class Ipv6Index {
  private readonly words: Uint32Array;
  private readonly lists: Hits[];

  constructor(spans: Span<bigint>[]) {
    const flat = flatten(spans.sort(compareSpans), 0n, MAX_V6, (k) => k + 1n);
    this.words = new Uint32Array(flat.starts.length * 4);
    flat.starts.forEach((s, i) => {
      for (let w = 0; w < 4; w++) this.words[i * 4 + w] = Number((s >> BigInt(96 - 32 * w)) & 0xffffffffn);
    });
    this.lists = flat.lists;
  }

  get segments(): number {
    return this.lists.length;
  }

  /** Segment start i ≤ the address (a, b, c, d)? */
  private startsAtOrBefore(i: number, a: number, b: number, c: number, d: number): boolean {
    const w = this.words;
    const j = i * 4;
    const w0 = w[j] as number;
    if (w0 !== a) return w0 < a;
    const w1 = w[j + 1] as number;
    if (w1 !== b) return w1 < b;
    const w2 = w[j + 2] as number;
    if (w2 !== c) return w2 < c;
    return (w[j + 3] as number) <= d;
  }

  lookup(a: number, b: number, c: number, d: number): Hits {
    let lo = 0;
    let hi = this.lists.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.startsAtOrBefore(mid, a, b, c, d)) lo = mid;
      else hi = mid - 1;
    }
    return this.lists[lo] as Hits;
  }
}
