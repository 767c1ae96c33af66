import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform/platform.ts';
import { ctxOf, principalOf } from '../../server/request-context.ts';
import { idParams } from '../identity/schemas.ts';
import { acknowledge, markAllRead, markRead } from './commands/inbox-actions.ts';
import { createWebhook, deleteWebhook, testWebhook, updateWebhook } from './commands/manage-webhooks.ts';
import { retryDelivery } from './commands/retry-delivery.ts';
import { saveOrganisationAddresses } from './commands/save-organisation-addresses.ts';
import { savePreferences } from './commands/save-preferences.ts';
import { authorizeManageWebhooks, authorizeReadDeliveries } from './policy.ts';
import {
  getPreferences,
  getWebhook,
  listDeliveries,
  listInbox,
  listOrganisationAddresses,
  listWebhooks,
  unreadCount,
} from './queries.ts';
import * as s from './schemas.ts';

export function registerNotifyRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = platform;
  const tags = ['notifications'];

  app.get(
    '/api/me/notifications',
    {
      config: { routeClass: 'self' },
      schema: {
        tags,
        summary: 'My notifications, newest first',
        querystring: s.inboxQuery,
        response: { 200: s.inboxPage },
      },
    },
    async (req) => listInbox(db, principalOf(req), req.query),
  );

  app.get(
    '/api/me/notifications/unread-count',
    {
      config: { routeClass: 'self' },
      schema: {
        tags,
        summary: 'How many of my notifications are unread (capped at 1000)',
        response: { 200: z.object({ count: z.number() }) },
      },
    },
    async (req) => unreadCount(db, principalOf(req)),
  );

  app.post(
    '/api/me/notifications/read-all',
    {
      config: { routeClass: 'self' },
      schema: { tags, summary: 'Mark all my notifications read', response: { 200: z.object({ updated: z.number() }) } },
    },
    async (req) => markAllRead(db, ctxOf(platform, req)),
  );

  app.post(
    '/api/me/notifications/:id/read',
    {
      config: { routeClass: 'self' },
      schema: { tags, summary: 'Mark one of my notifications read', params: idParams, response: { 200: s.inboxItem } },
    },
    async (req) => markRead(db, ctxOf(platform, req), req.params.id),
  );

  app.post(
    '/api/me/notifications/:id/acknowledge',
    {
      config: { routeClass: 'self' },
      schema: {
        tags,
        summary: 'Acknowledge one of my notifications (recorded: who and when)',
        params: idParams,
        response: { 200: s.inboxItem },
      },
    },
    async (req) => acknowledge(db, ctxOf(platform, req), req.params.id),
  );

  app.get(
    '/api/me/notification-preferences',
    {
      config: { routeClass: 'self' },
      schema: { tags, summary: 'My notification channels per category', response: { 200: s.preferencesReply } },
    },
    async (req) => getPreferences(db, principalOf(req).userId),
  );

  app.put(
    '/api/me/notification-preferences',
    {
      config: { routeClass: 'self' },
      schema: {
        tags,
        summary: 'Change my notification channels per category',
        body: s.preferencesBody,
        response: { 200: s.preferencesReply },
      },
    },
    async (req) =>
      savePreferences(
        db,
        ctxOf(platform, req),
        principalOf(req).userId,
        req.body.items.map(({ inapp: _inapp, ...rest }) => rest),
      ),
  );

  app.get(
    '/api/organisations/:id/notify-addresses',
    {
      config: { routeClass: 'org.read' },
      schema: {
        tags,
        summary: 'E-mail addresses that receive an organisation’s notifications',
        params: idParams,
        response: { 200: s.addressesReply },
      },
    },
    async (req) => listOrganisationAddresses(db, principalOf(req), req.params.id),
  );

  app.put(
    '/api/organisations/:id/notify-addresses',
    {
      config: { routeClass: 'contact.manage' },
      schema: {
        tags,
        summary: 'Replace an organisation’s notification addresses',
        params: idParams,
        body: s.addressesBody,
        response: { 200: s.addressesReply },
      },
    },
    async (req) => saveOrganisationAddresses(db, ctxOf(platform, req), req.params.id, req.body.emails),
  );

  const webhookAdmin = { routeClass: 'webhook.manage', authorize: authorizeManageWebhooks };

  app.get(
    '/api/admin/webhooks',
    {
      config: webhookAdmin,
      schema: { tags, summary: 'Webhooks', querystring: s.webhookListQuery, response: { 200: s.webhookPage } },
    },
    async (req) => listWebhooks(db, req.query),
  );

  app.post(
    '/api/admin/webhooks',
    {
      config: webhookAdmin,
      schema: {
        tags,
        summary: 'Create a webhook (its signing secret is shown once)',
        body: s.webhookCreateBody,
        response: { 200: s.webhookCreateReply },
      },
    },
    async (req) => createWebhook(db, ctxOf(platform, req), platform.keys, req.body),
  );

  app.get(
    '/api/admin/webhooks/:id',
    {
      config: webhookAdmin,
      schema: { tags, summary: 'One webhook', params: idParams, response: { 200: s.webhookSchema } },
    },
    async (req) => getWebhook(db, req.params.id),
  );

  app.patch(
    '/api/admin/webhooks/:id',
    {
      config: webhookAdmin,
      schema: {
        tags,
        summary: 'Change, enable/disable or rotate the secret of a webhook',
        params: idParams,
        body: s.webhookUpdateBody,
        response: { 200: s.webhookUpdateReply },
      },
    },
    async (req) => updateWebhook(db, ctxOf(platform, req), platform.keys, req.params.id, req.body),
  );

  app.delete(
    '/api/admin/webhooks/:id',
    { config: webhookAdmin, schema: { tags, summary: 'Delete a webhook (its log stays)', params: idParams } },
    async (req, reply) => {
      await deleteWebhook(db, ctxOf(platform, req), req.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/admin/webhooks/:id/enable',
    {
      config: webhookAdmin,
      schema: { tags, summary: 'Enable a webhook again', params: idParams, response: { 200: s.webhookSchema } },
    },
    async (req) =>
      (await updateWebhook(db, ctxOf(platform, req), platform.keys, req.params.id, { enabled: true })).item,
  );

  app.post(
    '/api/admin/webhooks/:id/test',
    {
      config: webhookAdmin,
      schema: { tags, summary: 'Queue a test delivery', params: idParams, response: { 200: s.deliverySchema } },
    },
    async (req) => testWebhook(db, ctxOf(platform, req), req.params.id),
  );

  app.get(
    '/api/admin/webhooks/:id/deliveries',
    {
      config: webhookAdmin,
      schema: {
        tags,
        summary: 'Delivery log of a webhook, newest first',
        params: idParams,
        querystring: s.webhookDeliveryQuery,
        response: { 200: s.deliveryPage },
      },
    },
    async (req) => {
      await getWebhook(db, req.params.id);
      return listDeliveries(db, { ...req.query, channel: 'webhook', webhookId: req.params.id });
    },
  );

  const records = { routeClass: 'notify.records', authorize: authorizeReadDeliveries };

  app.get(
    '/api/admin/notifications/deliveries',
    {
      config: records,
      schema: {
        tags,
        summary: 'Every notification delivery (records and outbox), newest first',
        querystring: s.deliveryQuery,
        response: { 200: s.deliveryPage },
      },
    },
    async (req) => listDeliveries(db, req.query),
  );

  app.post(
    '/api/admin/notifications/deliveries/:id/retry',
    {
      config: records,
      schema: {
        tags,
        summary: 'Queue a failed delivery again',
        params: idParams,
        response: { 200: s.deliverySchema },
      },
    },
    async (req) => retryDelivery(db, ctxOf(platform, req), req.params.id),
  );
}
