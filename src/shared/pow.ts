/**
 * The public form's proof of work, shared by the browser (which searches) and the server (which
 * checks with node:crypto): find a decimal nonce so that SHA-256(UTF-8 of salt + nonce) starts with
 * `bits` zero bits. The SHA-256 here is plain JavaScript because the Web Crypto digest is
 * asynchronous and far slower per call for millions of tiny inputs.
 */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const H0 = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** SHA-256 of bytes, as eight big-endian 32-bit words. */
export function sha256Words(bytes: Uint8Array): Uint32Array {
  const bitLength = bytes.length * 8;
  const blocks = Math.ceil((bytes.length + 9) / 64);
  const padded = new Uint8Array(blocks * 64);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLength / 0x100000000));
  view.setUint32(padded.length - 4, bitLength >>> 0);
  const h = new Uint32Array(H0);
  const w = new Uint32Array(64);
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15] as number;
      const b = w[i - 2] as number;
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
      const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
      w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) | 0;
    }
    let a = h[0] as number;
    let b = h[1] as number;
    let c = h[2] as number;
    let d = h[3] as number;
    let e = h[4] as number;
    let f = h[5] as number;
    let g = h[6] as number;
    let hh = h[7] as number;
    for (let i = 0; i < 64; i++) {
      const s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + s1 + ch + (K[i] as number) + (w[i] as number)) | 0;
      const s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (s0 + maj) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] = ((h[0] as number) + a) | 0;
    h[1] = ((h[1] as number) + b) | 0;
    h[2] = ((h[2] as number) + c) | 0;
    h[3] = ((h[3] as number) + d) | 0;
    h[4] = ((h[4] as number) + e) | 0;
    h[5] = ((h[5] as number) + f) | 0;
    h[6] = ((h[6] as number) + g) | 0;
    h[7] = ((h[7] as number) + hh) | 0;
  }
  return h;
}

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

/**
 * Searches nonces from `start` for at most `count` tries; the nonce found, or null. The caller
 * (a Web Worker) loops in slices to report progress. Allocation-free per try: one reused block.
 */
export function searchNonce(salt: string, bits: number, start: number, count: number): string | null {
  const prefix = encoder.encode(salt);
  const buffer = new Uint8Array(prefix.length + 20);
  buffer.set(prefix);
  const w = new Int32Array(64);
  const h = new Int32Array(8);
  for (let n = start; n < start + count; n++) {
    let length = prefix.length;
    const digits = String(n);
    for (let i = 0; i < digits.length; i++) buffer[length++] = digits.charCodeAt(i);
    if (length > 55) return slowSearch(salt, bits, n, start + count - n);
    compressSingleBlock(buffer, length, w, h);
    if (leadingZeroBits(h, 32) >= bits) return digits;
  }
  return null;
}

function slowSearch(salt: string, bits: number, start: number, count: number): string | null {
  for (let n = start; n < start + count; n++) {
    const nonce = String(n);
    if (leadingZeroBits(sha256Words(powInput(salt, nonce)), 32) >= bits) return nonce;
  }
  return null;
}

/** SHA-256 of a message of at most 55 bytes (one padded block) into h. */
function compressSingleBlock(message: Uint8Array, length: number, w: Int32Array, h: Int32Array): void {
  w.fill(0, 0, 16);
  for (let i = 0; i < length; i++) w[i >> 2] = (w[i >> 2] as number) | ((message[i] as number) << (24 - (i & 3) * 8));
  w[length >> 2] = (w[length >> 2] as number) | (0x80 << (24 - (length & 3) * 8));
  w[15] = length * 8;
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15] as number;
    const y = w[i - 2] as number;
    const s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3);
    const s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10);
    w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) | 0;
  }
  let a = H0[0] as number;
  let b = H0[1] as number;
  let c = H0[2] as number;
  let d = H0[3] as number;
  let e = H0[4] as number;
  let f = H0[5] as number;
  let g = H0[6] as number;
  let hh = H0[7] as number;
  for (let i = 0; i < 64; i++) {
    const t1 =
      (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + (K[i] as number) + (w[i] as number)) | 0;
    const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = ((H0[0] as number) + a) | 0;
  h[1] = ((H0[1] as number) + b) | 0;
  h[2] = ((H0[2] as number) + c) | 0;
  h[3] = ((H0[3] as number) + d) | 0;
  h[4] = ((H0[4] as number) + e) | 0;
  h[5] = ((H0[5] as number) + f) | 0;
  h[6] = ((H0[6] as number) + g) | 0;
  h[7] = ((H0[7] as number) + hh) | 0;
}
