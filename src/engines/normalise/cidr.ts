import { formatIpv4, formatIpv6, type IpVersion, isIpv4Mapped, parseIpv4At, parseIpv6At } from './ip.ts';
import { fail, MAX_INPUT, ok, type Result } from './result.ts';

export type ParsedCidr = { version: IpVersion; network: string; prefix: number; cidr: string };

function parsePrefix(s: string, start: number, max: number): number {
  const len = s.length - start;
  if (len < 1 || len > 3) return -1;
  if (len > 1 && s.charCodeAt(start) === 48) return -1;
  let n = 0;
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  return n <= max ? n : -1;
}

function v4Cidr(input: string, address: number, prefix: number): Result<ParsedCidr> {
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const network = (address & mask) >>> 0;
  const cidr = `${formatIpv4(network)}/${prefix}`;
  if (network !== address) return fail('cidr_host_bits', input, { network: cidr });
  return ok({ version: 4, network: formatIpv4(network), prefix, cidr });
}

function v6Cidr(input: string, w: Uint16Array, prefix: number): Result<ParsedCidr> {
  const net = new Uint16Array(8);
  for (let i = 0; i < 8; i++) {
    const bits = Math.min(16, Math.max(0, prefix - i * 16));
    const mask = bits === 0 ? 0 : (0xffff << (16 - bits)) & 0xffff;
    net[i] = (w[i] as number) & mask;
  }
  const network = formatIpv6(net);
  const cidr = `${network}/${prefix}`;
  for (let i = 0; i < 8; i++) if (net[i] !== w[i]) return fail('cidr_host_bits', input, { network: cidr });
  return ok({ version: 6, network, prefix, cidr });
}

/**
 * `a.b.c.d/n` or `x::/n` in canonical form. A bare address is a /32 or /128. Host bits set fail with
 * `cidr_host_bits` and `params.network`, the network the user probably meant. An IPv4-mapped range of
 * /96 or longer becomes the IPv4 range.
 */
export function parseCidr(input: string): Result<ParsedCidr> {
  if (input.length > MAX_INPUT) return fail('value_too_long', input);
  const s = input.trim();
  if (s.length === 0) return fail('value_empty', input);
  const slash = s.indexOf('/');
  const end = slash < 0 ? s.length : slash;
  const isV6 = s.lastIndexOf(':', end) >= 0;
  if (!isV6) {
    const address = parseIpv4At(s, 0, end);
    if (address < 0) return fail('cidr_invalid', input);
    const prefix = slash < 0 ? 32 : parsePrefix(s, slash + 1, 32);
    if (prefix < 0) return fail('cidr_prefix_invalid', input);
    return v4Cidr(input, address, prefix);
  }
  const w = new Uint16Array(8);
  if (!parseIpv6At(s, 0, end, w)) return fail('cidr_invalid', input);
  const prefix = slash < 0 ? 128 : parsePrefix(s, slash + 1, 128);
  if (prefix < 0) return fail('cidr_prefix_invalid', input);
  if (prefix >= 96 && isIpv4Mapped(w)) return v4Cidr(input, (w[6] as number) * 65536 + (w[7] as number), prefix - 96);
  return v6Cidr(input, w, prefix);
}
