import { z } from 'zod';
import { pageOf, pageQuery } from '../../platform/pagination.ts';
import { emailField, line } from '../../platform/text.ts';
import {
  DELIVERY_STATUSES,
  NOTIFICATION_CATEGORIES,
  NOTIFICATION_CHANNELS,
  TLP_LEVELS,
} from '../../shared/vocabulary.ts';

const category = z.enum(NOTIFICATION_CATEGORIES);
const tlp = z.enum(TLP_LEVELS);
const time = z.string();

export const inboxQuery = z.strictObject({ unread: z.enum(['true', 'false']).optional(), ...pageQuery });

export const inboxItem = z.object({
  id: z.uuid(),
  notificationId: z.string(),
  category,
  tlp,
  subject: z.string(),
  body: z.string(),
  actor: z.string(),
  createdAt: time,
  readAt: time.nullable(),
  acknowledgedAt: time.nullable(),
  acknowledgedBy: z.object({ id: z.uuid(), username: z.string() }).nullable(),
  demo: z.boolean(),
});
export const inboxPage = pageOf(inboxItem);

export const preference = z.object({
  category,
  inapp: z.literal(true),
  email: z.boolean(),
  digest: z.boolean(),
  organisation: z.boolean(),
});
export const preferencesReply = z.object({ items: z.array(preference) });
export const preferencesBody = z.strictObject({
  items: z
    .array(
      z.strictObject({
        category,
        inapp: z.literal(true).optional(),
        email: z.boolean(),
        digest: z.boolean(),
        organisation: z.boolean(),
      }),
    )
    .max(NOTIFICATION_CATEGORIES.length)
    .refine((items) => new Set(items.map((i) => i.category)).size === items.length, 'each category at most once'),
});

export const addressesReply = z.object({ items: z.array(z.object({ email: z.string(), createdAt: time })) });
export const addressesBody = z.strictObject({
  emails: z
    .array(emailField)
    .max(10)
    .refine((xs) => new Set(xs.map((x) => x.toLowerCase())).size === xs.length, 'addresses must be distinct'),
});

const orgRef = z.object({ id: z.uuid(), code: z.string(), name: z.string() });
export const webhookSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  url: z.string(),
  organisation: orgRef.nullable(),
  categories: z.array(category),
  enabled: z.boolean(),
  maxFailures: z.number(),
  consecutiveFailures: z.number(),
  disabledAt: time.nullable(),
  disabledReason: z.string().nullable(),
  createdAt: time,
  updatedAt: time,
});
export const webhookPage = pageOf(webhookSchema);
// The URL is checked by the command (it answers webhook_url_invalid); here only a generous bound.
const webhookUrl = z.string().trim().min(1).max(4000);
const categories = z
  .array(category)
  .min(1)
  .max(NOTIFICATION_CATEGORIES.length)
  .refine((xs) => new Set(xs).size === xs.length, 'categories must be distinct');
export const webhookCreateBody = z.strictObject({
  name: line(200),
  url: webhookUrl,
  organisationId: z.uuid().nullable().optional(),
  categories,
  maxFailures: z.number().int().min(1).max(100).optional(),
});
export const webhookUpdateBody = z.strictObject({
  name: line(200).optional(),
  url: webhookUrl.optional(),
  organisationId: z.uuid().nullable().optional(),
  categories: categories.optional(),
  maxFailures: z.number().int().min(1).max(100).optional(),
  enabled: z.boolean().optional(),
  rotateSecret: z.literal(true).optional(),
});
export const webhookCreateReply = z.object({ item: webhookSchema, secret: z.string() });
export const webhookUpdateReply = z.object({ item: webhookSchema, secret: z.string().nullable() });

export const deliverySchema = z.object({
  id: z.uuid(),
  notificationId: z.string().nullable(),
  channel: z.enum(NOTIFICATION_CHANNELS),
  kind: z.enum(['single', 'digest', 'test']),
  status: z.enum(DELIVERY_STATUSES),
  category,
  tlp,
  template: z.string(),
  subject: z.string(),
  actor: z.string(),
  recipient: z.object({
    userId: z.string().nullable(),
    username: z.string().nullable(),
    organisationId: z.string().nullable(),
    address: z.string().nullable(),
  }),
  webhookId: z.string().nullable(),
  attempts: z.number(),
  maxAttempts: z.number(),
  nextAttemptAt: time.nullable(),
  lastAttemptAt: time.nullable(),
  lastError: z.string().nullable(),
  httpStatus: z.number().nullable(),
  sentAt: time.nullable(),
  messageId: z.string().nullable(),
  contentWithheld: z.boolean(),
  readAt: time.nullable(),
  acknowledgedAt: time.nullable(),
  createdAt: time,
});
export const deliveryPage = pageOf(deliverySchema);
export const deliveryQuery = z.strictObject({
  status: z.enum(DELIVERY_STATUSES).optional(),
  channel: z.enum(NOTIFICATION_CHANNELS).optional(),
  userId: z.uuid().optional(),
  organisationId: z.uuid().optional(),
  ...pageQuery,
});
export const webhookDeliveryQuery = z.strictObject({ status: z.enum(DELIVERY_STATUSES).optional(), ...pageQuery });
export const webhookListQuery = z.strictObject({ ...pageQuery });
export const pageOnlyQuery = z.strictObject({ ...pageQuery });
