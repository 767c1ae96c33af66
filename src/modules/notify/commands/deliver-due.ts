import { and, asc, eq, inArray, lte, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/database.ts';
import { type Ctx, systemCtx } from '../../../platform/actor.ts';
import type { Platform } from '../../../platform/platform.ts';
import { decrypt } from '../../../platform/secrets.ts';
import { type AuditEvent, runCommand } from '../../audit/command.ts';
import { files } from '../../files/tables.ts';
import { retryDelayMs, WEBHOOK_TIMEOUT_MS } from '../delivery-policy.ts';
import { messageIdHost, PermanentMailError, sendMail } from '../mailer.ts';
import { renderTemplate } from '../render.ts';
import { notificationDeliveries as D, notifications, notifyWebhooks } from '../tables.ts';
import { postWebhook } from '../webhook-post.ts';
import { INBOX_PATH } from './notify.ts';

export const DEFAULT_MAIL_FROM = 'CanhGac <canhgac@localhost>';

export type DeliverOptions = { limit?: number; webhookTimeoutMs?: number };
export type DeliverStats = { sent: number; retrying: number; failed: number };

type Delivery = typeof D.$inferSelect;
type Outcome =
  | { ok: true; messageId?: string; httpStatus?: number }
  | { ok: false; error: string; httpStatus?: number; permanent?: boolean };

/**
 * Sends what is due, one delivery at a time: each is claimed under a lease (see claimDue), so two
 * workers never send the same one, and its outcome is recorded and audited afterwards. A failed attempt is
 * rescheduled with backoff on the clock (the test clock moves it); the last one marks it `failed`.
 */
export async function deliverDue(platform: Platform, opts: DeliverOptions = {}): Promise<DeliverStats> {
  const ctx = systemCtx('system:notify', platform.clock);
  const stats: DeliverStats = { sent: 0, retrying: 0, failed: 0 };
  const limit = opts.limit ?? 50;
  for (let i = 0; i < limit; i++) {
    const status = await deliverOne(platform, ctx, opts);
    if (!status) break;
    stats[status === 'sent' ? 'sent' : status === 'failed' ? 'failed' : 'retrying'] += 1;
  }
  return stats;
}

/** How long a claimed delivery is left alone by other workers: longer than any one attempt may take. */
const CLAIM_LEASE_MS = 10 * 60_000;

/**
 * Claims one due delivery by moving its next attempt past the lease, in one statement (SKIP LOCKED),
 * so no transaction stays open while the message travels. A worker that dies mid-send leaves the
 * claim to expire and the delivery is tried again. The lease is scheduling state, not a change of
 * the record, so it writes no audit entry; the attempt's outcome does.
 */
async function claimDue(platform: Platform, ctx: Ctx, smtpUrl: string | undefined): Promise<Delivery | undefined> {
  const now = ctx.clock.now();
  const due = platform.db
    .select({ id: D.id })
    .from(D)
    .where(
      and(
        inArray(D.status, ['queued', 'retrying']),
        lte(D.nextAttemptAt, now),
        smtpUrl ? undefined : ne(D.channel, 'email'),
        // A disabled webhook's deliveries wait until an admin enables it again.
        sql`NOT EXISTS (SELECT 1 FROM notify_webhooks w WHERE w.id = ${D.webhookId} AND NOT w.enabled)`,
      ),
    )
    .orderBy(asc(D.nextAttemptAt))
    .limit(1)
    .for('update', { skipLocked: true });
  const [claimed] = await platform.db
    .update(D)
    .set({ nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS) })
    .where(inArray(D.id, due))
    .returning();
  return claimed;
}

async function deliverOne(platform: Platform, ctx: Ctx, opts: DeliverOptions) {
  const smtpUrl = platform.config.mail?.smtpUrl;
  const d = await claimDue(platform, ctx, smtpUrl);
  if (!d) return null;
  const outcome = await attempt(platform, d, smtpUrl, opts).catch(
    (err: unknown): Outcome => ({
      ok: false,
      error: err instanceof Error ? err.message : String(err),
      permanent: err instanceof PermanentMailError,
    }),
  );
  return runCommand(platform.db, ctx, ({ tx, audit }) => record(tx, ctx, d, outcome, audit));
}

async function attempt(
  platform: Platform,
  d: Delivery,
  smtpUrl: string | undefined,
  opts: DeliverOptions,
): Promise<Outcome> {
  const link = new URL(INBOX_PATH, platform.config.baseUrl).toString();
  if (d.channel === 'email') {
    if (!smtpUrl || !d.address) return { ok: false, error: 'SMTP not configured' };
    const from = platform.config.mail?.from ?? DEFAULT_MAIL_FROM;
    const pointer = d.contentWithheld
      ? renderTemplate('notification.withheld', d.locale, { tlp: d.tlp.toUpperCase(), link })
      : undefined;
    const sent = await sendMail(smtpUrl, {
      from,
      to: d.address,
      subject: pointer?.subject ?? d.subject,
      text: pointer?.text ?? d.body,
      html: pointer ? pointer.html : d.html,
      messageId: d.messageId ?? `<${d.id}@${messageIdHost(from)}>`,
      attachments: d.contentWithheld ? [] : await attachmentsOf(platform, d),
      headers: d.headers ?? undefined,
    });
    return { ok: true, messageId: sent.messageId };
  }
  if (d.channel === 'webhook') {
    if (!d.webhookId) return { ok: false, error: 'the webhook was deleted' };
    const [hook] = await platform.db.select().from(notifyWebhooks).where(eq(notifyWebhooks.id, d.webhookId));
    if (!hook) return { ok: false, error: 'the webhook was deleted' };
    const payload = { ...(d.payload as Record<string, unknown>), link };
    const res = await postWebhook(
      hook.url,
      decrypt(platform.keys.webhookSecrets, hook.secretEnc),
      d.id,
      JSON.stringify(payload),
      Math.floor(platform.clock.now().getTime() / 1000),
      opts.webhookTimeoutMs ?? WEBHOOK_TIMEOUT_MS,
    );
    return res.ok
      ? { ok: true, httpStatus: res.status }
      : { ok: false, error: res.error, ...(res.status === null ? {} : { httpStatus: res.status }) };
  }
  return { ok: false, error: `channel ${d.channel} is not sent` };
}

async function attachmentsOf(platform: Platform, d: Delivery) {
  if (!d.notificationId || d.kind !== 'single') return [];
  const [n] = await platform.db
    .select({ ids: notifications.attachmentFileIds })
    .from(notifications)
    .where(eq(notifications.id, d.notificationId));
  if (!n || n.ids.length === 0) return [];
  const rows = await platform.db.select().from(files).where(inArray(files.id, n.ids));
  for (const f of rows) {
    if (!(await platform.blobs.has(f.sha256))) throw new Error(`attachment ${f.name} is missing from the file store`);
  }
  return rows.map((f) => ({ filename: f.name, contentType: f.mediaType, content: platform.blobs.open(f.sha256) }));
}

async function record(
  tx: Tx,
  ctx: Ctx,
  d: Delivery,
  outcome: Outcome,
  audit: (e: AuditEvent) => void,
): Promise<'sent' | 'retrying' | 'failed'> {
  const now = ctx.clock.now();
  const attempts = d.attempts + 1;
  const subject = { subjectType: 'notification_delivery', subjectId: d.id, organisationId: d.recipientOrganisationId };
  const facts = { channel: d.channel, kind: d.kind, address: d.address, attempts };
  if (outcome.ok) {
    await tx
      .update(D)
      .set({
        status: 'sent',
        attempts,
        lastAttemptAt: now,
        sentAt: now,
        nextAttemptAt: null,
        lastError: null,
        httpStatus: outcome.httpStatus ?? null,
        messageId: outcome.messageId ?? d.messageId,
      })
      .where(eq(D.id, d.id));
    if (d.webhookId)
      await tx.update(notifyWebhooks).set({ consecutiveFailures: 0 }).where(eq(notifyWebhooks.id, d.webhookId));
    audit({
      action: 'notify.delivery.sent',
      ...subject,
      detail: { ...facts, messageId: outcome.messageId ?? null, httpStatus: outcome.httpStatus ?? null },
    });
    return 'sent';
  }
  // A 5xx from the mail server (unknown mailbox, refused content) is not retried: an admin sees it failed.
  const final = outcome.permanent === true || attempts >= d.maxAttempts;
  const error = outcome.error.slice(0, 1000);
  await tx
    .update(D)
    .set({
      status: final ? 'failed' : 'retrying',
      attempts,
      lastAttemptAt: now,
      nextAttemptAt: final ? null : new Date(now.getTime() + retryDelayMs(attempts)),
      lastError: error,
      httpStatus: outcome.httpStatus ?? null,
    })
    .where(eq(D.id, d.id));
  audit({
    action: final ? 'notify.delivery.failed' : 'notify.delivery.retry',
    ...subject,
    detail: { ...facts, error },
  });
  if (d.webhookId) await countWebhookFailure(tx, now, d.webhookId, error, audit);
  return final ? 'failed' : 'retrying';
}

/** N failures in a row (N per webhook) switch the webhook off; an admin switches it on again. */
async function countWebhookFailure(
  tx: Tx,
  now: Date,
  webhookId: string,
  error: string,
  audit: (e: AuditEvent) => void,
) {
  const [hook] = await tx
    .update(notifyWebhooks)
    .set({ consecutiveFailures: sql`${notifyWebhooks.consecutiveFailures} + 1` })
    .where(eq(notifyWebhooks.id, webhookId))
    .returning();
  if (!hook?.enabled || hook.consecutiveFailures < hook.maxFailures) return;
  const reason = `${hook.consecutiveFailures} failed deliveries in a row; last: ${error}`.slice(0, 1000);
  await tx
    .update(notifyWebhooks)
    .set({ enabled: false, disabledAt: now, disabledReason: reason, updatedAt: now })
    .where(eq(notifyWebhooks.id, webhookId));
  audit({
    action: 'notify.webhook.disable',
    subjectType: 'notify_webhook',
    subjectId: webhookId,
    organisationId: hook.organisationId,
    before: { enabled: true },
    after: { enabled: false },
    detail: { reason, consecutiveFailures: hook.consecutiveFailures },
  });
}
