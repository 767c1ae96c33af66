import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { runCommand } from '../../audit/command.ts';
import { loadUser, userSnapshot } from '../load-user.ts';
import { authorizeGrantRoles, authorizeManageUser } from '../policy.ts';
import { type Role, sessions, userRoles, users } from '../tables.ts';
import { forgetCachedTokens } from '../token-cache.ts';

export type UpdateUserInput = {
  displayName?: string;
  email?: string | null;
  roles?: Role[];
  disabled?: boolean;
};

/** Changes a user's profile, roles or status. Disabling also ends every session of the user. */
export async function updateUser(db: Db, ctx: Ctx, userId: string, input: UpdateUserInput) {
  const after = await runCommand(db, ctx, async ({ tx, audit }) => {
    const before = await loadUser(tx, userId, true);
    if (ctx.actor.kind === 'user') {
      authorizeManageUser(ctx.actor.principal, before);
      if (input.roles) authorizeGrantRoles(ctx.actor.principal, before.organisationId, input.roles);
    }
    const now = ctx.clock.now();
    await tx
      .update(users)
      .set({
        ...(input.displayName !== undefined ? { displayName: input.displayName.trim() } : {}),
        ...(input.email !== undefined ? { email: input.email?.trim() || null } : {}),
        ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
        updatedAt: now,
      })
      .where(eq(users.id, userId));
    if (input.roles) {
      await tx.delete(userRoles).where(eq(userRoles.userId, userId));
      const roles = [...new Set(input.roles)];
      if (roles.length > 0) await tx.insert(userRoles).values(roles.map((role) => ({ userId, role })));
    }
    if (input.disabled === true) await tx.delete(sessions).where(eq(sessions.userId, userId));
    const after = await loadUser(tx, userId);
    audit({
      action: input.disabled === true ? 'user.disable' : 'user.update',
      subjectType: 'user',
      subjectId: userId,
      organisationId: before.organisationId,
      before: userSnapshot(before),
      after: userSnapshot(after),
    });
    return after;
  });
  // Roles or status changed: tokens verified before must be looked up again.
  if (input.disabled !== undefined || input.roles) forgetCachedTokens();
  return after;
}
