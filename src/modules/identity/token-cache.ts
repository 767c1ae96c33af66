import type pg from 'pg';
import { sha256Hex } from '../../platform/secrets.ts';
import { type Identity, resolveApiToken } from './session-store.ts';

/** how long a verified token is trusted without asking the database */
export const TOKEN_CACHE_MS = 5000;
const MAX_ENTRIES = 10_000;

type Entry = { identity: Identity; expiresAt: Date | null; until: number };
const cache = new Map<string, Entry>();

/**
 * resolveApiToken for routes that take a machine's steady stream (the intake API: each query is a
 * round trip that costs as much CPU as the report itself). A token verified in the last 5 s is
 * trusted again: its revocation, or its user's disabling, reaches this route on other instances
 * after at most that long, on this one at once (forgetCachedTokens). Expiry is checked every time.
 */
export async function cachedApiToken(pool: pg.Pool, token: string, now: Date): Promise<Identity | undefined> {
  const key = sha256Hex(token);
  const hit = cache.get(key);
  const t = performance.now();
  if (hit && hit.until > t && (!hit.expiresAt || hit.expiresAt > now)) return hit.identity;
  cache.delete(key);
  const identity = await resolveApiToken(pool, token, now);
  if (!identity) return undefined;
  if (cache.size >= MAX_ENTRIES) cache.clear();
  const expires = await tokenExpiry(pool, key);
  cache.set(key, { identity, expiresAt: expires, until: t + TOKEN_CACHE_MS });
  return identity;
}

async function tokenExpiry(pool: pg.Pool, hash: string): Promise<Date | null> {
  const r = await pool.query<{ expires_at: Date | null }>('SELECT expires_at FROM api_tokens WHERE token_hash = $1', [
    hash,
  ]);
  return r.rows[0]?.expires_at ?? null;
}

/** A token was revoked or a user disabled on this instance: trust nothing cached. */
export function forgetCachedTokens(): void {
  cache.clear();
}
