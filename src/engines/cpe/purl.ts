import { PackageURL } from 'packageurl-js';

export type PurlError = 'purl_invalid' | 'purl_too_long';
export type Purl = { type: string; namespace: string | null; name: string; version: string | null };
export type PurlResult = { ok: true; value: string; purl: Purl } | { ok: false; error: PurlError };

export const PURL_MAX_LENGTH = 1000;

/** A package URL (`pkg:npm/%40scope/name@1.2.3`) → its canonical string and parts. Never throws. */
export function parsePurl(input: string): PurlResult {
  if (typeof input !== 'string') return { ok: false, error: 'purl_invalid' };
  const s = input.trim();
  if (s.length > PURL_MAX_LENGTH) return { ok: false, error: 'purl_too_long' };
  if (!s.toLowerCase().startsWith('pkg:')) return { ok: false, error: 'purl_invalid' };
  try {
    const p = PackageURL.fromString(s);
    return {
      ok: true,
      value: p.toString(),
      purl: { type: p.type, namespace: p.namespace ?? null, name: p.name, version: p.version ?? null },
    };
  } catch {
    return { ok: false, error: 'purl_invalid' };
  }
}
