import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-canhgac-signature';
export const TIMESTAMP_HEADER = 'x-canhgac-timestamp';
export const DELIVERY_HEADER = 'x-canhgac-delivery';

/** `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`: the timestamp is signed so a replay is visible. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver runs: the signature matches and the timestamp is within `toleranceSec` of its
 * clock. Never throws, whatever the headers hold.
 */
export function verifyWebhook(
  secret: string,
  body: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  nowSec: number,
  toleranceSec = 300,
): boolean {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  const ts = Number(timestamp);
  if (Math.abs(nowSec - ts) > toleranceSec) return false;
  const expected = Buffer.from(signWebhook(secret, ts, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
