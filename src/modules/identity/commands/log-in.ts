import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { runCommand } from '../../audit/command.ts';
import {
  countAddressAttempt,
  forgiveAddressAttempt,
  maskUnknownUsername,
  recordAccountFailure,
} from '../login-throttle.ts';
import { dummyHash, verifyPassword } from '../passwords.ts';
import { openSession } from '../session-store.ts';
import { users } from '../tables.ts';

export type LoginResult =
  | { ok: true; cookie: string; csrfToken: string; mfaRequired: boolean; userId: string }
  | { ok: false; reason: 'invalid' | 'locked' | 'throttled'; retryAfterMs?: number };

/**
 * Password login. Attempts count per client address before any hashing (rate limit) and failures
 * per account (temporary lockout), atomically and in PostgreSQL, so every instance enforces them.
 * Success opens a session, waiting for the second factor when the user has MFA; the account's
 * failure count is reset only when the login is complete (for MFA users: after the second factor).
 */
export async function logIn(
  db: Db,
  ctx: Ctx,
  input: { username: string; password: string; userAgent?: string },
): Promise<LoginResult> {
  const now = ctx.clock.now();
  const address = ctx.ip ?? 'unknown';
  const attempt = await countAddressAttempt(db, address, now);
  if (!attempt.allowed) return { ok: false, reason: 'throttled', retryAfterMs: attempt.retryAfterMs };
  const username = input.username.trim().toLowerCase();
  const [user] = await db.select().from(users).where(eq(users.username, username));
  // Verify against a dummy hash for unknown users so timing does not reveal which usernames exist.
  const passwordOk = await verifyPassword(
    user && !user.disabled ? user.passwordHash : await dummyHash(),
    input.password,
  );
  const locked = Boolean(user?.lockedUntil && user.lockedUntil > now);
  // The audit trail names the account that tried to log in (unknown names stay anonymous).
  const actorCtx: Ctx = user
    ? {
        ...ctx,
        actor: {
          kind: 'user',
          principal: {
            userId: user.id,
            username: user.username,
            organisationId: user.organisationId,
            roles: [],
            via: 'session',
          },
        },
      }
    : ctx;

  return runCommand(db, actorCtx, async ({ tx, audit }) => {
    if (!user || user.disabled || !passwordOk || locked) {
      if (user && !locked) {
        const lockedUntil = await recordAccountFailure(tx, user.id, now);
        audit({
          action: lockedUntil ? 'auth.locked_out' : 'auth.login_failed',
          subjectType: 'user',
          subjectId: user.id,
          organisationId: user.organisationId,
          detail: { username },
        });
        if (lockedUntil) return { ok: false, reason: 'locked', retryAfterMs: lockedUntil.getTime() - now.getTime() };
        return { ok: false, reason: 'invalid' };
      }
      audit({
        action: locked ? 'auth.login_refused_locked' : 'auth.login_failed',
        subjectType: 'user',
        subjectId: user?.id ?? null,
        organisationId: user?.organisationId ?? null,
        detail: { username: user ? username : maskUnknownUsername(username) },
      });
      if (locked && user?.lockedUntil) {
        return { ok: false, reason: 'locked', retryAfterMs: user.lockedUntil.getTime() - now.getTime() };
      }
      return { ok: false, reason: 'invalid' };
    }
    await forgiveAddressAttempt(tx, address);
    const secrets = await openSession(tx, {
      userId: user.id,
      mfaPassed: !user.mfaEnabled,
      now,
      ip: ctx.ip,
      userAgent: input.userAgent,
    });
    // An MFA user's failure count (which the second factor shares) is reset only by the second factor.
    if (!user.mfaEnabled) {
      await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, user.id));
    }
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
