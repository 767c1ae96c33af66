// TanStack Query hooks for the notifications API.

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifyApi } from './notify-client';
import type {
  DeliveryFilters,
  DeliveryStatus,
  InboxFilters,
  NotificationPreference,
  WebhookInput,
  WebhookPatch,
} from './notify-types';
import type { PageParams } from './types';

/** How often the bell asks for the unread count (it also asks when the window regains focus). */
export const UNREAD_POLL_MS = 30_000;

export const notifyKeys = {
  inbox: ['notify', 'inbox'] as const,
  inboxList: (filters: InboxFilters, page: PageParams) => ['notify', 'inbox', 'list', filters, page] as const,
  unreadCount: ['notify', 'inbox', 'unread-count'] as const,
  preferences: ['notify', 'preferences'] as const,
  orgAddresses: (orgId: string) => ['notify', 'org-addresses', orgId] as const,
  webhooks: ['notify', 'webhooks'] as const,
  webhookList: (page: PageParams) => ['notify', 'webhooks', 'list', page] as const,
  webhookDeliveries: (webhookId: string, status: DeliveryStatus | undefined, page: PageParams) =>
    ['notify', 'webhooks', webhookId, 'deliveries', status, page] as const,
  deliveries: ['notify', 'deliveries'] as const,
  deliveryList: (filters: DeliveryFilters, page: PageParams) =>
    ['notify', 'deliveries', 'list', filters, page] as const,
};

// ---------------------------------------------------------------------------
// My notifications

export function useUnreadCount() {
  return useQuery({
    queryKey: notifyKeys.unreadCount,
    queryFn: ({ signal }) => notifyApi.unreadCount(signal),
    refetchInterval: UNREAD_POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 0,
    // A failed poll must not flood the user with toasts every 30 s.
    meta: { silent: true },
  });
}

export function useInbox(filters: InboxFilters, page: PageParams, options: { poll?: boolean; enabled?: boolean } = {}) {
  return useQuery({
    queryKey: notifyKeys.inboxList(filters, page),
    queryFn: ({ signal }) => notifyApi.inbox(filters, page, signal),
    placeholderData: keepPreviousData,
    refetchInterval: options.poll ? UNREAD_POLL_MS : false,
    enabled: options.enabled ?? true,
    staleTime: 0,
  });
}

function useInboxMutation<V, R>(fn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notifyKeys.inbox }),
  });
}

export const useMarkRead = () => useInboxMutation((itemId: string) => notifyApi.markRead(itemId));
export const useMarkAllRead = () => useInboxMutation(() => notifyApi.markAllRead());
export const useAcknowledge = () => useInboxMutation((itemId: string) => notifyApi.acknowledge(itemId));

// ---------------------------------------------------------------------------
// Preferences and organisation addresses

export function usePreferences() {
  return useQuery({ queryKey: notifyKeys.preferences, queryFn: ({ signal }) => notifyApi.preferences(signal) });
}

export function useSavePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: NotificationPreference[]) => notifyApi.savePreferences(items),
    onSuccess: (data) => queryClient.setQueryData(notifyKeys.preferences, data),
  });
}

export function useOrgAddresses(orgId: string) {
  return useQuery({
    queryKey: notifyKeys.orgAddresses(orgId),
    queryFn: ({ signal }) => notifyApi.orgAddresses(orgId, signal),
  });
}

export function useSaveOrgAddresses(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (emails: string[]) => notifyApi.saveOrgAddresses(orgId, emails),
    onSuccess: (data) => queryClient.setQueryData(notifyKeys.orgAddresses(orgId), data),
  });
}

// ---------------------------------------------------------------------------
// Webhooks (admin)

export function useWebhooks(page: PageParams) {
  return useQuery({
    queryKey: notifyKeys.webhookList(page),
    queryFn: ({ signal }) => notifyApi.webhooks(page, signal),
    placeholderData: keepPreviousData,
  });
}

function useWebhookMutation<V, R>(fn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notifyKeys.webhooks }),
  });
}

export const useCreateWebhook = () => useWebhookMutation((input: WebhookInput) => notifyApi.createWebhook(input));
export const useUpdateWebhook = () =>
  useWebhookMutation(({ id, patch }: { id: string; patch: WebhookPatch }) => notifyApi.updateWebhook(id, patch));
export const useDeleteWebhook = () => useWebhookMutation((webhookId: string) => notifyApi.deleteWebhook(webhookId));
export const useEnableWebhook = () => useWebhookMutation((webhookId: string) => notifyApi.enableWebhook(webhookId));
export const useTestWebhook = () => useWebhookMutation((webhookId: string) => notifyApi.testWebhook(webhookId));

export function useWebhookDeliveries(webhookId: string, status: DeliveryStatus | undefined, page: PageParams) {
  return useQuery({
    queryKey: notifyKeys.webhookDeliveries(webhookId, status, page),
    queryFn: ({ signal }) => notifyApi.webhookDeliveries(webhookId, status, page, signal),
    placeholderData: keepPreviousData,
  });
}

// ---------------------------------------------------------------------------
// Delivery records / outbox (admin, coordinator)

export function useDeliveries(filters: DeliveryFilters, page: PageParams) {
  return useQuery({
    queryKey: notifyKeys.deliveryList(filters, page),
    queryFn: ({ signal }) => notifyApi.deliveries(filters, page, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRetryDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) => notifyApi.retryDelivery(deliveryId),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: notifyKeys.deliveries }),
        queryClient.invalidateQueries({ queryKey: notifyKeys.webhooks }),
      ]),
  });
}
