import { z } from 'zod';
import { line } from '../../../platform/text.ts';

const folder = line(200);

export const mailboxCreateBody = z.strictObject({
  name: line(200),
  url: line(2000),
  password: z.string().min(1).max(1000).optional(),
  folder: folder.optional(),
  enabled: z.boolean().optional(),
  done: z.enum(['flag', 'move']).optional(),
  processedFolder: folder.nullable().optional(),
  requireTag: z.boolean().optional(),
});
export type MailboxCreateInput = z.infer<typeof mailboxCreateBody>;

/** A password left out keeps the stored one; `null` removes it. */
export const mailboxUpdateBody = mailboxCreateBody
  .partial()
  .extend({ password: z.string().min(1).max(1000).nullable().optional() });
export type MailboxUpdateInput = z.infer<typeof mailboxUpdateBody>;

export const mailboxSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  url: z.string(),
  fromEnvironment: z.boolean(),
  hasPassword: z.boolean(),
  folder: z.string(),
  enabled: z.boolean(),
  done: z.enum(['flag', 'move']),
  processedFolder: z.string().nullable(),
  requireTag: z.boolean(),
  lastPollAt: z.string().nullable(),
  lastPollStatus: z.enum(['ok', 'error', 'partial']).nullable(),
  lastPollError: z.string().nullable(),
  counts: z.object({ reports: z.number(), replies: z.number(), ignored: z.number(), failed: z.number() }),
  updatedAt: z.string(),
});

export const mailboxList = z.object({ items: z.array(mailboxSchema) });
export const mailboxReply = z.object({ item: mailboxSchema });

export const testResult = z.object({
  ok: z.boolean(),
  error: z.string().nullable(),
  messages: z.number().nullable(),
  unprocessed: z.number().nullable(),
});

export const pollResult = z.object({
  status: z.enum(['ok', 'error', 'locked', 'disabled']),
  error: z.string().nullable(),
  counts: z.object({
    report: z.number(),
    reply: z.number(),
    ignored: z.number(),
    failed: z.number(),
    already: z.number(),
  }),
});

export const messageListQuery = z.strictObject({
  outcome: z.enum(['report', 'reply', 'ignored', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const mailMessage = z.object({
  id: z.uuid(),
  uid: z.number(),
  outcome: z.enum(['report', 'reply', 'ignored', 'failed']),
  reason: z.string().nullable(),
  reportId: z.uuid().nullable(),
  trackingNo: z.string().nullable(),
  rawFileId: z.uuid().nullable(),
  attachmentFileIds: z.array(z.uuid()),
  fromAddress: z.string().nullable(),
  fromName: z.string().nullable(),
  subject: z.string().nullable(),
  body: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
export const mailMessageList = z.object({ items: z.array(mailMessage) });
