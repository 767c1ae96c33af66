import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { runCommand } from '../../audit/command.ts';
import { loadUser, userSnapshot } from '../load-user.ts';
import { users } from '../tables.ts';

/** A user's own preferences: language and display name. */
export async function updateProfile(
  db: Db,
  ctx: Ctx,
  userId: string,
  input: { locale?: 'vi' | 'en'; displayName?: string },
) {
  return runCommand(db, ctx, async ({ tx, audit }) => {
    const before = await loadUser(tx, userId, true);
    await tx
      .update(users)
      .set({
        ...(input.locale ? { locale: input.locale } : {}),
        ...(input.displayName ? { displayName: input.displayName.trim() } : {}),
        updatedAt: ctx.clock.now(),
      })
      .where(eq(users.id, userId));
    const after = await loadUser(tx, userId);
    audit({
      action: 'user.update_profile',
      subjectType: 'user',
      subjectId: userId,
      organisationId: before.organisationId,
      before: userSnapshot(before),
      after: userSnapshot(after),
    });
  });
}
