import { type Hits, NO_HITS, type OwnershipHit } from './types.ts';

/** One CIDR block as an inclusive interval, with the hits of every entry naming exactly that block. */
export type Span<K> = { start: K; end: K; own: OwnershipHit[] };
export type Flat<K> = { starts: K[]; lists: Hits[] };

/** Start ascending, then widest first: the order flatten() needs. */
export function compareSpans<K extends number | bigint>(a: Span<K>, b: Span<K>): number {
  return a.start < b.start ? -1 : a.start > b.start ? 1 : a.end > b.end ? -1 : a.end < b.end ? 1 : 0;
}

/**
 * CIDR blocks never partly overlap (two are nested or disjoint), so sweeping them in compareSpans
 * order with a stack cuts the address space into disjoint segments, each carrying the hits of every
 * block covering it, most specific first. A lookup is then one binary search. `spans` must be sorted.
 */
export function flatten<K extends number | bigint>(spans: Span<K>[], zero: K, max: K, succ: (k: K) => K): Flat<K> {
  const starts: K[] = [zero];
  const lists: Hits[] = [NO_HITS];
  const emit = (start: K, list: Hits): void => {
    const last = starts.length - 1;
    if (starts[last] === start) lists[last] = list;
    else if (lists[last] !== list) {
      starts.push(start);
      lists.push(list);
    }
  };
  const stack: { end: K; list: Hits }[] = [];
  const popUntil = (limit: K | null): void => {
    for (;;) {
      const top = stack[stack.length - 1];
      if (!top || (limit !== null && top.end >= limit)) return;
      stack.pop();
      if (top.end < max) emit(succ(top.end), stack[stack.length - 1]?.list ?? NO_HITS);
    }
  };
  for (let i = 0; i < spans.length; ) {
    const span = spans[i] as Span<K>;
    let own = span.own;
    // The same block claimed by several entries becomes one node.
    for (i++; i < spans.length && spans[i]?.start === span.start && spans[i]?.end === span.end; i++) {
      own = own.concat((spans[i] as Span<K>).own);
    }
    popUntil(span.start);
    const parent = stack[stack.length - 1]?.list ?? NO_HITS;
    const list = parent.length === 0 ? own : own.concat(parent);
    emit(span.start, list);
    stack.push({ end: span.end, list });
  }
  popUntil(null);
  return { starts, lists };
}
