import { randomUUID } from 'node:crypto';
import { and, arrayContains, eq, inArray, isNull, or } from 'drizzle-orm';
import { actorLabel } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Locale } from '../../../platform/messages.ts';
import type { NotificationCategory, Tlp } from '../../../shared/vocabulary.ts';
import type { AuditEvent, CommandScope } from '../../audit/command.ts';
import { files } from '../../files/tables.ts';
import { users } from '../../identity/tables.ts';
import { DEFAULT_PREFERENCE, MAX_ATTACHMENT_BYTES, MAX_ATTEMPTS } from '../delivery-policy.ts';
import { renderTemplate } from '../render.ts';
import {
  notificationDeliveries,
  notifications,
  notifyPreferences,
  notifyWebhooks,
  organisationNotifyAddresses,
  type TemplateData,
} from '../tables.ts';
import type { TemplateKey } from '../templates.ts';
import { contentMayTravel } from '../tlp-rule.ts';

export type NotifyInput = {
  recipients: {
    userIds?: readonly string[];
    organisationIds?: readonly string[];
    /** people outside the platform (a citizen who reported, an e-mail sender): e-mail only */
    addresses?: readonly { email: string; locale: Locale }[];
  };
  category: NotificationCategory;
  template: TemplateKey;
  data: TemplateData;
  tlp: Tlp;
  /** file ids (files module); e-mailed as attachments unless the TLP withholds the content */
  attachments?: readonly string[];
  /** sample data (the demo constituency) */
  demo?: boolean;
  /** in-app only: no e-mail, no webhooks (sample data must not leave the platform) */
  inappOnly?: boolean;
  /** extra headers on the e-mails to `recipients.addresses` (a reply to an incoming message threads) */
  addressHeaders?: Record<string, string>;
};

export type Recipient = {
  id: string;
  email: string | null;
  locale: Locale;
  organisationId: string;
  direct: boolean;
  pref: { email: boolean; digest: boolean; organisation: boolean };
};

/** A placeholder link in stored pointers; the sender puts the platform's address in at send time. */
export const INBOX_PATH = '/notifications';

/**
 * Records a notification and queues its deliveries inside the caller's transaction, so the record
 * commits (or rolls back) with the action that caused it. Nothing is sent here: the notify job
 * delivers e-mail and webhooks from the queued rows.
 */
export async function notify(scope: CommandScope, input: NotifyInput): Promise<{ notificationId: string }> {
  const { tx, ctx, audit } = scope;
  const now = ctx.clock.now();
  const userIds = [...new Set(input.recipients.userIds ?? [])];
  const orgIds = [...new Set(input.recipients.organisationIds ?? [])];
  const attachmentIds = [...new Set(input.attachments ?? [])];
  await checkAttachments(scope, attachmentIds);

  const [row] = await tx
    .insert(notifications)
    .values({
      category: input.category,
      template: input.template,
      data: input.data,
      tlp: input.tlp,
      actor: actorLabel(ctx.actor),
      actorUserId: ctx.actor.kind === 'user' ? ctx.actor.principal.userId : null,
      recipientUserIds: userIds,
      recipientOrganisationIds: orgIds,
      attachmentFileIds: attachmentIds,
      demo: input.demo ?? false,
      createdAt: now,
    })
    .returning({ id: notifications.id });
  if (!row) throw new Error('insert returned nothing');
  const notificationId = row.id;

  const recipients = await resolveUsers(scope, input.category, userIds, orgIds);
  const emailed = new Set<string>();
  const base = {
    notificationId,
    category: input.category,
    tlp: input.tlp,
    template: input.template,
    createdAt: now,
  };
  const values = userDeliveryRows(base, input, recipients, emailed, now);
  const emailWithheld = !contentMayTravel(input.tlp, 'email');

  if (orgIds.length > 0 && !input.inappOnly) {
    const addresses = await tx
      .select()
      .from(organisationNotifyAddresses)
      .where(inArray(organisationNotifyAddresses.organisationId, orgIds));
    for (const a of addresses) {
      const address = a.email.toLowerCase();
      if (emailed.has(address)) continue;
      emailed.add(address);
      // An organisation's shared mailbox reads Vietnamese.
      values.push(emailRow(base, input, 'vi', address, emailWithheld, { userId: null, orgId: a.organisationId }, now));
    }
  }

  values.push(...addressRows(base, input, emailed, emailWithheld, now));
  if (!input.inappOnly) values.push(...(await webhookRows(scope, base, input, orgIds, now)));
  if (values.length > 0) await tx.insert(notificationDeliveries).values(values);
  audit(sendEvent(input, notificationId, recipients.length, orgIds.length, values));
  return { notificationId };
}

/** E-mails to people outside the platform (`recipients.addresses`), past those already e-mailed. */
export function addressRows(
  base: Base,
  input: NotifyInput,
  emailed: Set<string>,
  withheld: boolean,
  now: Date,
): (typeof notificationDeliveries.$inferInsert)[] {
  const rows: (typeof notificationDeliveries.$inferInsert)[] = [];
  for (const a of input.inappOnly ? [] : (input.recipients.addresses ?? [])) {
    const address = a.email.toLowerCase();
    if (emailed.has(address)) continue;
    emailed.add(address);
    rows.push({
      ...emailRow(base, input, a.locale, address, withheld, { userId: null, orgId: null }, now),
      headers: input.addressHeaders ?? null,
    });
  }
  return rows;
}

/** The audit entry of one notification and what it queued. */
export function sendEvent(
  input: NotifyInput,
  notificationId: string,
  users: number,
  organisations: number,
  values: readonly (typeof notificationDeliveries.$inferInsert)[],
): AuditEvent {
  return {
    action: 'notify.send',
    subjectType: 'notification',
    subjectId: notificationId,
    detail: {
      category: input.category,
      template: input.template,
      tlp: input.tlp,
      users,
      organisations,
      emails: values.filter((v) => v.channel === 'email').length,
      webhooks: values.filter((v) => v.channel === 'webhook').length,
    },
  };
}

export type Base = {
  notificationId: string;
  category: NotificationCategory;
  tlp: Tlp;
  template: string;
  createdAt: Date;
};

/** The in-app rows and the direct e-mails of the recipients who are users (notify and notifyMany). */
export function userDeliveryRows(
  base: Base,
  input: NotifyInput,
  recipients: readonly Recipient[],
  emailed: Set<string>,
  now: Date,
): (typeof notificationDeliveries.$inferInsert)[] {
  const values: (typeof notificationDeliveries.$inferInsert)[] = [];
  const emailWithheld = !contentMayTravel(input.tlp, 'email');
  for (const r of recipients) {
    const text = renderTemplate(input.template, r.locale, input.data);
    const wantsEmail = r.pref.email && r.email !== null;
    values.push({
      ...base,
      channel: 'inapp',
      recipientUserId: r.id,
      recipientOrganisationId: r.organisationId,
      locale: r.locale,
      subject: text.subject,
      body: text.text,
      status: 'sent',
      maxAttempts: 0,
      sentAt: now,
      digestState: !input.inappOnly && wantsEmail && r.pref.digest ? 'pending' : null,
    });
    if (input.inappOnly || !wantsEmail || r.pref.digest || !r.email) continue;
    const address = r.email.toLowerCase();
    if (emailed.has(address)) continue;
    emailed.add(address);
    values.push(
      emailRow(base, input, r.locale, address, emailWithheld, { userId: r.id, orgId: r.organisationId }, now),
    );
  }
  return values;
}

export function emailRow(
  base: Base,
  input: NotifyInput,
  locale: Locale,
  address: string,
  withheld: boolean,
  to: { userId: string | null; orgId: string | null },
  now: Date,
): typeof notificationDeliveries.$inferInsert {
  const text = withheld
    ? renderTemplate('notification.withheld', locale, { tlp: input.tlp.toUpperCase(), link: INBOX_PATH })
    : renderTemplate(input.template, locale, input.data);
  return {
    ...base,
    channel: 'email',
    recipientUserId: to.userId,
    recipientOrganisationId: to.orgId,
    address,
    locale,
    subject: text.subject,
    body: text.text,
    html: text.html,
    contentWithheld: withheld,
    status: 'queued',
    maxAttempts: MAX_ATTEMPTS.email,
    nextAttemptAt: now,
  };
}

export async function webhookRows(scope: CommandScope, base: Base, input: NotifyInput, orgIds: string[], now: Date) {
  const matching = await scope.tx
    .select()
    .from(notifyWebhooks)
    .where(
      and(
        eq(notifyWebhooks.enabled, true),
        arrayContains(notifyWebhooks.categories, [input.category]),
        orgIds.length > 0
          ? or(isNull(notifyWebhooks.organisationId), inArray(notifyWebhooks.organisationId, orgIds))
          : isNull(notifyWebhooks.organisationId),
      ),
    );
  return matching.map((h) => {
    const id = randomUUID();
    const withheld = !contentMayTravel(input.tlp, h.organisationId ? 'organisation-webhook' : 'platform-webhook');
    const text = renderTemplate(input.template, 'vi', input.data);
    const payload = {
      id,
      event: 'notification',
      notificationId: base.notificationId,
      category: input.category,
      tlp: input.tlp,
      createdAt: now.toISOString(),
      contentWithheld: withheld,
      ...(withheld ? {} : { template: input.template, subject: text.subject, text: text.text, data: input.data }),
    };
    return {
      ...base,
      id,
      channel: 'webhook' as const,
      recipientOrganisationId: h.organisationId,
      webhookId: h.id,
      address: h.url,
      locale: 'vi' as const,
      subject: withheld ? '' : text.subject,
      body: withheld ? '' : text.text,
      payload,
      contentWithheld: withheld,
      status: 'queued' as const,
      maxAttempts: MAX_ATTEMPTS.webhook,
      nextAttemptAt: now,
    };
  });
}

/** Users addressed directly, plus the users of addressed organisations who follow them for this category. */
export async function resolveUsers(
  scope: CommandScope,
  category: NotificationCategory,
  userIds: string[],
  orgIds: string[],
): Promise<Recipient[]> {
  if (userIds.length === 0 && orgIds.length === 0) return [];
  const rows = await scope.tx
    .select({
      id: users.id,
      email: users.email,
      locale: users.locale,
      organisationId: users.organisationId,
      prefEmail: notifyPreferences.email,
      prefDigest: notifyPreferences.digest,
      prefOrganisation: notifyPreferences.organisation,
    })
    .from(users)
    .leftJoin(notifyPreferences, and(eq(notifyPreferences.userId, users.id), eq(notifyPreferences.category, category)))
    .where(
      and(
        eq(users.disabled, false),
        or(
          userIds.length > 0 ? inArray(users.id, userIds) : undefined,
          orgIds.length > 0 ? inArray(users.organisationId, orgIds) : undefined,
        ),
      ),
    );
  const out: Recipient[] = [];
  for (const r of rows) {
    const pref = {
      email: r.prefEmail ?? DEFAULT_PREFERENCE.email,
      digest: r.prefDigest ?? DEFAULT_PREFERENCE.digest,
      organisation: r.prefOrganisation ?? DEFAULT_PREFERENCE.organisation,
    };
    const direct = userIds.includes(r.id);
    if (!direct && !pref.organisation) continue;
    out.push({ id: r.id, email: r.email, locale: r.locale, organisationId: r.organisationId, direct, pref });
  }
  return out;
}

export async function checkAttachments(scope: CommandScope, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await scope.tx.select({ id: files.id, size: files.size }).from(files).where(inArray(files.id, ids));
  const missing = ids.find((id) => !rows.some((r) => r.id === id));
  if (missing) throw new AppError(400, 'unknown_file', { id: missing });
  const total = rows.reduce((n, r) => n + r.size, 0);
  if (total > MAX_ATTACHMENT_BYTES) throw new AppError(413, 'attachments_too_large', { max: MAX_ATTACHMENT_BYTES });
}
