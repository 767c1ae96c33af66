import { randomUUID } from 'node:crypto';
import { and, arrayContains, eq } from 'drizzle-orm';
import type { Tx } from '../../../db/database.ts';
import { insertMany } from '../../../db/insert-many.ts';
import { actorLabel } from '../../../platform/actor.ts';
import type { CommandScope } from '../../audit/command.ts';
import { notificationDeliveries, notifications, notifyWebhooks } from '../tables.ts';
import { contentMayTravel } from '../tlp-rule.ts';
import {
  addressRows,
  type Base,
  type NotifyInput,
  notify,
  resolveUsers,
  sendEvent,
  userDeliveryRows,
  webhookRows,
} from './notify.ts';

/** One notification of a batch, recorded under its own command scope (actor, audit). */
export type NotifyItem = { scope: CommandScope; input: NotifyInput };

/** true when some enabled webhook follows the category (then each notification asks which ones match). */
async function anyWebhook(tx: Tx, category: NotifyInput['category']): Promise<boolean> {
  const r = await tx
    .select({ id: notifyWebhooks.id })
    .from(notifyWebhooks)
    .where(and(eq(notifyWebhooks.enabled, true), arrayContains(notifyWebhooks.categories, [category])))
    .limit(1);
  return r.length > 0;
}

/**
 * notify() for many notifications at once (group commit of the intake API): the same rows and audit
 * entries as calling notify() for each, in a few statements. Notifications addressed to
 * organisations or carrying attachments go through notify() one by one.
 */
export async function notifyMany(tx: Tx, items: readonly NotifyItem[]): Promise<{ notificationId: string }[]> {
  const out: { notificationId: string }[] = new Array(items.length);
  const simple: number[] = [];
  for (const [i, it] of items.entries()) {
    const r = it.input.recipients;
    if ((r.organisationIds?.length ?? 0) > 0 || (it.input.attachments?.length ?? 0) > 0)
      out[i] = await notify(it.scope, it.input);
    else simple.push(i);
  }
  if (simple.length === 0) return out;

  const categories = [...new Set(simple.map((i) => (items[i] as NotifyItem).input.category))];
  const recipientsByCategory = new Map<string, Awaited<ReturnType<typeof resolveUsers>>>();
  const webhooksByCategory = new Map<string, boolean>();
  const first = (items[simple[0] as number] as NotifyItem).scope;
  for (const category of categories) {
    const userIds = new Set<string>();
    for (const i of simple) {
      const it = items[i] as NotifyItem;
      if (it.input.category === category) for (const u of it.input.recipients.userIds ?? []) userIds.add(u);
    }
    recipientsByCategory.set(category, await resolveUsers(first, category, [...userIds], []));
    webhooksByCategory.set(category, await anyWebhook(tx, category));
  }

  const notificationRows: (typeof notifications.$inferInsert)[] = [];
  const deliveryRows: (typeof notificationDeliveries.$inferInsert)[] = [];
  for (const i of simple) {
    const { scope, input } = items[i] as NotifyItem;
    const { ctx } = scope;
    const now = ctx.clock.now();
    const notificationId = randomUUID();
    const userIds = [...new Set(input.recipients.userIds ?? [])];
    notificationRows.push({
      id: notificationId,
      category: input.category,
      template: input.template,
      data: input.data,
      tlp: input.tlp,
      actor: actorLabel(ctx.actor),
      actorUserId: ctx.actor.kind === 'user' ? ctx.actor.principal.userId : null,
      recipientUserIds: userIds,
      recipientOrganisationIds: [],
      attachmentFileIds: [],
      demo: input.demo ?? false,
      createdAt: now,
    });
    const recipients = (recipientsByCategory.get(input.category) ?? []).filter((r) => userIds.includes(r.id));
    const base: Base = {
      notificationId,
      category: input.category,
      tlp: input.tlp,
      template: input.template,
      createdAt: now,
    };
    const emailed = new Set<string>();
    const values = userDeliveryRows(base, input, recipients, emailed, now);
    const withheld = !contentMayTravel(input.tlp, 'email');
    values.push(...addressRows(base, input, emailed, withheld, now));
    if (!input.inappOnly && webhooksByCategory.get(input.category))
      values.push(...(await webhookRows(scope, base, input, [], now)));
    deliveryRows.push(...values);
    scope.audit(sendEvent(input, notificationId, recipients.length, 0, values));
    out[i] = { notificationId };
  }
  await insertMany(tx, notifications, notificationRows, { returning: false });
  await insertManyShaped(tx, deliveryRows);
  return out;
}

/** Deliveries of different channels set different columns: one statement per shape. */
async function insertManyShaped(tx: Tx, rows: (typeof notificationDeliveries.$inferInsert)[]): Promise<void> {
  const shapes = new Map<string, (typeof notificationDeliveries.$inferInsert)[]>();
  for (const r of rows) {
    const key = Object.keys(r)
      .filter((k) => r[k as keyof typeof r] !== undefined)
      .sort()
      .join(',');
    const group = shapes.get(key);
    if (group) group.push(r);
    else shapes.set(key, [r]);
  }
  for (const group of shapes.values()) await insertMany(tx, notificationDeliveries, group, { returning: false });
}
