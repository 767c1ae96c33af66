import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { runCommand } from '../../audit/command.ts';
import { authorizeReadDeliveries } from '../policy.ts';
import { getDelivery } from '../queries.ts';
import { notificationDeliveries as D } from '../tables.ts';

/** Puts a failed (or waiting) e-mail/webhook delivery back in the queue, due now, with fresh attempts. */
export async function retryDelivery(db: Db, ctx: Ctx, id: string) {
  if (ctx.actor.kind === 'user') authorizeReadDeliveries(ctx.actor.principal);
  await runCommand(db, ctx, async ({ tx, audit }) => {
    const [d] = await tx.select().from(D).where(eq(D.id, id)).for('update');
    if (!d) throw notFound();
    if (d.channel === 'inapp' || d.status === 'sent') throw new AppError(409, 'not_retryable');
    await tx.update(D).set({ status: 'queued', attempts: 0, nextAttemptAt: ctx.clock.now() }).where(eq(D.id, id));
    audit({
      action: 'notify.delivery.requeue',
      subjectType: 'notification_delivery',
      subjectId: id,
      organisationId: d.recipientOrganisationId,
      before: { status: d.status, attempts: d.attempts },
      after: { status: 'queued', attempts: 0 },
    });
  });
  return getDelivery(db, id);
}
