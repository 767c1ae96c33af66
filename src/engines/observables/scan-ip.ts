import { claim, type Scan } from './candidate.ts';
import { indexIn, isAsciiAlnum, isHex } from './chars.ts';
import { normaliseObservable } from './normalise-observable.ts';
import type { ObservableType } from './types.ts';

function isTechChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 46 || c === 58 || c === 95 || c === 45; // . : _ -
}

function isDigits(s: string, start: number, end: number): boolean {
  if (start >= end) return false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `a.b.c.d`, optionally `:port`; anything with letters around it (`v1.2.3.4`) is a version, not an IP. */
function ipv4End(s: string, start: number, end: number): number {
  const colon = indexIn(s, ':', start, end);
  const addrEnd = colon >= 0 ? colon : end;
  if (addrEnd < end && !isDigits(s, addrEnd + 1, end)) return -1;
  for (let i = start; i < addrEnd; i++) {
    const c = s.charCodeAt(i);
    if (c !== 46 && (c < 48 || c > 57)) return -1;
  }
  return addrEnd;
}

/** Two hex groups and a digit at least: `::1`, `dead::beef` and `std::` are not worth reporting. */
function plausibleIpv6(s: string, start: number, end: number): boolean {
  let groups = 0;
  let inGroup = false;
  let digit = false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digit = true;
    if (isHex(c) && !inGroup) groups++;
    inGroup = isHex(c);
  }
  return groups >= 2 && digit;
}

/** `/n` right after an address, n of 1–3 digits not followed by more of a word or path. */
function prefixEnd(s: string, at: number): number {
  if (s.charCodeAt(at) !== 47) return -1;
  let i = at + 1;
  while (i < s.length && i - at <= 4 && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  if (i === at + 1 || i - at > 4 || (i < s.length && (isAsciiAlnum(s.charCodeAt(i)) || s.charCodeAt(i) === 47))) {
    return -1;
  }
  return i;
}

function report(scan: Scan, start: number, addrEnd: number, version: ObservableType): void {
  const s = scan.text;
  const cidrEnd = prefixEnd(s, addrEnd);
  const cidr = cidrEnd < 0 ? undefined : normaliseObservable('cidr', s.slice(start, cidrEnd));
  if (cidr !== undefined) {
    scan.out.push({ type: 'cidr', value: cidr, start, end: cidrEnd });
    claim(scan, start, cidrEnd);
    return;
  }
  const address = s.slice(start, addrEnd);
  // ::ffff:a.b.c.d is reported as the IPv4 address it carries.
  for (const type of version === 'ipv4' ? (['ipv4'] as const) : (['ipv6', 'ipv4'] as const)) {
    const value = normaliseObservable(type, address);
    if (value === undefined) continue;
    scan.out.push({ type, value, start, end: addrEnd });
    claim(scan, start, addrEnd);
    return;
  }
}

/** Maximal runs of letters, digits and `.:_-`, so an address glued to a word is never cut out of it. */
export function scanIps(scan: Scan): void {
  const s = scan.text;
  let i = 0;
  while (i < s.length) {
    if (scan.claimed[i] === 1 || !isTechChar(s.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i;
    while (end < s.length && scan.claimed[end] !== 1 && isTechChar(s.charCodeAt(end))) end++;
    const runEnd = end;
    let start = i;
    while (start < end && s.charCodeAt(start) === 46) start++;
    while (end > start && (s.charCodeAt(end - 1) === 46 || s.charCodeAt(end - 1) === 58)) end--;
    // Keep a `::` that ends an address (`2001:db8::`) rather than trimming it away.
    if (end < runEnd && s.charCodeAt(end) === 58 && s.charCodeAt(end + 1) === 58) end += 2;
    i = runEnd;
    const colons = countColons(s, start, end);
    if (colons >= 2) {
      if (plausibleIpv6(s, start, end)) report(scan, start, end, 'ipv6');
      continue;
    }
    const addrEnd = ipv4End(s, start, end);
    if (addrEnd > start) report(scan, start, addrEnd, 'ipv4');
  }
}

function countColons(s: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if (s.charCodeAt(i) === 58) n++;
  return n;
}
