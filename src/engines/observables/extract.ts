import { refang } from '../normalise/index.ts';
import type { Candidate, Scan } from './candidate.ts';
import { isSpace, isSplit } from './chars.ts';
import { scanIps } from './scan-ip.ts';
import { scanEmails, scanUrls } from './scan-url-email.ts';
import { scanAccounts, scanCves, scanHashes, scanNames } from './scan-words.ts';
import type { ExtractOptions, ExtractResult, Observable } from './types.ts';

export const DEFAULT_MAX_ITEMS = 10_000;
export const DEFAULT_MAX_INPUT = 5 * 1024 * 1024;

const MARKER_AT_START = /^[[({](?:\.|dot|@|at)[\])}]/i;
const MARKER_AT_END = /[[({](?:\.|dot|@|at)[\])}]$/i;
/** Longer gaps are not merged: they would also let refang's `\s*` run over long whitespace. */
const MAX_GAP = 3;

/** [start, end) of each word, words joined across a short gap next to a defang marker (`evil [.] com`). */
function words(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let i = 0;
  while (i < text.length) {
    if (isSplit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i;
    while (end < text.length && !isSplit(text.charCodeAt(end))) end++;
    const last = out[out.length - 1];
    if (last && i - last[1] <= MAX_GAP && onlySpaces(text, last[1], i) && touchesMarker(text, last, i, end)) {
      last[1] = end;
    } else {
      out.push([i, end]);
    }
    i = end;
  }
  return out;
}

function onlySpaces(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

function touchesMarker(text: string, prev: [number, number], start: number, end: number): boolean {
  return (
    MARKER_AT_END.test(text.slice(Math.max(prev[0], prev[1] - 6), prev[1])) ||
    MARKER_AT_START.test(text.slice(start, Math.min(end, start + 6)))
  );
}

/** How many characters `a` and `b` share at the start, or (fromEnd) at the end. */
function common(a: string, b: string, fromEnd: boolean): number {
  const n = Math.min(a.length, b.length);
  let k = 0;
  if (fromEnd) while (k < n && a.charCodeAt(a.length - 1 - k) === b.charCodeAt(b.length - 1 - k)) k++;
  else while (k < n && a.charCodeAt(k) === b.charCodeAt(k)) k++;
  return k;
}

/**
 * Where a candidate found in the refanged word lies in the original one. Refanging only rewrites
 * markers, so the text before and after the candidate is usually unchanged; when it is not (two
 * defanged observables in one word), the span widens to the word's edge. `same` is the length of the
 * unchanged head and tail, computed once per word so each candidate costs O(1).
 */
function originalSpan(word: string, refanged: string, same: [number, number], c: Candidate): [number, number] {
  if (word === refanged) return [c.start, c.end];
  const start = c.start <= same[0] ? c.start : 0;
  const end = refanged.length - c.end <= same[1] ? word.length - (refanged.length - c.end) : word.length;
  return end > start ? [start, end] : [0, word.length];
}

function scanWord(refanged: string, includeHosts: boolean): Candidate[] {
  const scan: Scan = { text: refanged, claimed: new Uint8Array(refanged.length), out: [], includeHosts };
  scanUrls(scan);
  scanEmails(scan);
  scanCves(scan);
  scanAccounts(scan);
  scanIps(scan);
  scanHashes(scan);
  scanNames(scan);
  return scan.out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Finds IOCs and other observables in free text (a report, an e-mail, a pasted log): IPs, CIDRs,
 * domains, URLs, e-mails, hashes, file names, CVE ids and `DOMAIN\user` accounts, defanged or not.
 * Items come in text order, one per (type, value). Work is linear in the input: words are scanned
 * left to right without backtracking, and the input and the number of items are capped.
 */
export function extractObservables(text: string, opts: ExtractOptions = {}): ExtractResult {
  const maxItems = opts.maxItems ?? DEFAULT_MAX_ITEMS;
  const maxInput = opts.maxInputLength ?? DEFAULT_MAX_INPUT;
  const input = text.length > maxInput ? text.slice(0, maxInput) : text;
  const truncated = input.length < text.length;
  const items: Observable[] = [];
  const seen = new Set<string>();
  for (const [ws, we] of words(input)) {
    const word = input.slice(ws, we);
    const refanged = refang(word);
    const same: [number, number] = [common(word, refanged, false), common(word, refanged, true)];
    for (const c of scanWord(refanged, opts.includeHosts ?? false)) {
      const key = `${c.type} ${c.value}`;
      if (seen.has(key)) continue;
      if (items.length >= maxItems) return { items, truncated: true };
      seen.add(key);
      const [s, e] = originalSpan(word, refanged, same, c);
      items.push({ type: c.type, value: c.value, raw: word.slice(s, e), start: ws + s, end: ws + e });
    }
  }
  return { items, truncated };
}
