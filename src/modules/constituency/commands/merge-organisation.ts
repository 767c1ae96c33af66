import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { runCommand } from '../../audit/command.ts';
import { users } from '../../identity/tables.ts';
import { authorizeManageOrganisations } from '../policy.ts';
import { presentOrganisation } from '../presenter.ts';
import { assertNoSuccessorCycle, lockOrganisations } from '../successor-chain.ts';
import { moveSystemsToSuccessor } from '../systems/commands/move-systems.ts';
import { organisations } from '../tables.ts';

/**
 * One organisation merged into a successor (the 2025 reorganisation): it stops being valid on the
 * given day, points at its successor and becomes inactive, and its users move to the successor.
 * Later modules move their own open items (systems, duties) through the same action.
 */
export async function mergeOrganisation(
  db: Db,
  ctx: Ctx,
  id: string,
  input: { successorId: string; effectiveDate: string },
) {
  if (ctx.actor.kind === 'user') authorizeManageOrganisations(ctx.actor.principal);
  if (input.successorId === id) {
    throw new AppError(400, 'validation_failed', { detail: 'an organisation cannot be merged into itself' });
  }
  return runCommand(db, ctx, async (scope) => {
    const { tx, audit } = scope;
    await lockOrganisations(tx, [id, input.successorId]);
    const [before] = await tx.select().from(organisations).where(eq(organisations.id, id));
    if (!before) throw notFound();
    const [successor] = await tx.select().from(organisations).where(eq(organisations.id, input.successorId));
    if (!successor?.active) {
      throw new AppError(400, 'validation_failed', {
        detail: 'the successor must be an existing, active organisation',
      });
    }
    await assertNoSuccessorCycle(tx, id, successor.id);
    const now = ctx.clock.now();
    const [row] = await tx
      .update(organisations)
      .set({ successorId: successor.id, validTo: input.effectiveDate, active: false, updatedAt: now })
      .where(eq(organisations.id, id))
      .returning();
    if (!row) throw notFound();
    const moved = await tx
      .update(users)
      .set({ organisationId: successor.id, updatedAt: now })
      .where(eq(users.organisationId, id))
      .returning({ id: users.id, username: users.username });
    const movedSystems = await moveSystemsToSuccessor(scope, id, successor.id);
    audit({
      action: 'organisation.merge',
      subjectType: 'organisation',
      subjectId: id,
      organisationId: id,
      before: presentOrganisation(before),
      after: presentOrganisation(row),
      detail: { successor: successor.code, movedUsers: moved.map((u) => u.username), movedSystems },
    });
    for (const u of moved) {
      audit({
        action: 'user.move_organisation',
        subjectType: 'user',
        subjectId: u.id,
        organisationId: successor.id,
        before: { organisationId: id },
        after: { organisationId: successor.id },
      });
    }
    return { organisation: presentOrganisation(row), movedUsers: moved.length };
  });
}
