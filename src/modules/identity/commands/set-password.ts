import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { runCommand } from '../../audit/command.ts';
import { loadUser } from '../load-user.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../passwords.ts';
import { authorizeManageUser } from '../policy.ts';
import { apiTokens, sessions, users } from '../tables.ts';

/**
 * An administrator sets a user's password (reset): the user's sessions end and a lockout is
 * lifted. With `currentPassword` it is the user changing their own: other sessions end.
 */
export async function setPassword(
  db: Db,
  ctx: Ctx,
  userId: string,
  input: { password: string; currentPassword?: string; keepSessionId?: string },
) {
  const target = await loadUser(db, userId);
  const self = ctx.actor.kind === 'user' && ctx.actor.principal.userId === userId;
  if (ctx.actor.kind === 'user' && !self) authorizeManageUser(ctx.actor.principal, target);
  if (self) {
    if (input.currentPassword === undefined || !(await verifyPassword(target.passwordHash, input.currentPassword))) {
      throw new AppError(400, 'wrong_password');
    }
  }
  checkPasswordPolicy(input.password, target.username);
  const passwordHash = await hashPassword(input.password);
  await runCommand(db, ctx, async ({ tx, audit }) => {
    const now = ctx.clock.now();
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: now, failedLogins: 0, lockedUntil: null, updatedAt: now })
      .where(eq(users.id, userId));
    // A reset by an administrator assumes the account may be compromised: its API tokens go too.
    if (!self) {
      await tx
        .update(apiTokens)
        .set({ revokedAt: now })
        .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
    }
    const keep = self ? input.keepSessionId : undefined;
    await tx
      .delete(sessions)
      .where(keep ? and(eq(sessions.userId, userId), ne(sessions.id, keep)) : eq(sessions.userId, userId));
    audit({
      action: self ? 'user.change_password' : 'user.reset_password',
      subjectType: 'user',
      subjectId: userId,
      organisationId: target.organisationId,
    });
  });
}
