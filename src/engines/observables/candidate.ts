import type { ObservableType } from './types.ts';

/** An observable found in one refanged word, at [start, end) of that word. */
export type Candidate = { type: ObservableType; value: string; start: number; end: number };

/** What a scanner sees: the refanged word, which of its characters are taken, and where to report. */
export type Scan = { text: string; claimed: Uint8Array; out: Candidate[]; includeHosts: boolean };

export function isFree(scan: Scan, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (scan.claimed[i] === 1) return false;
  return true;
}

export function claim(scan: Scan, start: number, end: number): void {
  scan.claimed.fill(1, start, end);
}
