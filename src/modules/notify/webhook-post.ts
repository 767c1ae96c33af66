import { DELIVERY_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './webhook-signature.ts';

export type PostResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/**
 * One signed POST. Redirects are not followed (the receiver is the configured URL, nothing else);
 * a receiver that does not answer within the timeout counts as a failure.
 */
export async function postWebhook(
  url: string,
  secret: string,
  deliveryId: string,
  body: string,
  timestampSec: number,
  timeoutMs: number,
): Promise<PostResult> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'CanhGac-Webhook/1',
        [DELIVERY_HEADER]: deliveryId,
        [TIMESTAMP_HEADER]: String(timestampSec),
        [SIGNATURE_HEADER]: signWebhook(secret, timestampSec, body),
      },
      body,
    });
    await res.body?.cancel().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
    return { ok: false, status: res.status, error: `HTTP ${res.status}` };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    if (e.name === 'TimeoutError') return { ok: false, status: null, error: `no answer within ${timeoutMs} ms` };
    return { ok: false, status: null, error: e.cause?.code ? `${e.message}: ${e.cause.code}` : e.message };
  }
}
