import type { CoveredHost } from '../types.ts';
import type { HostParts } from './normalise.ts';

/** Reports each host once, the first time a finding names it (formats that do not list scanned hosts). */
export class HostTracker {
  private readonly seen = new Set<string>();

  /** The CoveredHost to emit when this host is new, else null. */
  first(parts: HostParts): CoveredHost | null {
    if (!parts.host || this.seen.has(parts.host)) return null;
    this.seen.add(parts.host);
    return { host: parts.host, hostIp: parts.hostIp, hostName: parts.hostName, ports: null };
  }
}
