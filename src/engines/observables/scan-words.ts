import { claim, isFree, type Scan } from './candidate.ts';
import { isAsciiAlnum, isHex, isWordChar } from './chars.ts';
import { isFileExtension } from './extensions.ts';
import { normaliseObservable } from './normalise-observable.ts';
import { isKnownTld } from './tlds.ts';
import type { ObservableType } from './types.ts';

const CVE = /CVE-[0-9]{4}-[0-9]{4,19}/gi;
const HASH_TYPES: Record<number, ObservableType> = { 32: 'md5', 40: 'sha1', 64: 'sha256', 128: 'sha512' };

function push(scan: Scan, type: ObservableType, raw: string, start: number, end: number, take = true): void {
  const value = normaliseObservable(type, raw);
  if (value === undefined) return;
  scan.out.push({ type, value, start, end });
  if (take) claim(scan, start, end);
}

export function scanCves(scan: Scan): void {
  const s = scan.text;
  for (const m of s.matchAll(CVE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (start > 0 && isAsciiAlnum(s.charCodeAt(start - 1))) continue;
    if (end < s.length && isAsciiAlnum(s.charCodeAt(end))) continue;
    if (isFree(scan, start, end)) push(scan, 'cve', m[0], start, end);
  }
}

function isAccountDomainChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 46 || c === 45;
}

function isAccountUserChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 46 || c === 45 || c === 95 || c === 36; // . - _ $
}

/** `DOMAIN\user` with nothing path-like on either side (`C:\Users\x`, `\\server\share` are paths). */
export function scanAccounts(scan: Scan): void {
  const s = scan.text;
  for (let bs = s.indexOf('\\'); bs >= 0; bs = s.indexOf('\\', bs + 1)) {
    let start = bs;
    while (start > 0 && isAccountDomainChar(s.charCodeAt(start - 1))) start--;
    let end = bs + 1;
    while (end < s.length && isAccountUserChar(s.charCodeAt(end))) end++;
    while (end > bs + 1 && s.charCodeAt(end - 1) === 46) end--;
    if (start === bs || end === bs + 1) continue;
    const before = start > 0 ? s.charAt(start - 1) : '';
    const after = end < s.length ? s.charAt(end) : '';
    if ('\\/:'.includes(before) && before !== '') continue;
    if ('\\/'.includes(after) && after !== '') continue;
    const user = s.slice(bs + 1, end);
    const dot = user.lastIndexOf('.');
    if (dot > 0 && isFileExtension(user.slice(dot + 1))) continue;
    if (isFree(scan, start, end)) push(scan, 'account', s.slice(start, end), start, end);
  }
}

/** A maximal run of letters, digits and `_` that is all hex of a digest's length; longer runs are not. */
export function scanHashes(scan: Scan): void {
  const s = scan.text;
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (!isAsciiAlnum(c) && c !== 95) {
      i++;
      continue;
    }
    let end = i;
    let hex = true;
    while (end < s.length && (isAsciiAlnum(s.charCodeAt(end)) || s.charCodeAt(end) === 95)) {
      if (!isHex(s.charCodeAt(end))) hex = false;
      end++;
    }
    const type = HASH_TYPES[end - i];
    // Not claimed: `<md5>.exe` is both a hash and a file name.
    if (hex && type && isFree(scan, i, end)) push(scan, type, s.slice(i, end), i, end, false);
    i = end;
  }
}

function isNameChar(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c === 46 || c === 45 || c === 95 || isWordChar(s, i);
}

/**
 * A name whose last label is an IANA TLD is a domain and one whose extension is a file type is a file
 * name. When both hold (`.zip`, `.com`, `.py`), it is a file name only with evidence: after a path
 * separator, an `_` (no host name has one), or a second extension (`hoadon.pdf.zip`).
 */
function classify(scan: Scan, start: number, end: number): void {
  const s = scan.text;
  const name = s.slice(start, end);
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || name.length > 255) return;
  const ext = name.slice(dot + 1).toLowerCase();
  const fileExt = isFileExtension(ext);
  const afterSeparator = start > 0 && (s.charCodeAt(start - 1) === 47 || s.charCodeAt(start - 1) === 92);
  const prev = name.lastIndexOf('.', dot - 1);
  const doubleExt = isFileExtension(name.slice(prev + 1, dot));
  if (fileExt && (!isKnownTld(ext) || afterSeparator || name.includes('_') || doubleExt)) {
    push(scan, 'filename', name, start, end);
    return;
  }
  if (!afterSeparator || !fileExt) push(scan, 'domain', name, start, end);
}

export function scanNames(scan: Scan): void {
  const s = scan.text;
  let i = 0;
  while (i < s.length) {
    if (scan.claimed[i] === 1 || !isNameChar(s, i)) {
      i++;
      continue;
    }
    let end = i;
    while (end < s.length && scan.claimed[end] !== 1 && isNameChar(s, end)) end++;
    const runEnd = end;
    let start = i;
    while (start < end && '.-'.includes(s.charAt(start))) start++;
    while (end > start && '.-'.includes(s.charAt(end - 1))) end--;
    if (end > start) classify(scan, start, end);
    i = runEnd;
  }
}
