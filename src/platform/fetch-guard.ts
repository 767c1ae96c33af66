import ipaddr from 'ipaddr.js';

/**
 * Which addresses a server-side fetch of a user-typed URL may connect to. Only global unicast
 * addresses by default: loopback, private, link-local (cloud metadata), CGNAT, multicast,
 * unspecified, documentation/reserved and the IPv6 forms that embed an IPv4 address (mapped,
 * NAT64, 6to4, Teredo) are refused — unless an allowlist entry (CIDR or host name) names them.
 */
export type FetchAllowlist = { cidrs: [ipaddr.IPv4 | ipaddr.IPv6, number][]; hosts: Set<string> };

export const EMPTY_ALLOWLIST: FetchAllowlist = { cidrs: [], hosts: new Set() };

/** `CANHGAC_FETCH_ALLOW`: comma-separated CIDRs, addresses or host names. Throws on a bad entry. */
export function parseAllowlist(entries: readonly string[]): FetchAllowlist {
  const list: FetchAllowlist = { cidrs: [], hosts: new Set() };
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry.includes('/')) {
      const [addr, bits] = ipaddr.parseCIDR(entry);
      list.cidrs.push([
        normalised(addr),
        addr.kind() === 'ipv6' && normalised(addr).kind() === 'ipv4' ? bits - 96 : bits,
      ]);
    } else if (ipaddr.isValid(entry)) {
      const addr = ipaddr.process(entry);
      list.cidrs.push([addr, addr.kind() === 'ipv4' ? 32 : 128]);
    } else if (/^[a-z0-9.-]{1,253}$/.test(entry)) {
      list.hosts.add(entry.replace(/\.$/, ''));
    } else {
      throw new Error(`not a CIDR, address or host name: ${raw}`);
    }
  }
  return list;
}

function normalised(addr: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()
    ? (addr as ipaddr.IPv6).toIPv4Address()
    : addr;
}

export function hostAllowed(host: string, allow: FetchAllowlist): boolean {
  return allow.hosts.has(host.toLowerCase().replace(/\.$/, ''));
}

/** null when the address may be reached, otherwise the reason (the address's range). */
export function addressRefusal(address: string, allow: FetchAllowlist): string | null {
  if (!ipaddr.isValid(address)) return 'invalid-address';
  const addr = ipaddr.process(address);
  for (const [net, bits] of allow.cidrs) {
    if (net.kind() === addr.kind() && addr.match(net, bits)) return null;
  }
  const range = addr.range();
  return range === 'unicast' ? null : range;
}
