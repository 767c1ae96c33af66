// Ownership lookup benchmark (issue #4): 100k IPv4 ranges, 20k IPv6 ranges, 100k domains, synthetic
// with a fixed seed; a query mix of 50 % IPv4, 20 % IPv6, 30 % domains, about half of them hitting.
// Usage: node bench/ownership.ts   (also run by bench/run.ts)
import { formatIpv4, formatIpv6 } from '../src/engines/normalise/index.ts';
import { type OwnershipEntry, OwnershipIndex } from '../src/engines/ownership/index.ts';

/** mulberry32: small, fast, reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type V4 = { start: number; prefix: number };
type V6 = { words: Uint16Array; prefix: number };

function v6Network(words: Uint16Array, prefix: number): Uint16Array {
  const out = new Uint16Array(8);
  for (let i = 0; i < 8; i++) {
    const bits = Math.min(16, Math.max(0, prefix - i * 16));
    out[i] = (words[i] as number) & (bits === 0 ? 0 : (0xffff << (16 - bits)) & 0xffff);
  }
  return out;
}

export function syntheticData(seed = 20221) {
  const r = rng(seed);
  const int = (n: number) => Math.floor(r() * n);
  const entries: OwnershipEntry[] = [];
  const owner = () => `org-${int(5000)}`;

  // IPv4: a few hundred allocations, then sub-ranges nested inside earlier ranges (70 %) or anywhere.
  const v4: V4[] = [];
  for (let i = 0; i < 100_000; i++) {
    const parent = i >= 500 && r() < 0.7 ? v4[int(v4.length)] : undefined;
    const prefix = parent ? Math.min(32, parent.prefix + 1 + int(8)) : 16 + int(9);
    const base = parent ? parent.start + int(2 ** (32 - parent.prefix)) : int(2 ** 32);
    const start = prefix === 0 ? 0 : (base & ((0xffffffff << (32 - prefix)) >>> 0)) >>> 0;
    v4.push({ start: start >>> 0, prefix });
    entries.push({ type: 'range', cidr: `${formatIpv4(start >>> 0)}/${prefix}`, owner: owner(), via: 'range' });
  }

  const v6: V6[] = [];
  for (let i = 0; i < 20_000; i++) {
    const parent = i >= 200 && r() < 0.7 ? v6[int(v6.length)] : undefined;
    const words = new Uint16Array(8);
    for (let w = 0; w < 8; w++) words[w] = int(65536);
    if (!parent) words[0] = 0x2000 | int(0x2000);
    const prefix = parent ? Math.min(128, parent.prefix + 4 + int(16)) : 29 + int(20);
    if (parent)
      for (let w = 0; w < 8; w++)
        words[w] = ((parent.words[w] as number) | 0) ^ (w * 16 >= parent.prefix ? (words[w] as number) : 0);
    const net = v6Network(words, prefix);
    v6.push({ words: net, prefix });
    entries.push({ type: 'range', cidr: `${formatIpv6(net)}/${prefix}`, owner: owner(), via: 'range' });
  }

  const syllables = [
    'so',
    'ban',
    'ubnd',
    'xa',
    'phuong',
    'tt',
    'cong',
    'dich',
    'vu',
    'mail',
    'portal',
    'qn',
    'hn',
    'dn',
    'tech',
    'data',
  ];
  const word = () => `${syllables[int(syllables.length)]}${syllables[int(syllables.length)]}${int(1000)}`;
  const tlds = ['gov.vn', 'com.vn', 'vn', 'edu.vn', 'org.vn', 'example', 'net.vn'];
  const domains: { name: string; sub: boolean }[] = [];
  for (let i = 0; i < 100_000; i++) {
    const parent = i >= 5000 && r() < 0.5 ? domains[int(domains.length)] : undefined;
    const name = parent ? `${word()}.${parent.name}` : `${word()}.${tlds[int(tlds.length)]}`;
    const sub = r() < 0.8;
    domains.push({ name, sub });
    entries.push({ type: 'domain', domain: name, includeSubdomains: sub, owner: owner(), via: 'domain' });
  }

  // Queries: half drawn inside registered data, half random.
  const queries: string[] = [];
  for (let i = 0; i < 1_000_000; i++) {
    const pick = r();
    const hit = r() < 0.5;
    if (pick < 0.5) {
      const range = v4[int(v4.length)] as V4;
      const ip = hit ? range.start + int(2 ** (32 - range.prefix)) : int(2 ** 32);
      queries.push(formatIpv4(ip >>> 0));
    } else if (pick < 0.7) {
      const words = new Uint16Array(8);
      for (let w = 0; w < 8; w++) words[w] = int(65536);
      if (hit) {
        const range = v6[int(v6.length)] as V6;
        for (let w = 0; w < 8; w++) {
          const bits = Math.min(16, Math.max(0, range.prefix - w * 16));
          const mask = bits === 0 ? 0 : (0xffff << (16 - bits)) & 0xffff;
          words[w] = ((range.words[w] as number) & mask) | ((words[w] as number) & ~mask & 0xffff);
        }
      }
      queries.push(formatIpv6(words));
    } else {
      const d = domains[int(domains.length)] as { name: string; sub: boolean };
      queries.push(hit ? (d.sub && r() < 0.5 ? `www.${d.name}` : d.name) : `${word()}.${word()}.invalid-tld`);
    }
  }
  return { entries, queries };
}

export type OwnershipBench = {
  lookupsPerSecond: number;
  lookupsPerWallSecond: number;
  hitRate: number;
  rebuildMs: number;
  segments: string;
};

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export function benchOwnership(): OwnershipBench {
  const { entries, queries } = syntheticData();
  const rebuilds: number[] = [];
  let index = new OwnershipIndex(entries);
  for (let i = 0; i < 5; i++) {
    const t0 = cpuMs();
    index = new OwnershipIndex(entries);
    rebuilds.push(cpuMs() - t0);
  }
  rebuilds.sort((a, b) => a - b);
  // The first pass warms up and counts hits; then as many full passes as fit in ~3 s of CPU time
  // (process CPU time, not wall time: the machine is shared, and one thread does the lookups).
  let hits = 0;
  for (const q of queries) {
    const res = index.lookup(q);
    if (res.ok && res.hits.length > 0) hits++;
  }
  let n = 0;
  let sink = 0;
  const c0 = cpuMs();
  const t0 = performance.now();
  while (cpuMs() - c0 < 3000) {
    for (let i = 0; i < queries.length; i++) {
      const res = index.lookup(queries[i] as string);
      if (res.ok) sink += res.hits.length;
    }
    n += queries.length;
  }
  const cpuSeconds = (cpuMs() - c0) / 1000;
  const wallSeconds = (performance.now() - t0) / 1000;
  if (sink < 0) throw new Error('unreachable');
  const s = index.stats;
  return {
    lookupsPerSecond: n / cpuSeconds,
    lookupsPerWallSecond: n / wallSeconds,
    hitRate: hits / queries.length,
    rebuildMs: rebuilds[2] as number,
    segments: `${s.ipv4Ranges} IPv4 + ${s.ipv6Ranges} IPv6 ranges, ${s.domains} domains, ${s.skipped} skipped`,
  };
}

if (import.meta.main) {
  const r = benchOwnership();
  console.log(
    `${r.segments}: ${(r.lookupsPerSecond / 1e6).toFixed(2)} M lookups per CPU second (${(r.lookupsPerWallSecond / 1e6).toFixed(2)} M/s wall), hit rate ${(r.hitRate * 100).toFixed(0)} %, rebuild ${r.rebuildMs.toFixed(0)} ms CPU (median of 5)`,
  );
}
