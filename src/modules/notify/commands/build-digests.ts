import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type Ctx, systemCtx } from '../../../platform/actor.ts';
import type { Platform } from '../../../platform/platform.ts';
import { TLP_LEVELS, type Tlp } from '../../../shared/vocabulary.ts';
import { runCommand, UnauditedCommandError } from '../../audit/command.ts';
import { users } from '../../identity/tables.ts';
import { MAX_ATTEMPTS } from '../delivery-policy.ts';
import { renderTemplate } from '../render.ts';
import { notificationDeliveries as D } from '../tables.ts';
import { contentMayTravel } from '../tlp-rule.ts';
import { INBOX_PATH } from './notify.ts';

const MAX_ITEMS_LISTED = 200;

/**
 * The daily digest: for every user with pending digest items, one e-mail listing them (RED items
 * as a pointer only), queued like any other e-mail. Each user is one transaction; items are
 * claimed with SKIP LOCKED, so two runs never put an item into two digests.
 */
export async function buildDigests(platform: Platform): Promise<{ digests: number }> {
  const ctx = systemCtx('system:notify-digest', platform.clock);
  const pending = await platform.db
    .selectDistinct({ userId: D.recipientUserId })
    .from(D)
    .where(eq(D.digestState, 'pending'));
  let digests = 0;
  for (const { userId } of pending) {
    if (userId && (await digestFor(platform, ctx, userId))) digests += 1;
  }
  return { digests };
}

async function digestFor(platform: Platform, ctx: Ctx, userId: string): Promise<boolean> {
  // Another run holding this user's items leaves nothing to do (and nothing to audit).
  return runDigest(platform, ctx, userId).catch((err: unknown) => {
    if (err instanceof UnauditedCommandError) return false;
    throw err;
  });
}

async function runDigest(platform: Platform, ctx: Ctx, userId: string): Promise<boolean> {
  return runCommand(platform.db, ctx, async ({ tx, audit }) => {
    const items = await tx
      .select()
      .from(D)
      .where(and(eq(D.recipientUserId, userId), eq(D.digestState, 'pending')))
      .orderBy(asc(D.createdAt))
      .for('update', { skipLocked: true });
    if (items.length === 0) return false;
    const [user] = await tx.select().from(users).where(eq(users.id, userId));
    const now = ctx.clock.now();
    let digestId: string | null = null;
    if (user?.email && !user.disabled) {
      const locale = user.locale;
      const lines = items.slice(0, MAX_ITEMS_LISTED).map((i) => {
        const subject = contentMayTravel(i.tlp, 'email')
          ? i.subject
          : renderTemplate('notification.withheld', locale, { tlp: i.tlp.toUpperCase(), link: '' }).subject;
        return `- [TLP:${i.tlp.toUpperCase()}] ${subject}`;
      });
      if (items.length > MAX_ITEMS_LISTED) lines.push(`- … (+${items.length - MAX_ITEMS_LISTED})`);
      const link = new URL(INBOX_PATH, platform.config.baseUrl).toString();
      const text = renderTemplate('notification.digest', locale, {
        count: items.length,
        items: lines.join('\n'),
        link,
      });
      const highest = items.reduce<Tlp>(
        (max, i) => (TLP_LEVELS.indexOf(i.tlp) > TLP_LEVELS.indexOf(max) ? i.tlp : max),
        'clear',
      );
      const [row] = await tx
        .insert(D)
        .values({
          channel: 'email',
          kind: 'digest',
          category: 'system',
          tlp: highest === 'red' ? 'amber+strict' : highest,
          template: 'notification.digest',
          recipientUserId: userId,
          recipientOrganisationId: user.organisationId,
          address: user.email.toLowerCase(),
          locale,
          subject: text.subject,
          body: text.text,
          html: text.html,
          status: 'queued',
          maxAttempts: MAX_ATTEMPTS.email,
          nextAttemptAt: now,
          createdAt: now,
        })
        .returning({ id: D.id });
      digestId = row?.id ?? null;
    }
    await tx
      .update(D)
      .set({ digestState: 'done', digestDeliveryId: digestId })
      .where(
        inArray(
          D.id,
          items.map((i) => i.id),
        ),
      );
    audit({
      action: 'notify.digest',
      subjectType: 'user',
      subjectId: userId,
      organisationId: user?.organisationId ?? null,
      detail: { items: items.length, deliveryId: digestId, skipped: digestId ? null : 'no e-mail address' },
    });
    return digestId !== null;
  });
}

/** Used by tests and the admin outbox: how many items wait for a digest. */
export async function pendingDigestItems(platform: Platform, userId: string): Promise<number> {
  const [r] = await platform.db
    .select({ n: sql<number>`count(*)::int` })
    .from(D)
    .where(and(eq(D.recipientUserId, userId), eq(D.digestState, 'pending')));
  return r?.n ?? 0;
}
