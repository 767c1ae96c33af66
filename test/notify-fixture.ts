import { runCommand } from '../src/modules/audit/command.ts';
import { createWebhook, testWebhook } from '../src/modules/notify/commands/manage-webhooks.ts';
import { notify } from '../src/modules/notify/commands/notify.ts';
import { systemCtx } from '../src/platform/actor.ts';
import type { Platform } from '../src/platform/platform.ts';

/** For the authorisation matrix: an in-app item of the user, a webhook, and a failed delivery. */
export async function notifyFixture(platform: Platform, userId: string) {
  const ctx = systemCtx('system:test', platform.clock);
  const { notificationId } = await runCommand(platform.db, ctx, (scope) =>
    notify(scope, {
      recipients: { userIds: [userId] },
      category: 'system',
      template: 'system.message',
      data: { title: 'Ma trận', body: 'Thử quyền' },
      tlp: 'green',
    }),
  );
  const inbox = await platform.pool.query<{ id: string }>(
    "SELECT id FROM notification_deliveries WHERE notification_id = $1 AND channel = 'inapp'",
    [notificationId],
  );
  const hook = await createWebhook(platform.db, ctx, platform.keys, {
    name: 'Matrix',
    url: 'http://127.0.0.1:9/hook',
    // not the category of the notifications above: fixtures must not feed each other's webhooks
    categories: ['incident'],
  });
  const delivery = await testWebhook(platform.db, ctx, hook.item.id);
  await platform.pool.query("UPDATE notification_deliveries SET status = 'failed' WHERE id = $1", [delivery.id]);
  return { inboxItemId: inbox.rows[0]?.id ?? '', webhookId: hook.item.id, deliveryId: delivery.id };
}
