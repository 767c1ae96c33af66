import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { runCommand } from '../../audit/command.ts';
import { dummyHash, verifyPassword } from '../passwords.ts';
import { newSessionSecrets, SESSION_ABSOLUTE_MS } from '../session-store.ts';
import { loginThrottle, sessions, users } from '../tables.ts';

export const MAX_USER_FAILURES = 5;
export const LOCKOUT_MS = 15 * 60_000;
export const MAX_IP_FAILURES = 30;
export const IP_WINDOW_MS = 15 * 60_000;

export type LoginResult =
  | { ok: true; cookie: string; csrfToken: string; mfaRequired: boolean; userId: string }
  | { ok: false; reason: 'invalid' | 'locked' | 'throttled'; retryAfterMs?: number };

/**
 * Password login. Failures count per account (temporary lockout) and per client address (rate
 * limit); both live in the database so every instance enforces them. Success opens a session,
 * waiting for the second factor when the user has MFA.
 */
export async function logIn(
  db: Db,
  ctx: Ctx,
  input: { username: string; password: string; userAgent?: string },
): Promise<LoginResult> {
  const now = ctx.clock.now();
  const ipKey = `ip:${ctx.ip ?? 'unknown'}`;
  const throttle = await db.select().from(loginThrottle).where(eq(loginThrottle.key, ipKey));
  const t = throttle[0];
  if (t && now.getTime() - t.windowStart.getTime() < IP_WINDOW_MS && t.failures >= MAX_IP_FAILURES) {
    return { ok: false, reason: 'throttled', retryAfterMs: IP_WINDOW_MS - (now.getTime() - t.windowStart.getTime()) };
  }
  const username = input.username.trim().toLowerCase();
  const found = await db.select().from(users).where(eq(users.username, username));
  const user = found[0];
  // Verify against a dummy hash for unknown users so timing does not reveal which usernames exist.
  const passwordOk = await verifyPassword(
    user && !user.disabled ? user.passwordHash : await dummyHash(),
    input.password,
  );
  const locked = user?.lockedUntil && user.lockedUntil > now;

  return runCommand(db, ctx, async ({ tx, audit }) => {
    if (!user || user.disabled || !passwordOk || locked) {
      await tx
        .insert(loginThrottle)
        .values({ key: ipKey, failures: 1, windowStart: now })
        .onConflictDoUpdate({
          target: loginThrottle.key,
          set: {
            failures: sql`CASE WHEN ${loginThrottle.windowStart} < ${new Date(now.getTime() - IP_WINDOW_MS)} THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
            windowStart: sql`CASE WHEN ${loginThrottle.windowStart} < ${new Date(now.getTime() - IP_WINDOW_MS)} THEN ${now} ELSE ${loginThrottle.windowStart} END`,
          },
        });
      if (user && !locked) {
        const failures = user.failedLogins + 1;
        const lockedUntil = failures >= MAX_USER_FAILURES ? new Date(now.getTime() + LOCKOUT_MS) : null;
        await tx
          .update(users)
          .set({ failedLogins: lockedUntil ? 0 : failures, lockedUntil })
          .where(eq(users.id, user.id));
        audit({
          action: lockedUntil ? 'auth.locked_out' : 'auth.login_failed',
          subjectType: 'user',
          subjectId: user.id,
          organisationId: user.organisationId,
          detail: { username, failures },
        });
        if (lockedUntil) return { ok: false, reason: 'locked', retryAfterMs: LOCKOUT_MS };
      } else {
        audit({
          action: locked ? 'auth.login_refused_locked' : 'auth.login_failed',
          subjectType: 'user',
          subjectId: user?.id ?? null,
          organisationId: user?.organisationId ?? null,
          detail: { username },
        });
      }
      if (locked && user?.lockedUntil) {
        return { ok: false, reason: 'locked', retryAfterMs: user.lockedUntil.getTime() - now.getTime() };
      }
      return { ok: false, reason: 'invalid' };
    }
    const secrets = newSessionSecrets();
    await tx.insert(sessions).values({
      id: secrets.id,
      userId: user.id,
      csrfToken: secrets.csrfToken,
      mfaPassed: !user.mfaEnabled,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
      ip: ctx.ip ?? null,
      userAgent: input.userAgent?.slice(0, 500) ?? null,
    });
    await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, ...(user.mfaEnabled ? {} : { lastLoginAt: now }) })
      .where(and(eq(users.id, user.id)));
    audit({
      action: user.mfaEnabled ? 'auth.password_verified' : 'auth.login',
      subjectType: 'user',
      subjectId: user.id,
      organisationId: user.organisationId,
      detail: { username },
    });
    return {
      ok: true,
      cookie: secrets.cookie,
      csrfToken: secrets.csrfToken,
      mfaRequired: user.mfaEnabled,
      userId: user.id,
    };
  });
}
