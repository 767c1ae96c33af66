import type { Mailbox } from './ingest-message.ts';
import { ENV_MAILBOX_KEY } from './poll-all.ts';
import type { mailboxMessages } from './tables.ts';

export function presentMailbox(m: Mailbox) {
  return {
    id: m.id,
    name: m.name,
    url: m.url,
    fromEnvironment: m.configKey === ENV_MAILBOX_KEY,
    hasPassword: m.passwordEnc !== null,
    folder: m.folder,
    enabled: m.enabled,
    done: m.done,
    processedFolder: m.processedFolder,
    requireTag: m.requireTag,
    lastPollAt: m.lastPollAt?.toISOString() ?? null,
    lastPollStatus: m.lastPollStatus ?? null,
    lastPollError: m.lastPollError,
    counts: { reports: m.reportsCount, replies: m.repliesCount, ignored: m.ignoredCount, failed: m.failedCount },
    updatedAt: m.updatedAt.toISOString(),
  };
}

export function presentMessage(m: typeof mailboxMessages.$inferSelect, trackingNo: string | null) {
  return {
    id: m.id,
    uid: m.uid,
    outcome: m.outcome,
    reason: m.reason,
    reportId: m.reportId,
    trackingNo,
    rawFileId: m.rawFileId,
    attachmentFileIds: m.attachmentFileIds,
    fromAddress: m.fromAddress,
    fromName: m.fromName,
    subject: m.subject,
    body: m.body,
    sentAt: m.sentAt?.toISOString() ?? null,
    createdAt: m.createdAt.toISOString(),
  };
}
