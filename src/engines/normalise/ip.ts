import { fail, MAX_INPUT, ok, type Result } from './result.ts';

export type IpVersion = 4 | 6;
export type ParsedIp = { version: IpVersion; address: string };

/**
 * Dotted-quad decimal IPv4 in s[start, end) as an unsigned 32-bit number, or -1. Leading zeros are
 * refused: `010.0.0.1` means 8.0.0.1 to some tools and 10.0.0.1 to others.
 */
export function parseIpv4At(s: string, start: number, end: number): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits === 1 && octet === 0) return -1;
      octet = octet * 10 + (c - 48);
      if (octet > 255) return -1;
      digits++;
    } else if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else {
      return -1;
    }
  }
  if (digits === 0 || dots !== 3) return -1;
  return value * 256 + octet;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * IPv6 text (RFC 4291: `::` compression, trailing dotted IPv4) in s[start, end) into eight 16-bit
 * words. Returns false on anything else (zone ids, brackets, more than 4 hex digits a group).
 */
export function parseIpv6At(s: string, start: number, end: number, out: Uint16Array): boolean {
  if (end - start < 2) return false;
  let gapAt = -1;
  let n = 0;
  let i = start;
  if (s.charCodeAt(i) === 58) {
    if (s.charCodeAt(i + 1) !== 58) return false;
    gapAt = 0;
    i += 2;
  }
  while (i < end) {
    if (n === 8) return false;
    const groupStart = i;
    let v = 0;
    let digits = 0;
    while (i < end) {
      const h = hexValue(s.charCodeAt(i));
      if (h < 0) break;
      if (++digits > 4) return false;
      v = v * 16 + h;
      i++;
    }
    if (i < end && s.charCodeAt(i) === 46) {
      if (n > 6) return false;
      const v4 = parseIpv4At(s, groupStart, end);
      if (v4 < 0) return false;
      out[n++] = v4 >>> 16;
      out[n++] = v4 & 0xffff;
      i = end;
      break;
    }
    if (digits === 0) return false;
    out[n++] = v;
    if (i === end) break;
    if (s.charCodeAt(i) !== 58) return false;
    i++;
    if (i === end) return false;
    if (s.charCodeAt(i) === 58) {
      if (gapAt >= 0) return false;
      gapAt = n;
      i++;
    }
  }
  if (gapAt < 0) return n === 8;
  if (n === 8) return false;
  const tail = n - gapAt;
  for (let k = 0; k < tail; k++) out[7 - k] = out[n - 1 - k] as number;
  for (let k = gapAt; k < 8 - tail; k++) out[k] = 0;
  return true;
}

/** ::ffff:a.b.c.d — an IPv4 address carried in IPv6; resolved as the IPv4 address. */
export function isIpv4Mapped(w: Uint16Array): boolean {
  return w[0] === 0 && w[1] === 0 && w[2] === 0 && w[3] === 0 && w[4] === 0 && w[5] === 0xffff;
}

export function formatIpv4(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

let hexTable: string[] | undefined;

/** Hex text of every 16-bit group, built once: formatting is on the lookup hot path. */
function hex(n: number): string {
  if (!hexTable) hexTable = Array.from({ length: 65536 }, (_, i) => i.toString(16));
  return hexTable[n] as string;
}

/** RFC 5952: lowercase, no leading zeros, the longest run (≥ 2) of zero groups as `::`, first on a tie. */
export function formatIpv6(w: Uint16Array): string {
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (w[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && w[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out += '::';
      i += bestLen - 1;
      continue;
    }
    if (out.length > 0 && out.charCodeAt(out.length - 1) !== 58) out += ':';
    out += hex(w[i] as number);
  }
  return out;
}

/** An IPv4 or IPv6 address (optionally in [brackets]) in canonical text; IPv4-mapped IPv6 becomes IPv4. */
export function parseIp(input: string): Result<ParsedIp> {
  if (input.length > MAX_INPUT) return fail('value_too_long', input);
  let s = input.trim();
  if (s.length === 0) return fail('value_empty', input);
  if (s.charCodeAt(0) === 91 && s.charCodeAt(s.length - 1) === 93) s = s.slice(1, -1);
  if (s.indexOf(':') < 0) {
    const v4 = parseIpv4At(s, 0, s.length);
    return v4 < 0 ? fail('ip_invalid', input) : ok({ version: 4, address: formatIpv4(v4) });
  }
  const w = new Uint16Array(8);
  if (!parseIpv6At(s, 0, s.length, w)) return fail('ip_invalid', input);
  if (isIpv4Mapped(w)) return ok({ version: 4, address: formatIpv4((w[6] as number) * 65536 + (w[7] as number)) });
  return ok({ version: 6, address: formatIpv6(w) });
}
