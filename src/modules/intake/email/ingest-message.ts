import { Readable } from 'node:stream';
import { and, eq, ne, sql } from 'drizzle-orm';
import { systemCtx } from '../../../platform/actor.ts';
import type { Platform } from '../../../platform/platform.ts';
import { type CommandScope, runCommand } from '../../audit/command.ts';
import type { StoredBlob } from '../../files/blob-store.ts';
import { recordFile } from '../../files/commands/store-file.ts';
import { receiveReport } from '../../incidents/reports/commands/receive-report.ts';
import { recordEvent } from '../../incidents/timeline/record-event.ts';
import { attributeSender } from './attribute-sender.ts';
import { findThread } from './find-thread.ts';
import { hasTag, ignoreReason, trackingToken } from './parse/classify.ts';
import { cleanText } from './parse/decode-text.ts';
import { type ParsedEmail, parseEmail } from './parse/parse-email.ts';
import { emailToFacts, type SkippedAttachment } from './parse/to-facts.ts';
import { type MailOutcome, mailboxes, mailboxMessages } from './tables.ts';

export type Mailbox = typeof mailboxes.$inferSelect;
/**
 * `raw` is the whole message; for a message too large to read into memory it is only the header
 * block, `stored` the whole message already streamed into the blob store (null: that failed) and
 * `size` its size.
 */
export type IncomingMessage = {
  uidValidity: bigint;
  uid: number;
  raw: Buffer;
  stored?: StoredBlob | null;
  size?: number;
};
export type IngestResult = { outcome: MailOutcome | 'already'; reportId: string | null };

export const INTAKE_LIMITS = {
  /** a raw message larger than this is refused by the blob store and recorded as failed (size kept) */
  rawMaxBytes: 1024 * 1024 * 1024,
  /** a message larger than this is never read into memory: its headers make the report, the whole stays as .eml */
  parseMaxBytes: 64 * 1024 * 1024,
  /** an attachment larger than this stays in the raw .eml only and is listed in the report */
  attachmentMaxBytes: 25 * 1024 * 1024,
};
const REPLY_TEXT_MAX = 20_000;

class AlreadyProcessed extends Error {}

/** The address part of `Name <a@host>` or `a@host`, lower case. */
export function addressOf(from: string): string | null {
  const m = /<?([^\s<>@]+@[^\s<>@]+)>?\s*$/.exec(from.trim());
  return m?.[1]?.toLowerCase() ?? null;
}

function ownAddresses(platform: Platform, mailbox: Mailbox): string[] {
  const out = [addressOf(platform.config.mail?.from ?? '')];
  try {
    out.push(addressOf(decodeURIComponent(new URL(mailbox.url).username)));
  } catch {
    // a stored URL is always valid; nothing to add otherwise
  }
  return out.filter((a): a is string => Boolean(a));
}

async function putBlob(platform: Platform, bytes: Buffer, max: number): Promise<StoredBlob | null> {
  if (bytes.length === 0) return null;
  return platform.blobs.put(Readable.from([bytes]), max);
}

/**
 * Takes one message from a mailbox, exactly once: the key (mailbox, UIDVALIDITY, UID) is claimed
 * first in the transaction that stores everything else, so a second instance (or the same one
 * after a crash before the IMAP flag) finds it taken and stores nothing. The raw message is always
 * kept as a file; the outcome is a report, a reply threaded into a report, ignored (loop, bounce,
 * auto-reply) or failed (visible in the mailbox's status, raw kept).
 */
export async function ingestMessage(platform: Platform, mailbox: Mailbox, msg: IncomingMessage): Promise<IngestResult> {
  if (await isProcessed(platform, mailbox.id, msg)) return { outcome: 'already', reportId: null };
  const parsed = await parseEmail(msg.raw);
  const oversized = msg.stored !== undefined;
  if (oversized) parsed.problems.push('too-large-to-read:kept-as-eml');
  const ctx = systemCtx('system:mail-intake', platform.clock);
  let raw: StoredBlob | null = msg.stored ?? null;
  try {
    if (msg.stored === null) throw new Error(`message of ${msg.size ?? '?'} bytes could not be stored`);
    if (!oversized) raw = await putBlob(platform, msg.raw, INTAKE_LIMITS.rawMaxBytes);
    const blob = raw;
    const attachments = oversized ? { kept: [], skipped: [] } : await storeAttachments(platform, parsed);
    return await runCommand(platform.db, ctx, (scope) =>
      store(platform, scope, mailbox, msg, parsed, blob, attachments),
    );
  } catch (err) {
    if (err instanceof AlreadyProcessed) return { outcome: 'already', reportId: null };
    const reason = err instanceof Error ? err.message : String(err);
    platform.log.warn({ err, mailbox: mailbox.id, uid: msg.uid }, 'e-mail intake: message not stored as a report');
    const blob = raw;
    try {
      return await runCommand(platform.db, ctx, (scope) => storeFailed(scope, mailbox, msg, parsed, blob, reason));
    } catch (again) {
      if (again instanceof AlreadyProcessed) return { outcome: 'already', reportId: null };
      throw again;
    }
  }
}

async function isProcessed(platform: Platform, mailboxId: string, msg: IncomingMessage): Promise<boolean> {
  const [row] = await platform.db
    .select({ id: mailboxMessages.id })
    .from(mailboxMessages)
    .where(
      and(
        eq(mailboxMessages.mailboxId, mailboxId),
        eq(mailboxMessages.uidValidity, msg.uidValidity),
        eq(mailboxMessages.uid, msg.uid),
      ),
    );
  return Boolean(row);
}

type StoredAttachments = { kept: { name: string; blob: StoredBlob }[]; skipped: SkippedAttachment[] };

async function storeAttachments(platform: Platform, m: ParsedEmail): Promise<StoredAttachments> {
  const out: StoredAttachments = { kept: [], skipped: [] };
  for (const a of m.attachments) {
    // Archives (zip bombs included) are stored as they came and never unpacked.
    if (a.size > INTAKE_LIMITS.attachmentMaxBytes) {
      out.skipped.push({ filename: a.filename, size: a.size, reason: 'too-large' });
      continue;
    }
    const blob = await putBlob(platform, a.content, INTAKE_LIMITS.attachmentMaxBytes);
    if (blob) out.kept.push({ name: a.filename, blob });
  }
  return out;
}

/** Claims the message's key; a taken key means another run stored it (the transaction rolls back). */
async function claim(
  scope: CommandScope,
  mailbox: Mailbox,
  msg: IncomingMessage,
  m: ParsedEmail,
  minimal = false,
): Promise<string> {
  const [row] = await scope.tx
    .insert(mailboxMessages)
    .values({
      mailboxId: mailbox.id,
      uidValidity: msg.uidValidity,
      uid: msg.uid,
      messageKey: m.messageKey,
      outcome: 'failed',
      // after a failure, only what cannot have caused it
      ...(minimal
        ? {}
        : {
            fromAddress: m.fromAddress,
            fromName: m.fromName,
            subject: m.subject || null,
            refs: m.refs,
            sentAt: m.date,
          }),
      createdAt: scope.ctx.clock.now(),
    })
    .onConflictDoNothing()
    .returning({ id: mailboxMessages.id });
  if (!row) throw new AlreadyProcessed();
  return row.id;
}

const COUNTER = {
  report: 'reportsCount',
  reply: 'repliesCount',
  ignored: 'ignoredCount',
  failed: 'failedCount',
} as const;

async function count(scope: CommandScope, mailboxId: string, outcome: MailOutcome): Promise<void> {
  const key = COUNTER[outcome];
  await scope.tx
    .update(mailboxes)
    .set({ [key]: sql`${mailboxes[key]} + 1` })
    .where(eq(mailboxes.id, mailboxId));
}

async function store(
  platform: Platform,
  scope: CommandScope,
  mailbox: Mailbox,
  msg: IncomingMessage,
  m: ParsedEmail,
  raw: StoredBlob | null,
  attachments: StoredAttachments,
): Promise<IngestResult> {
  const rowId = await claim(scope, mailbox, msg, m);
  const where = { mailboxId: mailbox.id, uidValidity: String(msg.uidValidity), uid: msg.uid, messageKey: m.messageKey };
  const ignored = ignoreReason(m, ownAddresses(platform, mailbox));
  const thread = ignored
    ? null
    : await findThread(scope.tx, { refs: m.refs, token: trackingToken(m.subject), fromAddress: m.fromAddress });
  const attribution = ignored || thread ? null : await attributeSender(scope.tx, m.fromAddress);
  const orgId = thread?.reporterOrgId ?? attribution?.organisationId ?? null;
  const rawFile = raw
    ? await recordFile(scope, raw, { name: `mail-${msg.uidValidity}-${msg.uid}.eml`, organisationId: orgId })
    : null;

  if (ignored) {
    await finish(scope, rowId, { outcome: 'ignored', reason: ignored, rawFileId: rawFile?.id ?? null });
    await count(scope, mailbox.id, 'ignored');
    scope.audit({
      action: 'intake.email.ignore',
      subjectType: 'mailbox',
      subjectId: mailbox.id,
      detail: { ...where, reason: ignored, from: m.fromAddress },
    });
    return { outcome: 'ignored', reportId: null };
  }

  const files = [];
  for (const a of attachments.kept)
    files.push(await recordFile(scope, a.blob, { name: a.name, organisationId: orgId }));

  if (thread) {
    // The same reply under new UIDs (the folder's UIDVALIDITY changed, a copy): recorded, not added again.
    const again = await repliedBefore(scope, mailbox.id, rowId, m.messageKey, thread.reportId);
    await finish(scope, rowId, {
      outcome: 'reply',
      reportId: thread.reportId,
      rawFileId: rawFile?.id ?? null,
      attachmentFileIds: files.map((f) => f.id),
      body: cleanText(m.text, REPLY_TEXT_MAX),
      reason: again ? 'same-message-id' : null,
    });
    if (thread.incidentId && !again)
      await recordEvent(scope.tx, scope.ctx, {
        incidentId: thread.incidentId,
        kind: 'email',
        summary: `E-mail ${m.fromAddress ?? ''}: ${m.subject}`.slice(0, 500),
        detail: { reportId: thread.reportId, trackingNo: thread.trackingNo, messageKey: m.messageKey },
      });
    await count(scope, mailbox.id, 'reply');
    scope.audit({
      action: 'intake.email.reply',
      subjectType: 'report',
      subjectId: thread.reportId,
      organisationId: thread.reporterOrgId,
      detail: { ...where, via: thread.via, from: m.fromAddress, incidentId: thread.incidentId },
    });
    return { outcome: 'reply', reportId: thread.reportId };
  }

  const tagged = hasTag(m.subject);
  const queued = tagged || Boolean(attribution?.organisationId) || !mailbox.requireTag;
  const locale = /^en\b/i.test(m.headers.get('content-language')?.[0] ?? '') ? 'en' : 'vi';
  const out = await receiveReport(scope, emailToFacts(m, scope.ctx.clock.now(), attachments.skipped), {
    source: 'email',
    channelKey: `mailbox:${mailbox.id}`,
    externalId: m.messageKey,
    reporterUserId: null,
    reporterOrgId: orgId,
    reporterName: m.fromName ?? m.fromAddress ?? 'E-mail',
    contactEmail: m.fromAddress,
    fileIds: [...(rawFile ? [rawFile.id] : []), ...files.map((f) => f.id)],
    queued,
    acknowledge: {
      addresses: queued && m.fromAddress ? [{ email: m.fromAddress, locale }] : [],
      addressHeaders: replyHeaders(m),
    },
    auditDetail: {
      ...where,
      tagged,
      attributedVia: attribution?.via ?? null,
      candidates: attribution?.candidates ?? 0,
    },
  });
  await finish(scope, rowId, {
    outcome: 'report',
    reportId: out.row.id,
    rawFileId: rawFile?.id ?? null,
    attachmentFileIds: files.map((f) => f.id),
    reason: out.created ? null : 'same-message-id',
  });
  await count(scope, mailbox.id, 'report');
  return { outcome: 'report', reportId: out.row.id };
}

/**
 * Our acknowledgement answers the sender's message: it threads in their mail client, and the reply to it threads here.
 * Auto-Submitted always (RFC 3834): their auto-responder must not answer it, or the answer could loop.
 */
function replyHeaders(m: ParsedEmail): Record<string, string> {
  if (!m.messageId) return { 'Auto-Submitted': 'auto-replied' };
  const id = `<${m.messageId}>`;
  const refs = [...m.refs.slice(-10).map((r) => `<${r}>`), id].join(' ');
  return { 'In-Reply-To': id, References: refs, 'Auto-Submitted': 'auto-replied' };
}

async function repliedBefore(
  scope: CommandScope,
  mailboxId: string,
  rowId: string,
  messageKey: string,
  reportId: string,
): Promise<boolean> {
  const [row] = await scope.tx
    .select({ id: mailboxMessages.id })
    .from(mailboxMessages)
    .where(
      and(
        eq(mailboxMessages.mailboxId, mailboxId),
        eq(mailboxMessages.messageKey, messageKey),
        eq(mailboxMessages.reportId, reportId),
        eq(mailboxMessages.outcome, 'reply'),
        ne(mailboxMessages.id, rowId),
      ),
    )
    .limit(1);
  return Boolean(row);
}

async function finish(
  scope: CommandScope,
  rowId: string,
  set: Partial<typeof mailboxMessages.$inferInsert>,
): Promise<void> {
  await scope.tx.update(mailboxMessages).set(set).where(eq(mailboxMessages.id, rowId));
}

async function storeFailed(
  scope: CommandScope,
  mailbox: Mailbox,
  msg: IncomingMessage,
  m: ParsedEmail,
  raw: StoredBlob | null,
  reason: string,
): Promise<IngestResult> {
  const rowId = await claim(scope, mailbox, msg, m, true);
  const rawFile = raw
    ? await recordFile(scope, raw, { name: `mail-${msg.uidValidity}-${msg.uid}.eml`, organisationId: null })
    : null;
  await finish(scope, rowId, { outcome: 'failed', reason: reason.slice(0, 2000), rawFileId: rawFile?.id ?? null });
  await count(scope, mailbox.id, 'failed');
  await scope.tx
    .update(mailboxes)
    .set({ lastPollError: `UID ${msg.uid}: ${reason}`.slice(0, 2000) })
    .where(eq(mailboxes.id, mailbox.id));
  scope.audit({
    action: 'intake.email.fail',
    subjectType: 'mailbox',
    subjectId: mailbox.id,
    detail: {
      uidValidity: String(msg.uidValidity),
      uid: msg.uid,
      messageKey: m.messageKey,
      reason: reason.slice(0, 500),
      size: msg.size ?? msg.raw.length,
    },
  });
  return { outcome: 'failed', reportId: null };
}
