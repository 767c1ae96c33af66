import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { optionalTime, timeNow } from '../../../db/columns.ts';
import { files } from '../../files/tables.ts';
import { reports } from '../../incidents/tables.ts';

export type MailboxDone = 'flag' | 'move';
export type MailboxPollStatus = 'ok' | 'error' | 'partial';

/**
 * An IMAP mailbox polled for incident reports. The URL carries no password: the password is
 * AES-256-GCM encrypted with the platform's secret key (`password_enc`). `CANHGAC_IMAP_URL` adds
 * one more mailbox (key `env`), configured by the environment and shown read-only.
 */
export const mailboxes = pgTable(
  'intake_mailboxes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** `env` for the mailbox of CANHGAC_IMAP_URL; null for mailboxes added in the admin page */
    configKey: text('config_key').unique(),
    name: text('name').notNull(),
    /** imap://user@host:port or imaps://user@host:port, never with a password */
    url: text('url').notNull(),
    passwordEnc: text('password_enc'),
    folder: text('folder').notNull().default('INBOX'),
    enabled: boolean('enabled').notNull().default(true),
    /** after a message is stored: `flag` (keyword $CanhGacDone + \Seen) or `move` to processedFolder */
    done: text('done').$type<MailboxDone>().notNull().default('flag'),
    processedFolder: text('processed_folder'),
    /** true: mail without the [TBSC] tag from unknown senders is stored but not queued for triage */
    requireTag: boolean('require_tag').notNull().default(false),
    lastPollAt: optionalTime('last_poll_at'),
    lastPollStatus: text('last_poll_status').$type<MailboxPollStatus>(),
    lastPollError: text('last_poll_error'),
    reportsCount: integer('reports_count').notNull().default(0),
    repliesCount: integer('replies_count').notNull().default(0),
    ignoredCount: integer('ignored_count').notNull().default(0),
    failedCount: integer('failed_count').notNull().default(0),
    createdAt: timeNow(),
    updatedAt: timeNow('updated_at'),
  },
  (t) => [
    check('intake_mailboxes_done_check', sql`${t.done} IN ('flag','move')`),
    check('intake_mailboxes_move_check', sql`${t.done} <> 'move' OR ${t.processedFolder} IS NOT NULL`),
  ],
);

export type MailOutcome = 'report' | 'reply' | 'ignored' | 'failed';

/**
 * Every message taken from a mailbox, exactly once: the key (mailbox, UIDVALIDITY, UID) is inserted
 * in the transaction that stores the report, so a message seen again (a crash before the IMAP flag,
 * a second instance) finds its row and is not stored twice. The raw message is always kept.
 */
export const mailboxMessages = pgTable(
  'intake_mailbox_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mailboxId: uuid('mailbox_id')
      .notNull()
      .references(() => mailboxes.id, { onDelete: 'cascade' }),
    uidValidity: bigint('uid_validity', { mode: 'bigint' }).notNull(),
    uid: bigint('uid', { mode: 'number' }).notNull(),
    /** the Message-ID header (without <>), or sha256:<hex of the raw message> when it has none */
    messageKey: text('message_key').notNull(),
    outcome: text('outcome').$type<MailOutcome>().notNull(),
    /** why ignored (loop, bounce, auto-reply), or the parse error of a failed message */
    reason: text('reason'),
    reportId: uuid('report_id').references(() => reports.id),
    rawFileId: uuid('raw_file_id').references(() => files.id),
    attachmentFileIds: uuid('attachment_file_ids').array().notNull().default(sql`'{}'`),
    fromAddress: text('from_address'),
    fromName: text('from_name'),
    subject: text('subject'),
    /** the text of a reply (a follow-up to its report), bounded */
    body: text('body'),
    /** Message-IDs this message answers (In-Reply-To and References), for threading */
    refs: text('refs').array().notNull().default(sql`'{}'`),
    facts: jsonb('facts').$type<Record<string, unknown>>(),
    sentAt: optionalTime('sent_at'),
    createdAt: timeNow(),
  },
  (t) => [
    uniqueIndex('intake_mailbox_messages_uid_idx').on(t.mailboxId, t.uidValidity, t.uid),
    index('intake_mailbox_messages_key_idx').on(t.messageKey),
    index('intake_mailbox_messages_report_idx').on(t.reportId, t.createdAt),
    index('intake_mailbox_messages_failed_idx').on(t.mailboxId, t.createdAt).where(sql`${t.outcome} = 'failed'`),
    check('intake_mailbox_messages_outcome_check', sql`${t.outcome} IN ('report','reply','ignored','failed')`),
  ],
);
