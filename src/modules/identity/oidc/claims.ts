// Pure helpers over OpenID claims: which account they name, whether the login was multi-factor, and
// what a just-in-time account is called. No I/O (property-tested in claims.property.test.ts).

export type Claims = Record<string, unknown>;

/** RFC 8176 method values for a possession or inherence factor (a second factor next to a password). */
const STRONG_FACTORS = new Set(['otp', 'hwk', 'swk', 'sms', 'tel', 'sc', 'fpt', 'face', 'iris', 'retina', 'vbm']);
const KNOWLEDGE_FACTORS = new Set(['pwd', 'pin', 'kba']);

/**
 * Whether the provider asserts a multi-factor login through `amr`: the value `mfa`, or a knowledge
 * factor together with a possession/inherence factor. A lone `otp` or `hwk` is one factor.
 */
export function idpAssertsMfa(amr: unknown): boolean {
  if (!Array.isArray(amr)) return false;
  const methods = amr.filter((m): m is string => typeof m === 'string').map((m) => m.toLowerCase());
  if (methods.includes('mfa')) return true;
  return methods.some((m) => KNOWLEDGE_FACTORS.has(m)) && methods.some((m) => STRONG_FACTORS.has(m));
}

export function stringClaim(claims: Claims, name: string, max = 320): string | undefined {
  const value = claims[name];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed && trimmed.length <= max ? trimmed : undefined;
}

/** The e-mail address only when the provider says it verified it (some send the string "true"). */
export function verifiedEmail(claims: Claims): string | undefined {
  const email = stringClaim(claims, 'email');
  if (!email || !/^[^\s@]+@[^\s@]+$/.test(email)) return undefined;
  const verified = claims.email_verified;
  return verified === true || verified === 'true' ? email.toLowerCase() : undefined;
}

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,62}$/;

/**
 * A username for a just-in-time account: `preferred_username`, else the e-mail's local part, folded
 * to what the users table accepts (lowercase ASCII, digits, `.`, `_`, `-`; 2–63 characters).
 * Vietnamese letters lose their diacritics (đ → d). Undefined when nothing usable remains.
 */
export function usernameFromClaims(claims: Claims): string | undefined {
  const source = stringClaim(claims, 'preferred_username') ?? verifiedEmail(claims)?.split('@')[0];
  if (!source) return undefined;
  const folded = source
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '.')
    .replace(/^[._-]+/, '')
    .replace(/[.]{2,}/g, '.')
    .slice(0, 56)
    .replace(/[._-]+$/, '');
  return USERNAME_PATTERN.test(folded) ? folded : undefined;
}

/** The name to show for a just-in-time account. */
export function displayNameFromClaims(claims: Claims, fallback: string): string {
  return stringClaim(claims, 'name', 200) ?? fallback;
}
