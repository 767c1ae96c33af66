import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { sha256Hex } from '../../platform/secrets.ts';

const PERIOD = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function otpauthUrl(secretBase32: string, username: string): string {
  return new TOTP({
    issuer: 'CanhGac',
    label: username,
    secret: Secret.fromBase32(secretBase32),
    period: PERIOD,
  }).toString();
}

/**
 * Checks a 6-digit code (±1 step for clock drift). Returns the time step it matched so the caller
 * can refuse a replay of the same or an earlier code, or null.
 */
export function matchTotp(secretBase32: string, code: string, at: Date, lastCounter: number | null): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const totp = new TOTP({ secret: Secret.fromBase32(secretBase32), period: PERIOD });
  const delta = totp.validate({ token, timestamp: at.getTime(), window: 1 });
  if (delta === null) return null;
  const counter = Math.floor(at.getTime() / 1000 / PERIOD) + delta;
  if (lastCounter !== null && counter <= lastCounter) return null;
  return counter;
}

export function totpCodeAt(secretBase32: string, at: Date): string {
  return new TOTP({ secret: Secret.fromBase32(secretBase32), period: PERIOD }).generate({ timestamp: at.getTime() });
}

/** Ten one-time recovery codes like `k7q2-m9xw-4trp` (60 bits each). */
export function newRecoveryCodes(): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: 10 }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

export function recoveryCodeHash(code: string): string {
  return sha256Hex(code.trim().toLowerCase());
}
