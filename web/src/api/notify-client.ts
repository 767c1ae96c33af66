// Typed calls of the notifications API (contract: src/modules/notify/routes.ts).

import { buildQuery, request } from './client';
import type {
  Delivery,
  DeliveryFilters,
  DeliveryStatus,
  InboxFilters,
  InboxItem,
  NotificationPreference,
  NotifyAddress,
  Webhook,
  WebhookInput,
  WebhookPatch,
  WebhookSaved,
} from './notify-types';
import type { Page, PageParams } from './types';

const id = (value: string) => encodeURIComponent(value);
const paging = (page: PageParams) => ({ cursor: page.cursor ?? undefined, limit: page.limit });
const post = <T>(path: string, body: unknown = {}) => request<T>(path, { method: 'POST', body });

export const notifyApi = {
  inbox: (filters: InboxFilters, page: PageParams, signal?: AbortSignal) =>
    request<Page<InboxItem>>(
      `/api/me/notifications${buildQuery({ unread: filters.unread ? true : undefined, ...paging(page) })}`,
      { signal },
    ),
  unreadCount: (signal?: AbortSignal) => request<{ count: number }>('/api/me/notifications/unread-count', { signal }),
  markRead: (itemId: string) => post<InboxItem>(`/api/me/notifications/${id(itemId)}/read`),
  markAllRead: () => post<{ updated: number }>('/api/me/notifications/read-all'),
  acknowledge: (itemId: string) => post<InboxItem>(`/api/me/notifications/${id(itemId)}/acknowledge`),

  preferences: (signal?: AbortSignal) =>
    request<{ items: NotificationPreference[] }>('/api/me/notification-preferences', { signal }),
  savePreferences: (items: NotificationPreference[]) =>
    request<{ items: NotificationPreference[] }>('/api/me/notification-preferences', {
      method: 'PUT',
      body: { items },
    }),

  orgAddresses: (orgId: string, signal?: AbortSignal) =>
    request<{ items: NotifyAddress[] }>(`/api/organisations/${id(orgId)}/notify-addresses`, { signal }),
  saveOrgAddresses: (orgId: string, emails: string[]) =>
    request<{ items: NotifyAddress[] }>(`/api/organisations/${id(orgId)}/notify-addresses`, {
      method: 'PUT',
      body: { emails },
    }),

  webhooks: (page: PageParams, signal?: AbortSignal) =>
    request<Page<Webhook>>(`/api/admin/webhooks${buildQuery(paging(page))}`, { signal }),
  createWebhook: (input: WebhookInput) => post<{ item: Webhook; secret: string }>('/api/admin/webhooks', input),
  updateWebhook: (webhookId: string, patch: WebhookPatch) =>
    request<WebhookSaved>(`/api/admin/webhooks/${id(webhookId)}`, { method: 'PATCH', body: patch }),
  deleteWebhook: (webhookId: string) => request<void>(`/api/admin/webhooks/${id(webhookId)}`, { method: 'DELETE' }),
  enableWebhook: (webhookId: string) => post<Webhook>(`/api/admin/webhooks/${id(webhookId)}/enable`),
  testWebhook: (webhookId: string) => post<Delivery>(`/api/admin/webhooks/${id(webhookId)}/test`),
  webhookDeliveries: (webhookId: string, status: DeliveryStatus | undefined, page: PageParams, signal?: AbortSignal) =>
    request<Page<Delivery>>(
      `/api/admin/webhooks/${id(webhookId)}/deliveries${buildQuery({ status, ...paging(page) })}`,
      { signal },
    ),

  deliveries: (filters: DeliveryFilters, page: PageParams, signal?: AbortSignal) =>
    request<Page<Delivery>>(
      `/api/admin/notifications/deliveries${buildQuery({
        status: filters.status,
        channel: filters.channel,
        userId: filters.userId,
        organisationId: filters.organisationId,
        ...paging(page),
      })}`,
      { signal },
    ),
  retryDelivery: (deliveryId: string) => post<Delivery>(`/api/admin/notifications/deliveries/${id(deliveryId)}/retry`),
};
