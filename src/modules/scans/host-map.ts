import type { OwnershipIndex } from '../../engines/ownership/index.ts';

export type SeenHost = { hostIp: string | null; hostName: string | null };

/** The system whose registered component covers a host: by its IP first, then by its name. */
export function systemOfHost(index: OwnershipIndex, key: string, seen: SeenHost): string | null {
  for (const value of [seen.hostIp, key, seen.hostName]) {
    if (!value) continue;
    const r = index.lookup(value);
    if (!r.ok) continue;
    // Hits come most specific first; only a system component names a system.
    const hit = r.hits.find((h) => h.via === 'component' && h.ref);
    if (hit?.ref) return hit.ref;
  }
  return null;
}
