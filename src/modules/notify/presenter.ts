import type { NotificationCategory } from '../../shared/vocabulary.ts';
import { renderTemplate } from './render.ts';
import type { notificationDeliveries, notifyWebhooks } from './tables.ts';

type DeliveryRow = typeof notificationDeliveries.$inferSelect;
type WebhookRow = typeof notifyWebhooks.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentInboxItem(
  d: DeliveryRow,
  extra: { actor: string | null; demo: boolean | null; ackUsername: string | null },
) {
  return {
    id: d.id,
    notificationId: d.notificationId ?? '',
    category: d.category,
    tlp: d.tlp,
    subject: d.subject,
    body: d.body,
    actor: extra.actor ?? 'system',
    createdAt: d.createdAt.toISOString(),
    readAt: iso(d.readAt),
    acknowledgedAt: iso(d.acknowledgedAt),
    acknowledgedBy:
      d.acknowledgedByUserId && extra.ackUsername ? { id: d.acknowledgedByUserId, username: extra.ackUsername } : null,
    demo: extra.demo ?? false,
  };
}

/**
 * The records list is read by administrators and coordinators, not by the recipients: a TLP:RED
 * in-app item shows the same pointer its e-mail would, never its content (e-mail and webhook rows
 * of RED already hold only the pointer).
 */
function recordSubject(d: DeliveryRow): string {
  if (d.tlp !== 'red' || d.channel !== 'inapp') return d.subject;
  return renderTemplate('notification.withheld', d.locale, { tlp: 'RED', link: '' }).subject;
}

export function presentDelivery(d: DeliveryRow, extra: { actor: string | null; username: string | null }) {
  return {
    id: d.id,
    notificationId: d.notificationId,
    channel: d.channel,
    kind: d.kind,
    status: d.status,
    category: d.category,
    tlp: d.tlp,
    template: d.template,
    subject: recordSubject(d),
    actor: extra.actor ?? 'system',
    recipient: {
      userId: d.recipientUserId,
      username: extra.username,
      organisationId: d.recipientOrganisationId,
      address: d.address,
    },
    webhookId: d.webhookId,
    attempts: d.attempts,
    maxAttempts: d.maxAttempts,
    nextAttemptAt: iso(d.nextAttemptAt),
    lastAttemptAt: iso(d.lastAttemptAt),
    lastError: d.lastError,
    httpStatus: d.httpStatus,
    sentAt: iso(d.sentAt),
    messageId: d.messageId,
    contentWithheld: d.contentWithheld,
    readAt: iso(d.readAt),
    acknowledgedAt: iso(d.acknowledgedAt),
    createdAt: d.createdAt.toISOString(),
  };
}

export function presentWebhook(w: WebhookRow, org: { id: string; code: string; name: string } | null) {
  return {
    id: w.id,
    name: w.name,
    url: w.url,
    organisation: org,
    categories: w.categories as NotificationCategory[],
    enabled: w.enabled,
    maxFailures: w.maxFailures,
    consecutiveFailures: w.consecutiveFailures,
    disabledAt: iso(w.disabledAt),
    disabledReason: w.disabledReason,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
  };
}

export type PresentedDelivery = ReturnType<typeof presentDelivery>;
export type PresentedWebhook = ReturnType<typeof presentWebhook>;
