import { type Hits, NO_HITS, type OwnershipHit } from './types.ts';

export type Registered = { all: OwnershipHit[]; subdomains: OwnershipHit[] };

const MAX_LABELS = 128;

/**
 * Registered domains in an open-addressing hash table (typed arrays, linear probing) keyed by a hash
 * of the name computed right to left, so one pass over a queried name yields the hash of every
 * suffix without slicing strings. A name resolves to its own entry (exact), else to the nearest
 * registered suffix that includes subdomains — label by label, so `notevil.gov.vn` never meets
 * `evil.gov.vn`. Each node carries its broader suffixes' hits already.
 */
export class DomainIndex {
  private readonly slots: Int32Array;
  private readonly slotHashes: Int32Array;
  private readonly mask: number;
  private readonly names: string[] = [];
  private readonly exact: Hits[] = [];
  private readonly below: Hits[] = [];
  private readonly hashes = new Int32Array(MAX_LABELS);
  private readonly starts = new Int32Array(MAX_LABELS);
  readonly size: number;

  constructor(registered: Map<string, Registered>) {
    let capacity = 16;
    while (capacity < registered.size * 2) capacity *= 2;
    this.slots = new Int32Array(capacity).fill(-1);
    this.slotHashes = new Int32Array(capacity);
    this.mask = capacity - 1;
    // Shorter names first (bucketed by label count), so a name's broader suffixes are already in.
    const byLabels: string[][] = [];
    for (const name of registered.keys()) {
      const labels = labelCount(name);
      let bucket = byLabels[labels];
      if (!bucket) {
        bucket = [];
        byLabels[labels] = bucket;
      }
      bucket.push(name);
    }
    for (const bucket of byLabels) {
      if (!bucket) continue;
      for (const name of bucket) {
        const own = registered.get(name) as Registered;
        const broader = this.find(name, false);
        this.insert(
          name,
          broader.length === 0 ? own.all : own.all.concat(broader),
          own.subdomains.length === 0
            ? broader
            : broader.length === 0
              ? own.subdomains
              : own.subdomains.concat(broader),
        );
      }
    }
    this.size = this.names.length;
  }

  lookup(name: string): Hits {
    return this.find(name, true);
  }

  private insert(name: string, exact: Hits, below: Hits): void {
    const h = hashOf(name);
    let slot = h & this.mask;
    while ((this.slots[slot] as number) >= 0) slot = (slot + 1) & this.mask;
    this.slots[slot] = this.names.length;
    this.slotHashes[slot] = h;
    this.names.push(name);
    this.exact.push(exact);
    this.below.push(below);
  }

  /** Fills hashes/starts with every suffix (shortest first); returns how many. */
  private suffixes(name: string): number {
    let h = 0x811c9dc5 | 0;
    let n = 0;
    for (let i = name.length - 1; i >= 0; i--) {
      const c = name.charCodeAt(i);
      if (c === 46 && n < MAX_LABELS - 1) {
        this.hashes[n] = h;
        this.starts[n] = i + 1;
        n++;
      }
      h = Math.imul(h ^ c, 0x01000193);
    }
    this.hashes[n] = h;
    this.starts[n] = 0;
    return n + 1;
  }

  private find(name: string, includeSelf: boolean): Hits {
    const count = this.suffixes(name);
    const { slots, slotHashes, mask, names } = this;
    for (let k = includeSelf ? count - 1 : count - 2; k >= 0; k--) {
      const h = this.hashes[k] as number;
      const start = this.starts[k] as number;
      const len = name.length - start;
      for (let slot = h & mask; ; slot = (slot + 1) & mask) {
        const node = slots[slot] as number;
        if (node < 0) break;
        if (slotHashes[slot] !== h) continue;
        const candidate = names[node] as string;
        if (candidate.length === len && name.startsWith(candidate, start)) {
          return (k === count - 1 ? this.exact[node] : this.below[node]) as Hits;
        }
      }
    }
    return NO_HITS;
  }
}

function hashOf(name: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = name.length - 1; i >= 0; i--) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h;
}

export function labelCount(name: string): number {
  let n = 1;
  for (let i = name.indexOf('.'); i >= 0; i = name.indexOf('.', i + 1)) n++;
  return n;
}
