import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { decrypt, type Keys } from '../../../platform/secrets.ts';
import { runCommand } from '../../audit/command.ts';
import { countAddressAttempt, forgiveAddressAttempt, recordAccountFailure } from '../login-throttle.ts';
import { newSessionSecrets, SESSION_ABSOLUTE_MS } from '../session-store.ts';
import { mfaRecoveryCodes, sessions, users } from '../tables.ts';
import { matchTotp, recoveryCodeHash } from '../totp.ts';

export type MfaLoginResult =
  | { ok: true; cookie: string; csrfToken: string }
  | { ok: false; reason: 'invalid' | 'locked' | 'throttled' };

/**
 * Second step of a login: a TOTP code (never the same one twice) or an unused recovery code.
 * Wrong codes count against the account (the counter a correct password does not reset) and the
 * address. Success replaces the waiting session with a new one (new cookie: no session fixation).
 */
export async function completeMfaLogin(
  db: Db,
  ctx: Ctx,
  keys: Keys,
  input: { sessionId: string; userId: string; code: string },
): Promise<MfaLoginResult> {
  const now = ctx.clock.now();
  const address = ctx.ip ?? 'unknown';
  const [candidate] = await db.select({ secret: users.mfaSecretEnc }).from(users).where(eq(users.id, input.userId));
  if (!candidate?.secret) return { ok: false, reason: 'invalid' };
  if (!(await countAddressAttempt(db, address, now)).allowed) return { ok: false, reason: 'throttled' };
  return runCommand(db, ctx, async ({ tx, audit }) => {
    const [user] = await tx.select().from(users).where(eq(users.id, input.userId)).for('update');
    if (!user?.mfaSecretEnc || user.disabled) {
      audit({ action: 'auth.mfa_failed', subjectType: 'user', subjectId: input.userId });
      return { ok: false, reason: 'invalid' } as const;
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      audit({
        action: 'auth.login_refused_locked',
        subjectType: 'user',
        subjectId: user.id,
        organisationId: user.organisationId,
      });
      return { ok: false, reason: 'locked' } as const;
    }
    const code = input.code.trim();
    let method: 'totp' | 'recovery' | null = null;
    const counter = matchTotp(decrypt(keys.totp, user.mfaSecretEnc), code, now, user.mfaLastCounter);
    if (counter !== null) {
      method = 'totp';
      await tx.update(users).set({ mfaLastCounter: counter }).where(eq(users.id, user.id));
    } else {
      const used = await tx
        .update(mfaRecoveryCodes)
        .set({ usedAt: now })
        .where(
          and(
            eq(mfaRecoveryCodes.userId, user.id),
            eq(mfaRecoveryCodes.codeHash, recoveryCodeHash(code)),
            isNull(mfaRecoveryCodes.usedAt),
          ),
        )
        .returning({ id: mfaRecoveryCodes.id });
      if (used.length > 0) method = 'recovery';
    }
    if (!method) {
      const lockedUntil = await recordAccountFailure(tx, user.id, now);
      audit({
        action: lockedUntil ? 'auth.locked_out' : 'auth.mfa_failed',
        subjectType: 'user',
        subjectId: user.id,
        organisationId: user.organisationId,
      });
      return { ok: false, reason: lockedUntil ? 'locked' : 'invalid' } as const;
    }
    await forgiveAddressAttempt(tx, address);
    const [old] = await tx.delete(sessions).where(eq(sessions.id, input.sessionId)).returning();
    const secrets = newSessionSecrets();
    await tx.insert(sessions).values({
      id: secrets.id,
      userId: user.id,
      csrfToken: secrets.csrfToken,
      mfaPassed: true,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
      ip: ctx.ip ?? null,
      userAgent: old?.userAgent ?? null,
    });
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, user.id));
    audit({
      action: 'auth.login',
      subjectType: 'user',
      subjectId: user.id,
      organisationId: user.organisationId,
      detail: { secondFactor: method },
    });
    return { ok: true, cookie: secrets.cookie, csrfToken: secrets.csrfToken } as const;
  });
}
