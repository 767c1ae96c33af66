import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { leadingZeroBits } from '../../../shared/pow.ts';

/** How long a challenge may be solved and spent: room for a person to finish writing the form. */
export const CHALLENGE_TTL_MS = 60 * 60_000;
const VERSION = 'p1';
const SALT_BYTES = 16;
const MAX_NONCE_LENGTH = 20;

export type Challenge = { token: string; salt: string; bits: number; expiresAt: Date };

export type ChallengeCheck =
  | { ok: true; salt: string; expiresAt: Date }
  | { ok: false; reason: 'malformed' | 'signature' | 'expired' | 'address' | 'unsolved' };

/** The HMAC key of challenges, derived from the platform's signing key (its own purpose). */
export function challengeKey(signing: Buffer): Buffer {
  return createHmac('sha256', signing).update('canhgac/public-challenge/v1').digest();
}

/** A short tag binding the challenge to the client address, without writing the address into it. */
function addressTag(key: Buffer, address: string): string {
  return createHmac('sha256', key).update(`ip:${address}`).digest().subarray(0, 9).toString('base64url');
}

function mac(key: Buffer, body: string): Buffer {
  return createHmac('sha256', key).update(body).digest();
}

/**
 * A stateless challenge: `p1.<salt>.<bits>.<expires ms>.<address tag>.<HMAC>`. Nothing is stored
 * until it is spent, so handing them out costs the server one HMAC.
 */
export function issueChallenge(key: Buffer, opts: { bits: number; now: Date; address: string }): Challenge {
  const salt = randomBytes(SALT_BYTES).toString('base64url');
  const expiresAt = new Date(opts.now.getTime() + CHALLENGE_TTL_MS);
  const body = [VERSION, salt, String(opts.bits), String(expiresAt.getTime()), addressTag(key, opts.address)].join('.');
  return { token: `${body}.${mac(key, body).toString('base64url')}`, salt, bits: opts.bits, expiresAt };
}

/**
 * Checks a solved challenge with one HMAC and one SHA-256: signed by us, not expired, issued to this
 * address, and SHA-256(salt + nonce) has the difficulty's leading zero bits. Never throws: any
 * input gives an answer (spending it once is the caller's job, in the report's transaction).
 */
export function verifyChallenge(
  key: Buffer,
  token: unknown,
  nonce: unknown,
  opts: { now: Date; address: string; minBits: number },
): ChallengeCheck {
  if (typeof token !== 'string' || typeof nonce !== 'string') return { ok: false, reason: 'malformed' };
  if (token.length > 300 || !/^\d{1,20}$/.test(nonce) || nonce.length > MAX_NONCE_LENGTH)
    return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 6) return { ok: false, reason: 'malformed' };
  const [version, salt, bitsText, expiresText, tag, signature] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (
    version !== VERSION ||
    !/^[\w-]{22}$/.test(salt) ||
    !/^\d{1,2}$/.test(bitsText) ||
    !/^\d{1,15}$/.test(expiresText)
  )
    return { ok: false, reason: 'malformed' };
  // Compared as text: base64url decoding ignores the last symbol's spare bits, so bytes could match
  // for a different token.
  const given = Buffer.from(signature);
  const expected = Buffer.from(mac(key, parts.slice(0, 5).join('.')).toString('base64url'));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
  const bits = Number(bitsText);
  const expiresAt = new Date(Number(expiresText));
  if (expiresAt.getTime() <= opts.now.getTime()) return { ok: false, reason: 'expired' };
  if (tag !== addressTag(key, opts.address)) return { ok: false, reason: 'address' };
  // A challenge issued before the difficulty was raised still counts only up to the new level.
  if (bits < opts.minBits) return { ok: false, reason: 'unsolved' };
  const digest = createHash('sha256')
    .update(salt + nonce, 'utf8')
    .digest();
  if (leadingZeroBits(digest) < bits) return { ok: false, reason: 'unsolved' };
  return { ok: true, salt, expiresAt };
}
