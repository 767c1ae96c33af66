import {
  type Failure,
  formatIpv4,
  formatIpv6,
  isIpv4Mapped,
  normaliseDomain,
  normaliseValue,
  parseCidr,
  parseIpv4At,
  parseIpv6At,
  type ValueKind,
} from '../normalise/index.ts';
import { DomainIndex, labelCount } from './domain-index.ts';
import { fastDomain } from './fast-domain.ts';
import type { Span } from './flatten.ts';
import { Ipv4Index, Ipv6Index } from './ip-index.ts';
import { type Hits, NO_HITS, type OwnershipEntry, type OwnershipHit } from './types.ts';

export type OwnershipLookup = { ok: true; kind: ValueKind; normalised: string; host: string; hits: Hits } | Failure;

export type IndexStats = { ipv4Ranges: number; ipv6Ranges: number; domains: number; skipped: number };

function hit(entry: OwnershipEntry, match: string, specificity: number): OwnershipHit {
  const h: OwnershipHit = { owner: entry.owner, via: entry.via, match: entry.match ?? match, specificity };
  return entry.ref === undefined ? h : { ...h, ref: entry.ref };
}

function okOrNull(r: { ok: true; value: string } | Failure): string | null {
  return r.ok ? r.value : null;
}

/**
 * An IPv6 answer whose canonical text is written only when read: formatting costs more than the
 * lookup itself, and most callers (matching, hunting) only want the hits.
 */
class Ipv6Lookup {
  readonly ok = true;
  readonly kind = 'ipv6';
  readonly hits: Hits;
  private readonly words: number[];
  private text: string | undefined;

  constructor(a: number, b: number, c: number, d: number, hits: Hits) {
    this.words = [a, b, c, d];
    this.hits = hits;
  }

  get normalised(): string {
    if (this.text === undefined) {
      const w = new Uint16Array(8);
      this.words.forEach((x, i) => {
        w[i * 2] = x >>> 16;
        w[i * 2 + 1] = x & 0xffff;
      });
      this.text = formatIpv6(w);
    }
    return this.text;
  }

  get host(): string {
    return this.normalised;
  }

  toJSON() {
    return { ok: true, kind: this.kind, normalised: this.normalised, host: this.host, hits: this.hits };
  }
}

function v6BigInt(w: Uint16Array): bigint {
  let n = 0n;
  for (let i = 0; i < 8; i++) n = (n << 16n) | BigInt(w[i] as number);
  return n;
}

/**
 * The ownership index: pure and in memory, rebuilt whole from entries. IP → every covering range,
 * most specific first; domain → its own entry or the nearest registered suffix, then broader ones;
 * URLs and e-mails resolve by their host; IPv4-mapped IPv6 resolves as IPv4.
 */
export class OwnershipIndex {
  readonly stats: IndexStats;
  private readonly v4: Ipv4Index;
  private readonly v6: Ipv6Index;
  private readonly domains: DomainIndex;
  private readonly scratch = new Uint16Array(8);

  constructor(entries: Iterable<OwnershipEntry>) {
    const v4: Span<number>[] = [];
    const v6: Span<bigint>[] = [];
    const domains = new Map<string, { all: OwnershipHit[]; subdomains: OwnershipHit[] }>();
    let skipped = 0;
    const w = new Uint16Array(8);
    for (const entry of entries) {
      if (entry.type === 'domain') {
        const domain = fastDomain(entry.domain) ?? okOrNull(normaliseDomain(entry.domain));
        if (domain === null) {
          skipped++;
          continue;
        }
        let node = domains.get(domain);
        if (!node) {
          node = { all: [], subdomains: [] };
          domains.set(domain, node);
        }
        const h = hit(entry, domain, labelCount(domain));
        node.all.push(h);
        if (entry.includeSubdomains) node.subdomains.push(h);
        continue;
      }
      const cidr = parseCidr(entry.cidr);
      if (!cidr.ok) {
        skipped++;
        continue;
      }
      const { network, prefix, version } = cidr.value;
      const h = hit(entry, cidr.value.cidr, prefix);
      if (version === 4) {
        const start = parseIpv4At(network, 0, network.length);
        v4.push({ start, end: start + 2 ** (32 - prefix) - 1, own: [h] });
      } else {
        parseIpv6At(network, 0, network.length, w);
        const start = v6BigInt(w);
        v6.push({ start, end: start + (1n << BigInt(128 - prefix)) - 1n, own: [h] });
      }
    }
    this.stats = { ipv4Ranges: v4.length, ipv6Ranges: v6.length, domains: domains.size, skipped };
    this.v4 = new Ipv4Index(v4);
    this.v6 = new Ipv6Index(v6);
    this.domains = new DomainIndex(domains);
  }

  lookupIpv4(ip: number): Hits {
    return this.v4.lookup(ip);
  }

  lookupDomain(name: string): Hits {
    return this.domains.lookup(name);
  }

  /** Any value a user may paste: IP, CIDR, domain, URL, e-mail (hashes have no owner). */
  lookup(value: string): OwnershipLookup {
    const len = value.length;
    const c0 = len > 0 ? value.charCodeAt(0) : 0;
    if (c0 >= 48 && c0 <= 57) {
      const ip = parseIpv4At(value, 0, len);
      if (ip >= 0) return { ok: true, kind: 'ipv4', normalised: value, host: value, hits: this.v4.lookup(ip) };
    }
    const w = this.scratch;
    if (len > 1 && value.indexOf(':') >= 0 && parseIpv6At(value, 0, len, w)) {
      if (isIpv4Mapped(w)) {
        const v4 = formatIpv4((w[6] as number) * 65536 + (w[7] as number));
        return {
          ok: true,
          kind: 'ipv4',
          normalised: v4,
          host: v4,
          hits: this.v4.lookup(parseIpv4At(v4, 0, v4.length)),
        };
      }
      const a = ((w[0] as number) * 65536 + (w[1] as number)) >>> 0;
      const b = ((w[2] as number) * 65536 + (w[3] as number)) >>> 0;
      const c = ((w[4] as number) * 65536 + (w[5] as number)) >>> 0;
      const d = ((w[6] as number) * 65536 + (w[7] as number)) >>> 0;
      return new Ipv6Lookup(a, b, c, d, this.v6.lookup(a, b, c, d));
    }
    const domain = fastDomain(value);
    if (domain !== null)
      return { ok: true, kind: 'domain', normalised: domain, host: domain, hits: this.domains.lookup(domain) };
    return this.lookupSlow(value);
  }

  private lookupSlow(value: string): OwnershipLookup {
    const parsed = normaliseValue(value);
    if (!parsed.ok) return parsed;
    const { kind, value: normalised } = parsed.value;
    if (kind === 'hash') return { ok: true, kind, normalised, host: '', hits: NO_HITS };
    if (kind === 'cidr') return { ok: true, kind, normalised, host: normalised, hits: this.coveringCidr(normalised) };
    const host = parsed.value.host ?? normalised;
    return { ok: true, kind, normalised, host, hits: this.lookupHost(host) };
  }

  /** A normalised host: canonical IP text (the fast paths take it) or a normalised domain. */
  private lookupHost(host: string): Hits {
    if (host.indexOf(':') >= 0 || parseIpv4At(host, 0, host.length) >= 0) {
      const ip = this.lookup(host);
      return ip.ok ? ip.hits : NO_HITS;
    }
    return this.domains.lookup(host);
  }

  /** Ranges covering the whole of a block: those covering its first address with a prefix ≤ its own. */
  private coveringCidr(cidr: string): Hits {
    const slash = cidr.indexOf('/');
    const prefix = Number(cidr.slice(slash + 1));
    const first = this.lookup(cidr.slice(0, slash));
    if (!first.ok) return NO_HITS;
    return first.hits.filter((h) => h.specificity <= prefix);
  }
}

/** True when the most specific level of a lookup names more than one organisation: a tie to report. */
export function isTie(hits: Hits): boolean {
  const first = hits[0];
  if (!first) return false;
  for (let i = 1; i < hits.length; i++) {
    const h = hits[i] as OwnershipHit;
    // Two blocks covering one address with the same prefix are the same block (likewise for domains).
    if (h.specificity !== first.specificity) return false;
    if (h.owner !== first.owner) return true;
  }
  return false;
}
