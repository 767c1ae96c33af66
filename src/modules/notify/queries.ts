import { and, asc, desc, eq, gt, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../db/database.ts';
import type { Principal } from '../../platform/actor.ts';
import { notFound } from '../../platform/errors.ts';
import { decodeCursor, paginate } from '../../platform/pagination.ts';
import { type DeliveryStatus, NOTIFICATION_CATEGORIES, type NotificationChannel } from '../../shared/vocabulary.ts';
import { organisations } from '../constituency/tables.ts';
import { users } from '../identity/tables.ts';
import { DEFAULT_PREFERENCE, type PreferenceRow } from './delivery-policy.ts';
import { authorizeReadOrganisationAddresses } from './policy.ts';
import { presentDelivery, presentInboxItem, presentWebhook } from './presenter.ts';
import {
  notificationDeliveries as D,
  notifications,
  notifyPreferences,
  notifyWebhooks,
  organisationNotifyAddresses,
} from './tables.ts';

const UNREAD_CAP = 1000;
const ackUser = alias(users, 'ack_user');

/** Newest first, keyset on (created_at, id). */
function before(cursor: string | undefined): SQL | undefined {
  const after = decodeCursor(cursor);
  const [at, id] = after ?? [];
  if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at))) return undefined;
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return sql`(${D.createdAt}, ${D.id}) < (${new Date(at).toISOString()}::timestamptz, ${id}::uuid)`;
}

const keyOf = (d: { createdAt: Date; id: string }) => [d.createdAt.toISOString(), d.id];

export async function listInbox(
  db: Queryable,
  p: Principal,
  filter: { unread?: 'true' | 'false'; cursor?: string; limit: number },
) {
  const rows = await db
    .select({ d: D, actor: notifications.actor, demo: notifications.demo, ackUsername: ackUser.username })
    .from(D)
    .leftJoin(notifications, eq(notifications.id, D.notificationId))
    .leftJoin(ackUser, eq(ackUser.id, D.acknowledgedByUserId))
    .where(
      and(
        eq(D.channel, 'inapp'),
        eq(D.recipientUserId, p.userId),
        filter.unread === 'true' ? isNull(D.readAt) : undefined,
        before(filter.cursor),
      ),
    )
    .orderBy(desc(D.createdAt), desc(D.id))
    .limit(filter.limit + 1);
  const page = paginate(rows, filter.limit, (r) => keyOf(r.d));
  return { items: page.items.map((r) => presentInboxItem(r.d, r)), nextCursor: page.nextCursor };
}

export async function getInboxItem(db: Queryable, p: Principal, id: string) {
  const [r] = await db
    .select({ d: D, actor: notifications.actor, demo: notifications.demo, ackUsername: ackUser.username })
    .from(D)
    .leftJoin(notifications, eq(notifications.id, D.notificationId))
    .leftJoin(ackUser, eq(ackUser.id, D.acknowledgedByUserId))
    .where(and(eq(D.id, id), eq(D.channel, 'inapp'), eq(D.recipientUserId, p.userId)));
  if (!r) throw notFound();
  return presentInboxItem(r.d, r);
}

/** Unread in-app items, counted up to a cap (the bell shows "999+"). */
export async function unreadCount(db: Queryable, p: Principal) {
  const r = await db.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM ${D}
      WHERE ${D.channel} = 'inapp' AND ${D.recipientUserId} = ${p.userId} AND ${D.readAt} IS NULL
      LIMIT ${UNREAD_CAP}
    ) AS unread`);
  return { count: r.rows[0]?.n ?? 0 };
}

export async function getPreferences(db: Queryable, userId: string) {
  const rows = await db.select().from(notifyPreferences).where(eq(notifyPreferences.userId, userId));
  const items: (PreferenceRow & { inapp: true })[] = NOTIFICATION_CATEGORIES.map((category) => {
    const r = rows.find((x) => x.category === category);
    const p = r ?? DEFAULT_PREFERENCE;
    return { category, inapp: true, email: p.email, digest: p.digest, organisation: p.organisation };
  });
  return { items };
}

export async function listOrganisationAddresses(db: Queryable, p: Principal, organisationId: string) {
  authorizeReadOrganisationAddresses(p, organisationId);
  const [org] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  if (!org) throw notFound();
  const rows = await db
    .select()
    .from(organisationNotifyAddresses)
    .where(eq(organisationNotifyAddresses.organisationId, organisationId))
    .orderBy(asc(organisationNotifyAddresses.email));
  return { items: rows.map((r) => ({ email: r.email, createdAt: r.createdAt.toISOString() })) };
}

export type DeliveryFilter = {
  status?: DeliveryStatus;
  channel?: NotificationChannel;
  userId?: string;
  organisationId?: string;
  webhookId?: string;
  cursor?: string;
  limit: number;
};

export async function listDeliveries(db: Queryable, filter: DeliveryFilter) {
  const rows = await db
    .select({ d: D, actor: notifications.actor, username: users.username })
    .from(D)
    .leftJoin(notifications, eq(notifications.id, D.notificationId))
    .leftJoin(users, eq(users.id, D.recipientUserId))
    .where(
      and(
        filter.status ? eq(D.status, filter.status) : undefined,
        filter.channel ? eq(D.channel, filter.channel) : undefined,
        filter.userId ? eq(D.recipientUserId, filter.userId) : undefined,
        filter.organisationId ? eq(D.recipientOrganisationId, filter.organisationId) : undefined,
        filter.webhookId ? eq(D.webhookId, filter.webhookId) : undefined,
        before(filter.cursor),
      ),
    )
    .orderBy(desc(D.createdAt), desc(D.id))
    .limit(filter.limit + 1);
  const page = paginate(rows, filter.limit, (r) => keyOf(r.d));
  return { items: page.items.map((r) => presentDelivery(r.d, r)), nextCursor: page.nextCursor };
}

export async function getDelivery(db: Queryable, id: string) {
  const [r] = await db
    .select({ d: D, actor: notifications.actor, username: users.username })
    .from(D)
    .leftJoin(notifications, eq(notifications.id, D.notificationId))
    .leftJoin(users, eq(users.id, D.recipientUserId))
    .where(eq(D.id, id));
  if (!r) throw notFound();
  return presentDelivery(r.d, r);
}

const orgRef = { id: organisations.id, code: organisations.code, name: organisations.name };

export async function listWebhooks(db: Queryable, filter: { cursor?: string; limit: number }) {
  const after = decodeCursor(filter.cursor);
  const [name, id] = after ?? [];
  const rows = await db
    .select({ w: notifyWebhooks, org: orgRef })
    .from(notifyWebhooks)
    .leftJoin(organisations, eq(organisations.id, notifyWebhooks.organisationId))
    .where(
      typeof name === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)
        ? or(gt(notifyWebhooks.name, name), and(eq(notifyWebhooks.name, name), gt(notifyWebhooks.id, id)))
        : undefined,
    )
    .orderBy(asc(notifyWebhooks.name), asc(notifyWebhooks.id))
    .limit(filter.limit + 1);
  const page = paginate(rows, filter.limit, (r) => [r.w.name, r.w.id]);
  return { items: page.items.map((r) => presentWebhook(r.w, r.org)), nextCursor: page.nextCursor };
}

export async function getWebhook(db: Queryable, id: string) {
  const [r] = await db
    .select({ w: notifyWebhooks, org: orgRef })
    .from(notifyWebhooks)
    .leftJoin(organisations, eq(organisations.id, notifyWebhooks.organisationId))
    .where(eq(notifyWebhooks.id, id));
  if (!r) throw notFound();
  return presentWebhook(r.w, r.org);
}

/** Deliveries waiting per status (e.g. for /metrics or a health line). */
export async function outboxCounts(db: Queryable) {
  const rows = await db
    .select({ status: D.status, n: sql<number>`count(*)::int` })
    .from(D)
    .where(and(inArray(D.channel, ['email', 'webhook']), inArray(D.status, ['queued', 'retrying', 'failed'])))
    .groupBy(D.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<DeliveryStatus, number>>;
}
