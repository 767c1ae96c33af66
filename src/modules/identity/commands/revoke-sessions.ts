import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { notFound } from '../../../platform/errors.ts';
import { runCommand } from '../../audit/command.ts';
import { loadUser } from '../load-user.ts';
import { authorizeManageUser } from '../policy.ts';
import { sessions } from '../tables.ts';

/** Ends one session (by its public id) or all sessions of a user ("log out everywhere"). */
export async function revokeSessions(db: Db, ctx: Ctx, userId: string, publicId?: string): Promise<number> {
  const target = await loadUser(db, userId);
  const self = ctx.actor.kind === 'user' && ctx.actor.principal.userId === userId;
  if (ctx.actor.kind === 'user' && !self) authorizeManageUser(ctx.actor.principal, target);
  return runCommand(db, ctx, async ({ tx, audit }) => {
    const where = publicId
      ? and(eq(sessions.userId, userId), eq(sessions.publicId, publicId))
      : eq(sessions.userId, userId);
    const removed = await tx.delete(sessions).where(where).returning({ publicId: sessions.publicId });
    if (publicId && removed.length === 0) throw notFound();
    audit({
      action: publicId ? 'session.revoke' : 'session.revoke_all',
      subjectType: 'user',
      subjectId: userId,
      organisationId: target.organisationId,
      detail: { sessions: removed.length },
    });
    return removed.length;
  });
}

/** Logging out: the current session only. */
export async function logOut(db: Db, ctx: Ctx, sessionId: string, userId: string): Promise<void> {
  await runCommand(db, ctx, async ({ tx, audit }) => {
    await tx.delete(sessions).where(eq(sessions.id, sessionId));
    audit({ action: 'auth.logout', subjectType: 'user', subjectId: userId });
  });
}
