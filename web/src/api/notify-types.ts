// Types of the notifications API (src/modules/notify) as seen by the web client.

import type { DeliveryStatus, NotificationCategory, NotificationChannel, Tlp } from '../../../src/shared/vocabulary';
import type { Timestamp } from './types';

export {
  DELIVERY_STATUSES,
  type DeliveryStatus,
  NOTIFICATION_CATEGORIES,
  NOTIFICATION_CHANNELS,
  type NotificationCategory,
  type NotificationChannel,
  TLP_LEVELS,
  type Tlp,
} from '../../../src/shared/vocabulary';

export interface InboxItem {
  id: string;
  notificationId: string;
  category: NotificationCategory;
  tlp: Tlp;
  subject: string;
  body: string;
  actor: string;
  createdAt: Timestamp;
  readAt: Timestamp | null;
  acknowledgedAt: Timestamp | null;
  acknowledgedBy: { id: string; username: string } | null;
  demo: boolean;
}

export interface InboxFilters {
  unread?: boolean;
}

export interface NotificationPreference {
  category: NotificationCategory;
  inapp: true;
  email: boolean;
  digest: boolean;
  organisation: boolean;
}

export interface NotifyAddress {
  email: string;
  createdAt: Timestamp;
}

export interface Webhook {
  id: string;
  name: string;
  url: string;
  organisation: { id: string; code: string; name: string } | null;
  categories: NotificationCategory[];
  enabled: boolean;
  maxFailures: number;
  consecutiveFailures: number;
  disabledAt: Timestamp | null;
  disabledReason: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface WebhookInput {
  name: string;
  url: string;
  organisationId: string | null;
  categories: NotificationCategory[];
  maxFailures: number;
}

export interface WebhookPatch extends Partial<WebhookInput> {
  enabled?: boolean;
  rotateSecret?: true;
}

export interface WebhookSaved {
  item: Webhook;
  secret: string | null;
}

export interface Delivery {
  id: string;
  notificationId: string;
  channel: NotificationChannel;
  kind: 'single' | 'digest' | 'test';
  status: DeliveryStatus;
  category: NotificationCategory;
  tlp: Tlp;
  template: string;
  subject: string;
  actor: string;
  recipient: { userId: string | null; username: string | null; organisationId: string | null; address: string | null };
  webhookId: string | null;
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: Timestamp | null;
  lastAttemptAt: Timestamp | null;
  lastError: string | null;
  httpStatus: number | null;
  sentAt: Timestamp | null;
  messageId: string | null;
  contentWithheld: boolean;
  readAt: Timestamp | null;
  acknowledgedAt: Timestamp | null;
  createdAt: Timestamp;
}

export interface DeliveryFilters {
  status?: DeliveryStatus;
  channel?: NotificationChannel;
  userId?: string;
  organisationId?: string;
}
