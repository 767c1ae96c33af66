import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { optionalTime, timeNow } from '../../db/columns.ts';
import type { DeliveryStatus, NotificationCategory, NotificationChannel, Tlp } from '../../shared/vocabulary.ts';
import { organisations } from '../constituency/tables.ts';
import { users } from '../identity/tables.ts';

export type TemplateData = Record<string, string | number | boolean | null>;

const CATEGORY_SQL = sql.raw(`('incident','vulnerability','advisory','intel','readiness','coordination','system')`);
const TLP_SQL = sql.raw(`('clear','green','amber','amber+strict','red')`);

/** One notification as the sender made it: who, what (template + data), to whom (as addressed), TLP. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    category: text('category').$type<NotificationCategory>().notNull(),
    template: text('template').notNull(),
    data: jsonb('data').$type<TemplateData>().notNull(),
    tlp: text('tlp').$type<Tlp>().notNull(),
    actor: text('actor').notNull(),
    actorUserId: uuid('actor_user_id'),
    recipientUserIds: uuid('recipient_user_ids').array().notNull(),
    recipientOrganisationIds: uuid('recipient_organisation_ids').array().notNull(),
    attachmentFileIds: uuid('attachment_file_ids').array().notNull(),
    demo: boolean('demo').notNull().default(false),
    createdAt: timeNow(),
  },
  (t) => [
    check('notifications_category_check', sql`${t.category} IN ${CATEGORY_SQL}`),
    check('notifications_tlp_check', sql`${t.tlp} IN ${TLP_SQL}`),
    index('notifications_created_idx').on(t.createdAt),
  ],
);

export const notifyWebhooks = pgTable(
  'notify_webhooks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    url: text('url').notNull(),
    /** AES-256-GCM with the platform's derived webhook key */
    secretEnc: text('secret_enc').notNull(),
    /** null: platform-wide */
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'cascade' }),
    categories: text('categories').array().$type<NotificationCategory[]>().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    maxFailures: integer('max_failures').notNull().default(5),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    disabledAt: optionalTime('disabled_at'),
    disabledReason: text('disabled_reason'),
    createdAt: timeNow(),
    updatedAt: timeNow('updated_at'),
  },
  (t) => [
    check('notify_webhooks_max_failures_check', sql`${t.maxFailures} BETWEEN 1 AND 100`),
    index('notify_webhooks_org_idx').on(t.organisationId),
  ],
);

/**
 * One delivery of a notification over one channel to one recipient: the in-app item (with read and
 * acknowledgement), an e-mail (with the SMTP message id) or a webhook POST. E-mail and webhook rows
 * are the outbox: the job claims due rows with FOR UPDATE SKIP LOCKED.
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** null for digests (they carry many) and webhook tests */
    notificationId: uuid('notification_id').references(() => notifications.id),
    channel: text('channel').$type<NotificationChannel>().notNull(),
    kind: text('kind').$type<'single' | 'digest' | 'test'>().notNull().default('single'),
    category: text('category').$type<NotificationCategory>().notNull(),
    tlp: text('tlp').$type<Tlp>().notNull(),
    template: text('template').notNull(),
    recipientUserId: uuid('recipient_user_id').references(() => users.id, { onDelete: 'set null' }),
    recipientOrganisationId: uuid('recipient_organisation_id').references(() => organisations.id, {
      onDelete: 'set null',
    }),
    /** e-mail address, or the webhook's URL when queued */
    address: text('address'),
    webhookId: uuid('webhook_id').references(() => notifyWebhooks.id, { onDelete: 'set null' }),
    locale: text('locale').$type<'vi' | 'en'>().notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    html: text('html'),
    payload: jsonb('payload'),
    contentWithheld: boolean('content_withheld').notNull().default(false),
    status: text('status').$type<DeliveryStatus>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    nextAttemptAt: optionalTime('next_attempt_at'),
    lastAttemptAt: optionalTime('last_attempt_at'),
    lastError: text('last_error'),
    httpStatus: integer('http_status'),
    sentAt: optionalTime('sent_at'),
    messageId: text('message_id'),
    /** extra e-mail headers (In-Reply-To, References, Auto-Submitted) for replies that must thread */
    headers: jsonb('headers').$type<Record<string, string>>(),
    readAt: optionalTime('read_at'),
    acknowledgedAt: optionalTime('acknowledged_at'),
    acknowledgedByUserId: uuid('acknowledged_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** in-app items of a digest category: pending until the daily digest e-mail carries them */
    digestState: text('digest_state').$type<'pending' | 'done'>(),
    digestDeliveryId: uuid('digest_delivery_id'),
    createdAt: timeNow(),
  },
  (t) => [
    check('notification_deliveries_channel_check', sql`${t.channel} IN ('inapp','email','webhook')`),
    check('notification_deliveries_kind_check', sql`${t.kind} IN ('single','digest','test')`),
    check('notification_deliveries_status_check', sql`${t.status} IN ('queued','retrying','sent','failed')`),
    check('notification_deliveries_category_check', sql`${t.category} IN ${CATEGORY_SQL}`),
    check('notification_deliveries_tlp_check', sql`${t.tlp} IN ${TLP_SQL}`),
    index('notification_deliveries_inbox_idx')
      .on(t.recipientUserId, t.createdAt.desc(), t.id.desc())
      .where(sql`${t.channel} = 'inapp'`),
    index('notification_deliveries_unread_idx')
      .on(t.recipientUserId)
      .where(sql`${t.channel} = 'inapp' AND ${t.readAt} IS NULL`),
    index('notification_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} IN ('queued','retrying')`),
    index('notification_deliveries_digest_idx').on(t.recipientUserId).where(sql`${t.digestState} = 'pending'`),
    index('notification_deliveries_webhook_idx').on(t.webhookId, t.createdAt.desc(), t.id.desc()),
    index('notification_deliveries_created_idx').on(t.createdAt.desc(), t.id.desc()),
    index('notification_deliveries_notification_idx').on(t.notificationId),
  ],
);

/** Per user and category: e-mail on/off, daily digest, and whether to follow the organisation's. */
export const notifyPreferences = pgTable(
  'notify_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    category: text('category').$type<NotificationCategory>().notNull(),
    email: boolean('email').notNull(),
    digest: boolean('digest').notNull(),
    organisation: boolean('organisation').notNull(),
    updatedAt: timeNow('updated_at'),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.category] }),
    check('notify_preferences_category_check', sql`${t.category} IN ${CATEGORY_SQL}`),
  ],
);

/** E-mail addresses that receive an organisation's notifications (its shared mailbox, its duty desk). */
export const organisationNotifyAddresses = pgTable(
  'organisation_notify_addresses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    createdAt: timeNow(),
  },
  (t) => [unique('organisation_notify_addresses_unique').on(t.organisationId, t.email)],
);
