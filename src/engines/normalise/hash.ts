import { fail, ok, type Result } from './result.ts';

export type HashAlgorithm = 'md5' | 'sha1' | 'sha256' | 'sha512';
export type ParsedHash = { algorithm: HashAlgorithm; value: string };

const BY_LENGTH: Record<number, HashAlgorithm> = { 32: 'md5', 40: 'sha1', 64: 'sha256', 128: 'sha512' };

/** A hex digest recognised by its length, lowercased. */
export function detectHash(input: string): Result<ParsedHash> {
  if (input.length > 1024) return fail('hash_invalid', input);
  const s = input.trim();
  const algorithm = BY_LENGTH[s.length];
  if (!algorithm) return fail('hash_invalid', input);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) | 0x20;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return fail('hash_invalid', input);
  }
  return ok({ algorithm, value: s.toLowerCase() });
}
