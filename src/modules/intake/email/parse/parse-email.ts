import { createHash } from 'node:crypto';
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { htmlToText } from '../../../../platform/html-text.ts';
import { cleanLine, cleanText, decodeUnknown, rawBody, unVni } from './decode-text.ts';

export type EmailAttachment = { filename: string; contentType: string; size: number; content: Buffer };

/** What the intake needs from one message, whatever state its MIME structure is in. */
export type ParsedEmail = {
  /** the Message-ID without angle brackets, or null */
  messageId: string | null;
  /** messageId, or `sha256:<hex>` of the raw bytes when the message has none */
  messageKey: string;
  fromAddress: string | null;
  fromName: string | null;
  subject: string;
  date: Date | null;
  text: string;
  /** lower-case header name → raw values (unfolded, not decoded) */
  headers: ReadonlyMap<string, readonly string[]>;
  /** Message-IDs of In-Reply-To and References, without angle brackets */
  refs: string[];
  attachments: EmailAttachment[];
  /** what went wrong while reading: `mime-unparsable`, `no-text`, `charset-guessed:windows-1258` */
  problems: string[];
};

export const MAX_SUBJECT = 500;
export const MAX_TEXT = 100_000;

const MSGID = /<([^<>\s\p{Cc}]{1,900})>/gu;

function ids(value: string | undefined): string[] {
  if (!value) return [];
  return [...value.matchAll(MSGID)].map((m) => m[1] ?? '').filter(Boolean);
}

/** Raw header lines, unfolded, by lower-case name (a broken header block still yields what it can). */
export function headerMap(headerBlock: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const unfolded = headerBlock.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const m = /^([!-9;-~]{1,100}):\s?(.*)$/.exec(line);
    if (!m?.[1]) continue;
    const key = m[1].toLowerCase();
    out.set(key, [...(out.get(key) ?? []), m[2] ?? '']);
  }
  return out;
}

function firstAddress(a: AddressObject | undefined): { address: string | null; name: string | null } {
  const v = a?.value?.[0];
  const address = v?.address?.trim().toLowerCase() || null;
  return {
    address: address && /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+$/u.test(address) ? address : null,
    name: v?.name?.trim() || null,
  };
}

function keyOf(messageId: string | null, raw: Buffer): string {
  if (messageId && messageId.length <= 200) return messageId;
  return `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

async function tryParse(raw: Buffer): Promise<ParsedMail | undefined> {
  try {
    return await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, maxHtmlLengthToParse: 2_000_000 });
  } catch {
    return undefined;
  }
}

/**
 * Reads one raw message. Never throws: broken MIME, a missing boundary, an undeclared or legacy
 * charset give the best text that can be had, and `problems` says what was guessed.
 */
export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  const { headers: headerBlock, body } = rawBody(raw);
  const headers = headerMap(headerBlock);
  const mail = await tryParse(raw);
  const problems: string[] = [];
  if (!mail) problems.push('mime-unparsable');

  let text = mail?.text ?? '';
  if (!text.trim() && typeof mail?.html === 'string') text = htmlToText(mail.html);
  const singlePart = !/^content-type:\s*multipart\//im.test(headerBlock);
  const declared = /charset\s*=/i.test(headerBlock);
  // No usable text from the parser (no boundary, nonsense structure), or an undeclared charset that
  // came out as replacement characters: decode the body bytes ourselves.
  if ((!text.trim() && (mail?.attachments.length ?? 0) === 0) || (singlePart && !declared && text.includes('\uFFFD'))) {
    const guessed = decodeUnknown(body);
    if (guessed.text.trim()) {
      text = guessed.text;
      if (guessed.charset !== 'utf-8') problems.push(`charset-guessed:${guessed.charset}`);
      if (!singlePart) problems.push('mime-structure-broken');
    }
  }
  if (!text.trim()) problems.push('no-text');
  const read = unVni(text);
  const subject = unVni(mail?.subject ?? headers.get('subject')?.[0] ?? '');
  if (read.vni || subject.vni) problems.push('charset-guessed:vni');

  const messageId = ids(mail?.messageId ?? headers.get('message-id')?.[0])[0] ?? null;
  const from = firstAddress(mail?.from);
  const references = Array.isArray(mail?.references) ? mail.references.join(' ') : (mail?.references ?? '');
  const refs = [...new Set([...ids(mail?.inReplyTo), ...ids(references)])].slice(0, 100);
  const date = mail?.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null;
  return {
    messageId,
    messageKey: keyOf(messageId, raw),
    fromAddress: from.address,
    fromName: from.name ? cleanLine(from.name, 300) || null : null,
    subject: cleanLine(subject.text, MAX_SUBJECT),
    date,
    text: cleanText(read.text, MAX_TEXT),
    headers,
    refs,
    attachments: (mail?.attachments ?? []).map((a, i) => ({
      filename: a.filename ?? `attachment-${i + 1}`,
      contentType: a.contentType,
      size: a.content.length,
      content: a.content,
    })),
    problems,
  };
}
