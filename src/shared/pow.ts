import { sha256 } from '@noble/hashes/sha2.js';

/**
 * The public form's proof of work: find a nonce so that SHA-256(salt || nonce) starts with `bits`
 * zero bits. The browser searches (a Web Worker, synchronous hashing: Web Crypto's promise per
 * digest costs more than the hash); the server checks one digest with node:crypto.
 */

/** How many leading zero bits the digest (bytes or big-endian words) has. */
export function leadingZeroBits(digest: ArrayLike<number>, wordBits: 8 | 32 = 8): number {
  let n = 0;
  for (let i = 0; i < digest.length; i++) {
    const v = (digest[i] as number) >>> 0;
    if (v === 0) {
      n += wordBits;
      continue;
    }
    return n + (wordBits === 32 ? Math.clz32(v) : Math.clz32(v) - 24);
  }
  return n;
}

const encoder = new TextEncoder();

/** The bytes the proof hashes: the challenge's salt followed by the nonce. */
export function powInput(salt: string, nonce: string): Uint8Array {
  return encoder.encode(salt + nonce);
}

/** SHA-256 of the bytes (the browser's side of the proof). */
export function powDigest(bytes: Uint8Array): Uint8Array {
  return sha256(bytes);
}

/**
 * Searches nonces from `start` for at most `count` tries; the nonce found, or null. The caller
 * (a Web Worker) loops in slices to report progress. One reused buffer for salt + nonce digits.
 */
export function searchNonce(salt: string, bits: number, start: number, count: number): string | null {
  const prefix = encoder.encode(salt);
  const buffer = new Uint8Array(prefix.length + 20);
  buffer.set(prefix);
  for (let n = start; n < start + count; n++) {
    let length = prefix.length;
    const digits = String(n);
    for (let i = 0; i < digits.length; i++) buffer[length++] = digits.charCodeAt(i);
    if (leadingZeroBits(sha256(buffer.subarray(0, length))) >= bits) return digits;
  }
  return null;
}
