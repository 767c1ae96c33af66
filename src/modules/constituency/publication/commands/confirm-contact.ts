import { eq } from 'drizzle-orm';
import type { Db } from '../../../../db/database.ts';
import type { Ctx } from '../../../../platform/actor.ts';
import { notFound } from '../../../../platform/errors.ts';
import { runCommand } from '../../../audit/command.ts';
import { confirmation } from '../../commands/save-contact.ts';
import { presentContact } from '../../presenter.ts';
import { contactPoints } from '../../tables.ts';
import { authorizeConfirmContact } from '../policy.ts';

/** "My contact is current": one click that stamps the contact point as confirmed now, by this user. */
export async function confirmContact(db: Db, ctx: Ctx, id: string) {
  return runCommand(db, ctx, async ({ tx, audit }) => {
    const [before] = await tx.select().from(contactPoints).where(eq(contactPoints.id, id)).for('update');
    if (!before) throw notFound();
    if (ctx.actor.kind === 'user') authorizeConfirmContact(ctx.actor.principal, before.organisationId);
    const [row] = await tx
      .update(contactPoints)
      .set(confirmation(ctx, ctx.clock.now()))
      .where(eq(contactPoints.id, id))
      .returning();
    if (!row) throw notFound();
    const after = presentContact(row);
    audit({
      action: 'contact.confirm',
      subjectType: 'contact_point',
      subjectId: id,
      organisationId: before.organisationId,
      before: { confirmedAt: before.confirmedAt?.toISOString() ?? null, confirmedBy: before.confirmedBy },
      after: { confirmedAt: after.confirmedAt, confirmedBy: after.confirmedBy },
    });
    return after;
  });
}
