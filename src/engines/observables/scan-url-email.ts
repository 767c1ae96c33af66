import { claim, isFree, type Scan } from './candidate.ts';
import { indexIn, isAsciiAlnum, isWordChar } from './chars.ts';
import { normaliseObservable } from './normalise-observable.ts';

const SCHEME = /(?:https?|ftp|wss?):\/\//gi;
const TRAILING = new Set([46, 44, 59, 58, 33, 63, 39, 42]); // . , ; : ! ? ' *
const PAIRS: Record<number, number> = { 41: 40, 93: 91, 125: 123 }; // ) ] } → ( [ {

/** Drops sentence punctuation and closing brackets that were not opened inside the URL. */
function trimUrlEnd(s: string, start: number, end: number): number {
  const open = new Map<number, number>();
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    open.set(c, (open.get(c) ?? 0) + 1);
  }
  while (end > start) {
    const c = s.charCodeAt(end - 1);
    const opener = PAIRS[c];
    const unbalanced = opener !== undefined && (open.get(c) ?? 0) > (open.get(opener) ?? 0);
    if (!TRAILING.has(c) && !unbalanced) break;
    open.set(c, (open.get(c) ?? 0) - 1);
    end--;
  }
  return end;
}

function hostSpan(s: string, start: number, end: number): [number, number] {
  let hs = indexIn(s, ':', start, end) + 3;
  let ae = hs;
  while (ae < end && !'/?#'.includes(s.charAt(ae))) ae++;
  for (let at = indexIn(s, '@', hs, ae); at >= 0; at = indexIn(s, '@', at + 1, ae)) hs = at + 1;
  if (s.charCodeAt(hs) === 91) return [hs + 1, Math.max(hs + 1, indexIn(s, ']', hs, ae))];
  const colon = indexIn(s, ':', hs, ae);
  return [hs, colon >= 0 ? colon : ae];
}

function pushHost(scan: Scan, start: number, end: number): void {
  const host = scan.text.slice(start, end);
  for (const type of ['ipv4', 'ipv6', 'domain'] as const) {
    const value = normaliseObservable(type, host);
    if (value !== undefined) {
      scan.out.push({ type, value, start, end });
      return;
    }
  }
}

export function scanUrls(scan: Scan): void {
  const s = scan.text;
  const starts: number[] = [];
  for (const m of s.matchAll(SCHEME)) {
    if (m.index === 0 || !isAsciiAlnum(s.charCodeAt(m.index - 1))) starts.push(m.index);
  }
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k] as number;
    const end = trimUrlEnd(s, start, starts[k + 1] ?? s.length);
    const value = normaliseObservable('url', s.slice(start, end));
    if (value === undefined) continue;
    scan.out.push({ type: 'url', value, start, end });
    claim(scan, start, end);
    if (scan.includeHosts) pushHost(scan, ...hostSpan(s, start, end));
  }
}

function isLocalChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45; // . _ % + -
}

/** Each `@` grows left over local-part characters and right over host characters: no backtracking. */
export function scanEmails(scan: Scan): void {
  const s = scan.text;
  for (let at = s.indexOf('@'); at >= 0; at = s.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && isLocalChar(s.charCodeAt(start - 1))) start--;
    while (start < at && s.charCodeAt(start) === 46) start++;
    let end = at + 1;
    while (end < s.length && (isWordChar(s, end) || s.charCodeAt(end) === 45 || s.charCodeAt(end) === 46)) end++;
    while (end > at + 1 && (s.charCodeAt(end - 1) === 46 || s.charCodeAt(end - 1) === 45)) end--;
    if (start === at || end === at + 1 || !isFree(scan, start, end)) continue;
    const value = normaliseObservable('email', s.slice(start, end));
    if (value === undefined) continue;
    scan.out.push({ type: 'email', value, start, end });
    claim(scan, start, end);
    if (scan.includeHosts) pushHost(scan, at + 1, end);
  }
}
