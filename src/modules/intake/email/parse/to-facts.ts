import type { ReportFacts } from '../../../incidents/reports/commands/receive-report.ts';
import { hasTag, titleOf } from './classify.ts';
import { cleanLine, cleanText } from './decode-text.ts';
import { MAX_TEXT, type ParsedEmail } from './parse-email.ts';

export type SkippedAttachment = { filename: string; size: number; reason: 'too-large' };

/** Mail dated more than this ahead of our clock is taken as sent now (a wrong sender clock). */
const FUTURE_SLACK_MS = 5 * 60_000;

function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/**
 * The report facts of one e-mail (TT 20 Mẫu 03 as far as a free-form mail gives them): subject
 * as title, text as description, the sender as reporter, the Date header as detection time.
 * Attachments too large to keep separately are named at the end (their bytes stay in the raw .eml).
 */
export function emailToFacts(m: ParsedEmail, now: Date, skipped: readonly SkippedAttachment[] = []): ReportFacts {
  const sender = m.fromAddress ?? 'unknown sender';
  const title = cleanLine(titleOf(m.subject), 500) || cleanLine(`E-mail ${sender}`, 500);
  const notes: string[] = [];
  if (skipped.length > 0)
    notes.push(
      `Tệp đính kèm quá lớn, chỉ lưu trong thư gốc (.eml) / Attachments too large, kept in the original .eml only:\n${skipped
        .map((s) => `- ${cleanLine(s.filename, 200)} (${sizeLabel(s.size)})`)
        .join('\n')}`,
    );
  if (m.problems.length > 0) notes.push(`[${m.problems.join(', ')}]`);
  const body = m.text.trim() || '(Thư không có nội dung văn bản / no text in the message)';
  const description = cleanText([body, ...notes].join('\n\n'), MAX_TEXT);
  const date = m.date && m.date.getTime() <= now.getTime() + FUTURE_SLACK_MS ? m.date : now;
  return {
    title,
    description,
    detectedAt: date,
    detectionMethod: 'notified',
    detectionDetail: hasTag(m.subject) ? 'E-mail [TBSC]' : 'E-mail',
    handlingState: 'not-yet',
    reporter: { name: m.fromName ?? m.fromAddress ?? null, email: m.fromAddress },
  };
}
