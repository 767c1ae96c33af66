import type { ParsedEmail } from './parse-email.ts';

export type IgnoreReason = 'loop' | 'bounce' | 'auto-reply';

const first = (m: ParsedEmail, name: string) => m.headers.get(name)?.[0]?.trim() ?? '';

/**
 * Mail that must not become a report: our own mail coming back (loop), delivery status reports
 * (bounce) and automatic answers (RFC 3834 Auto-Submitted, the common X- headers, Precedence).
 * Answering any of them could start a mail loop; they are recorded as ignored, raw kept.
 */
export function ignoreReason(m: ParsedEmail, ownAddresses: readonly string[]): IgnoreReason | null {
  const own = ownAddresses.map((a) => a.toLowerCase());
  if (m.fromAddress && own.includes(m.fromAddress)) return 'loop';
  if ([...m.headers.keys()].some((k) => k.startsWith('x-canhgac-'))) return 'loop';

  const contentType = first(m, 'content-type').toLowerCase();
  const local = m.fromAddress?.split('@')[0] ?? '';
  if (
    /multipart\/report/.test(contentType) &&
    /report-type\s*=\s*"?(delivery-status|disposition-notification)/.test(contentType)
  )
    return 'bounce';
  if (/^(mailer-daemon|postmaster)$/i.test(local)) return 'bounce';
  if (m.headers.get('return-path')?.some((v) => /^<\s*>$/.test(v.trim()))) return 'bounce';

  const auto = first(m, 'auto-submitted').toLowerCase();
  if (auto && auto !== 'no') return 'auto-reply';
  if (m.headers.has('x-autoreply') || m.headers.has('x-autorespond') || m.headers.has('x-auto-reply'))
    return 'auto-reply';
  if (/^(bulk|list|junk|auto_reply)$/i.test(first(m, 'precedence'))) return 'auto-reply';
  if (first(m, 'x-auto-response-suppress') && /^(auto|automatic reply|out of office)\b/i.test(m.subject))
    return 'auto-reply';
  return null;
}

/** `[TBSC]` or `[TBSC #TN-2026-000123]` in the subject: an incident notification under TT 20. */
const TAG = /\[\s*TBSC(?:\s*#?\s*(TN-\d{4}-\d{6}))?\s*\]/i;
const TOKEN = /\bTN-\d{4}-\d{6}\b/i;

export function hasTag(subject: string): boolean {
  return TAG.test(subject);
}

/** The tracking number a subject carries (our acknowledgement's subject, kept in a reply), if any. */
export function trackingToken(subject: string): string | null {
  return (TAG.exec(subject)?.[1] ?? TOKEN.exec(subject)?.[0])?.toUpperCase() ?? null;
}

/** The subject as a report title: without the tag and reply prefixes. */
export function titleOf(subject: string): string {
  return subject
    .replace(TAG, ' ')
    .replace(/^\s*((re|fw|fwd|tr|aw|sv)\s*:\s*)+/i, '')
    .replace(/\s+/g, ' ')
    .trim();
}
