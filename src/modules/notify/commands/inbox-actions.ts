import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Ctx, Principal } from '../../../platform/actor.ts';
import { notFound, unauthenticated } from '../../../platform/errors.ts';
import { runCommand, UnauditedCommandError } from '../../audit/command.ts';
import { getInboxItem } from '../queries.ts';
import { notificationDeliveries as D } from '../tables.ts';

function principal(ctx: Ctx): Principal {
  if (ctx.actor.kind !== 'user') throw unauthenticated();
  return ctx.actor.principal;
}

const own = (p: Principal, id: string) => and(eq(D.id, id), eq(D.channel, 'inapp'), eq(D.recipientUserId, p.userId));

export async function markRead(db: Db, ctx: Ctx, id: string) {
  const p = principal(ctx);
  await runCommand(db, ctx, async ({ tx, audit }) => {
    const [row] = await tx
      .update(D)
      .set({ readAt: sql`coalesce(${D.readAt}, ${ctx.clock.now().toISOString()}::timestamptz)` })
      .where(own(p, id))
      .returning({ id: D.id, readAt: D.readAt });
    if (!row) throw notFound();
    audit({ action: 'notify.read', subjectType: 'notification_delivery', subjectId: id });
  });
  return getInboxItem(db, p, id);
}

export async function markAllRead(db: Db, ctx: Ctx) {
  const p = principal(ctx);
  return runCommand(db, ctx, async ({ tx, audit }) => {
    const rows = await tx
      .update(D)
      .set({ readAt: ctx.clock.now() })
      .where(and(eq(D.channel, 'inapp'), eq(D.recipientUserId, p.userId), isNull(D.readAt)))
      .returning({ id: D.id });
    audit({ action: 'notify.read_all', subjectType: 'user', subjectId: p.userId, detail: { updated: rows.length } });
    return { updated: rows.length };
  });
}

/** The recipient confirms having taken note: who and when, kept as the legal record (R16). */
export async function acknowledge(db: Db, ctx: Ctx, id: string) {
  const p = principal(ctx);
  await runCommand(db, ctx, async ({ tx, audit }) => {
    const [before] = await tx.select().from(D).where(own(p, id)).for('update');
    if (!before) throw notFound();
    if (before.acknowledgedAt) return;
    const now = ctx.clock.now();
    await tx
      .update(D)
      .set({ acknowledgedAt: now, acknowledgedByUserId: p.userId, readAt: before.readAt ?? now })
      .where(eq(D.id, id));
    audit({
      action: 'notify.acknowledge',
      subjectType: 'notification_delivery',
      subjectId: id,
      detail: { notificationId: before.notificationId, acknowledgedAt: now.toISOString() },
    });
  }).catch((err: unknown) => {
    // Acknowledging twice keeps the first time and writes nothing.
    if (err instanceof UnauditedCommandError) return;
    throw err;
  });
  return getInboxItem(db, p, id);
}
