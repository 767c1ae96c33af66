import { lt, or } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { runCommand } from '../../audit/command.ts';
import { IP_WINDOW_MS } from '../login-throttle.ts';
import { SESSION_IDLE_MS } from '../session-store.ts';
import { loginThrottle, sessions } from '../tables.ts';

/** Housekeeping: sessions past their lifetime and stale login counters, audited together. */
export async function deleteExpiredSessions(db: Db, ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  return runCommand(db, ctx, async ({ tx, audit }) => {
    const removed = await tx
      .delete(sessions)
      .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS))))
      .returning({ id: sessions.publicId });
    const counters = await tx
      .delete(loginThrottle)
      .where(lt(loginThrottle.windowStart, new Date(now.getTime() - IP_WINDOW_MS)))
      .returning({ key: loginThrottle.key });
    audit({
      action: 'session.expire',
      subjectType: 'session',
      detail: { sessions: removed.length, loginCounters: counters.length },
    });
    return removed.length;
  });
}
