import { lt, or } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { runCommand } from '../../audit/command.ts';
import { SESSION_IDLE_MS } from '../session-store.ts';
import { loginThrottle, sessions } from '../tables.ts';
import { IP_WINDOW_MS } from './log-in.ts';

/** Housekeeping: sessions past their lifetime and stale login counters. */
export async function deleteExpiredSessions(db: Db, ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  const removed = await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS))))
    .returning({ id: sessions.publicId });
  await db.delete(loginThrottle).where(lt(loginThrottle.windowStart, new Date(now.getTime() - IP_WINDOW_MS)));
  if (removed.length === 0) return 0;
  await runCommand(db, ctx, async ({ audit }) => {
    audit({ action: 'session.expire', subjectType: 'session', detail: { sessions: removed.length } });
  });
  return removed.length;
}
