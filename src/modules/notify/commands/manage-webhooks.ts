import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/database.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { encrypt, randomToken } from '../../../platform/secrets.ts';
import type { NotificationCategory } from '../../../shared/vocabulary.ts';
import { runCommand } from '../../audit/command.ts';
import { organisations } from '../../constituency/tables.ts';
import { MAX_ATTEMPTS } from '../delivery-policy.ts';
import { authorizeManageWebhooks } from '../policy.ts';
import { getDelivery, getWebhook } from '../queries.ts';
import { renderTemplate } from '../render.ts';
import { notificationDeliveries, notifyWebhooks } from '../tables.ts';

export type WebhookInput = {
  name: string;
  url: string;
  organisationId?: string | null;
  categories: NotificationCategory[];
  maxFailures?: number;
};

const URL_MAX = 2000;

/** http(s) only, no credentials in the URL (they would show in the admin page and the logs). */
export function checkWebhookUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError(400, 'webhook_url_invalid');
  }
  if (value.length > URL_MAX) throw new AppError(400, 'webhook_url_invalid');
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AppError(400, 'webhook_url_invalid');
  if (url.username || url.password || !url.hostname) throw new AppError(400, 'webhook_url_invalid');
  return url.toString();
}

function authorize(ctx: Ctx): void {
  if (ctx.actor.kind === 'user') authorizeManageWebhooks(ctx.actor.principal);
}

const newSecret = () => `whsec_${randomToken(32)}`;

async function checkOrganisation(tx: Tx, organisationId: string | null | undefined) {
  if (!organisationId) return;
  const [org] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  if (!org) throw new AppError(400, 'validation_failed', { detail: 'organisationId' });
}

const audited = (w: typeof notifyWebhooks.$inferSelect) => ({
  name: w.name,
  url: w.url,
  organisationId: w.organisationId,
  categories: w.categories,
  enabled: w.enabled,
  maxFailures: w.maxFailures,
});

export async function createWebhook(db: Db, ctx: Ctx, keys: { webhookSecrets: Buffer }, input: WebhookInput) {
  authorize(ctx);
  const url = checkWebhookUrl(input.url);
  const secret = newSecret();
  const id = await runCommand(db, ctx, async ({ tx, audit }) => {
    await checkOrganisation(tx, input.organisationId);
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(notifyWebhooks)
      .values({
        name: input.name,
        url,
        secretEnc: encrypt(keys.webhookSecrets, secret),
        organisationId: input.organisationId ?? null,
        categories: [...new Set(input.categories)],
        maxFailures: input.maxFailures ?? 5,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    audit({
      action: 'notify.webhook.create',
      subjectType: 'notify_webhook',
      subjectId: row.id,
      organisationId: row.organisationId,
      after: audited(row),
    });
    return row.id;
  });
  return { item: await getWebhook(db, id), secret };
}

export type WebhookUpdate = Partial<WebhookInput> & { enabled?: boolean; rotateSecret?: boolean };

export async function updateWebhook(
  db: Db,
  ctx: Ctx,
  keys: { webhookSecrets: Buffer },
  id: string,
  input: WebhookUpdate,
) {
  authorize(ctx);
  const url = input.url === undefined ? undefined : checkWebhookUrl(input.url);
  const secret = input.rotateSecret ? newSecret() : null;
  await runCommand(db, ctx, async ({ tx, audit }) => {
    const [before] = await tx.select().from(notifyWebhooks).where(eq(notifyWebhooks.id, id)).for('update');
    if (!before) throw notFound();
    if (input.organisationId !== undefined) await checkOrganisation(tx, input.organisationId);
    const now = ctx.clock.now();
    const reenable = input.enabled === true && !before.enabled;
    const [after] = await tx
      .update(notifyWebhooks)
      .set({
        ...(input.name === undefined ? {} : { name: input.name }),
        ...(url === undefined ? {} : { url }),
        ...(input.organisationId === undefined ? {} : { organisationId: input.organisationId }),
        ...(input.categories === undefined ? {} : { categories: [...new Set(input.categories)] }),
        ...(input.maxFailures === undefined ? {} : { maxFailures: input.maxFailures }),
        ...(input.enabled === undefined ? {} : { enabled: input.enabled }),
        ...(reenable ? { consecutiveFailures: 0, disabledAt: null, disabledReason: null } : {}),
        ...(input.enabled === false && before.enabled
          ? { disabledAt: now, disabledReason: 'disabled by an administrator' }
          : {}),
        ...(secret ? { secretEnc: encrypt(keys.webhookSecrets, secret) } : {}),
        updatedAt: now,
      })
      .where(eq(notifyWebhooks.id, id))
      .returning();
    if (!after) throw notFound();
    audit({
      action: reenable ? 'notify.webhook.enable' : 'notify.webhook.update',
      subjectType: 'notify_webhook',
      subjectId: id,
      organisationId: after.organisationId,
      before: audited(before),
      after: audited(after),
      ...(secret ? { detail: { secretRotated: true } } : {}),
    });
  });
  return { item: await getWebhook(db, id), secret };
}

/** Deleting keeps the delivery log; deliveries still waiting end as failed. */
export async function deleteWebhook(db: Db, ctx: Ctx, id: string) {
  authorize(ctx);
  await runCommand(db, ctx, async ({ tx, audit }) => {
    const [before] = await tx.select().from(notifyWebhooks).where(eq(notifyWebhooks.id, id)).for('update');
    if (!before) throw notFound();
    await tx
      .update(notificationDeliveries)
      .set({ status: 'failed', nextAttemptAt: null, lastError: 'the webhook was deleted' })
      .where(
        and(eq(notificationDeliveries.webhookId, id), inArray(notificationDeliveries.status, ['queued', 'retrying'])),
      );
    await tx.delete(notifyWebhooks).where(eq(notifyWebhooks.id, id));
    audit({
      action: 'notify.webhook.delete',
      subjectType: 'notify_webhook',
      subjectId: id,
      organisationId: before.organisationId,
      before: audited(before),
    });
  });
}

/** Queues a test POST to the webhook (enabled or not: the admin wants to know if it works now). */
export async function testWebhook(db: Db, ctx: Ctx, id: string) {
  authorize(ctx);
  const deliveryId = randomUUID();
  await runCommand(db, ctx, async ({ tx, audit }) => {
    const [hook] = await tx.select().from(notifyWebhooks).where(eq(notifyWebhooks.id, id));
    if (!hook) throw notFound();
    const now = ctx.clock.now();
    const text = renderTemplate('webhook.test', 'vi', { name: hook.name });
    await tx.insert(notificationDeliveries).values({
      id: deliveryId,
      channel: 'webhook',
      kind: 'test',
      category: hook.categories[0] ?? 'system',
      tlp: 'clear',
      template: 'webhook.test',
      recipientOrganisationId: hook.organisationId,
      webhookId: hook.id,
      address: hook.url,
      locale: 'vi',
      subject: text.subject,
      body: text.text,
      payload: { id: deliveryId, event: 'test', webhookId: hook.id, createdAt: now.toISOString(), text: text.text },
      status: 'queued',
      maxAttempts: MAX_ATTEMPTS.test,
      nextAttemptAt: now,
      createdAt: now,
    });
    audit({
      action: 'notify.webhook.test',
      subjectType: 'notify_webhook',
      subjectId: id,
      organisationId: hook.organisationId,
      detail: { deliveryId },
    });
  });
  return getDelivery(db, deliveryId);
}
