import { createHmac, timingSafeEqual } from 'node:crypto';
import { safeEqual, sha256Hex } from '../../../platform/secrets.ts';
import type { SourceConfig } from './source-cache.ts';

export const SIGNATURE_HEADER = 'x-canhgac-signature';
export const TIMESTAMP_HEADER = 'x-canhgac-timestamp';
export const TOKEN_HEADER = 'x-canhgac-token';
/** how far a signed timestamp may be from our clock: beyond it, a captured request cannot be replayed */
export const REPLAY_WINDOW_SEC = 300;

export type AuthHeaders = {
  signature?: string | string[];
  timestamp?: string | string[];
  authorization?: string;
  token?: string | string[];
};

export type AuthOutcome = 'ok' | 'failed' | 'stale';

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? undefined : v);

/** `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>` — what outgoing webhooks use too. */
export function signBody(secret: string, timestamp: number, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/**
 * Whether the request comes from the source: a valid signature over the raw body with a fresh
 * timestamp (hmac), or its token (Authorization: Bearer, or X-CanhGac-Token). The signature is
 * checked before the timestamp's age, so "stale" is only told to someone holding the secret.
 */
export function authenticate(source: SourceConfig, h: AuthHeaders, raw: Buffer, nowSec: number): AuthOutcome {
  if (source.authMode === 'token') {
    const bearer = /^Bearer\s+(\S+)$/i.exec(h.authorization ?? '')?.[1];
    const token = bearer ?? one(h.token);
    if (!token || token.length > 200 || !source.tokenHash) return 'failed';
    return safeEqual(sha256Hex(token), source.tokenHash) ? 'ok' : 'failed';
  }
  const signature = one(h.signature);
  const timestamp = one(h.timestamp);
  if (!source.secret || !signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return 'failed';
  const expected = Buffer.from(signBody(source.secret, Number(timestamp), raw));
  const given = Buffer.from(signature.trim().toLowerCase());
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'failed';
  return Math.abs(nowSec - Number(timestamp)) > REPLAY_WINDOW_SEC ? 'stale' : 'ok';
}
