import { blankFinding, textOf } from '../common/normalise.ts';
import type { ParsedFinding } from '../types.ts';

/** A finding with every field the parser does not set left null/empty. */
export function finding(
  fields: Pick<ParsedFinding, 'tool' | 'title' | 'severity' | 'fingerprint'> & Partial<ParsedFinding>,
): ParsedFinding {
  return { ...blankFinding(fields.tool, fields.title, fields.severity), ...fields };
}

/** HTML fragments (ZAP descriptions, Burp backgrounds) → plain text with paragraph breaks. */
export function htmlToText(html: string | null | undefined): string | null {
  if (!html) return null;
  const text = html
    .replace(/<\s*(br|\/p|\/li|\/div|\/h\d|\/tr)\b[^>]*>/gi, '\n')
    .replace(/<\s*li\b[^>]*>/gi, '- ')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
  return textOf(text);
}

/** Fingerprint port part: "443/tcp", or "general" for host-level findings (port 0 or none). */
export function portKey(port: number | null | undefined, protocol: 'tcp' | 'udp' | null): string {
  return port ? `${port}/${protocol ?? 'tcp'}` : 'general';
}

/** An ISO date, a Nessus/Nmap date text, or Unix seconds; null when unreadable. */
export function dateOf(text: string | null | undefined): Date | null {
  const trimmed = text?.trim();
  if (!trimmed) return null;
  const date = /^\d{9,11}$/.test(trimmed) ? new Date(Number(trimmed) * 1000) : new Date(trimmed);
  return Number.isNaN(date.getTime()) ? null : date;
}
