import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { decrypt, encrypt, type Keys } from '../../../platform/secrets.ts';
import { runCommand } from '../../audit/command.ts';
import { loadUser } from '../load-user.ts';
import { verifyPassword } from '../passwords.ts';
import { mfaRecoveryCodes, users } from '../tables.ts';
import { matchTotp, newRecoveryCodes, newTotpSecret, otpauthUrl, recoveryCodeHash } from '../totp.ts';

/** Step 1 of enrolment: a new secret, kept encrypted as pending until a code proves the app has it. */
export async function startMfaEnrollment(db: Db, ctx: Ctx, keys: Keys, userId: string) {
  const user = await loadUser(db, userId);
  // Replacing a working second factor needs the password: turn it off first (disableMfa).
  if (user.mfaEnabled) throw new AppError(400, 'mfa_already_enabled');
  const secret = newTotpSecret();
  await runCommand(db, ctx, async ({ tx, audit }) => {
    await tx
      .update(users)
      .set({ mfaPendingSecretEnc: encrypt(keys.totp, secret) })
      .where(eq(users.id, userId));
    audit({
      action: 'mfa.enrollment_started',
      subjectType: 'user',
      subjectId: userId,
      organisationId: user.organisationId,
    });
  });
  return { secret, otpauthUrl: otpauthUrl(secret, user.username) };
}

/** Step 2: a valid code turns MFA on and yields ten recovery codes, shown once. */
export async function enableMfa(db: Db, ctx: Ctx, keys: Keys, userId: string, code: string) {
  return runCommand(db, ctx, async ({ tx, audit }) => {
    const user = await loadUser(tx, userId, true);
    if (user.mfaEnabled) throw new AppError(400, 'mfa_already_enabled');
    if (!user.mfaPendingSecretEnc) throw new AppError(400, 'mfa_not_started');
    const secret = decrypt(keys.totp, user.mfaPendingSecretEnc);
    const counter = matchTotp(secret, code, ctx.clock.now(), null);
    if (counter === null) throw new AppError(400, 'invalid_mfa_code');
    await tx
      .update(users)
      .set({
        mfaEnabled: true,
        mfaSecretEnc: user.mfaPendingSecretEnc,
        mfaPendingSecretEnc: null,
        mfaLastCounter: counter,
      })
      .where(eq(users.id, userId));
    const codes = newRecoveryCodes();
    await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
    await tx.insert(mfaRecoveryCodes).values(codes.map((c) => ({ userId, codeHash: recoveryCodeHash(c) })));
    audit({ action: 'mfa.enable', subjectType: 'user', subjectId: userId, organisationId: user.organisationId });
    return codes;
  });
}

/** Turning MFA off needs the password (an unattended session must not do it). */
export async function disableMfa(db: Db, ctx: Ctx, userId: string, password: string) {
  const user = await loadUser(db, userId);
  if (!(await verifyPassword(user.passwordHash, password))) throw new AppError(400, 'wrong_password');
  await runCommand(db, ctx, async ({ tx, audit }) => {
    await tx
      .update(users)
      .set({ mfaEnabled: false, mfaSecretEnc: null, mfaPendingSecretEnc: null, mfaLastCounter: null })
      .where(eq(users.id, userId));
    await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
    audit({ action: 'mfa.disable', subjectType: 'user', subjectId: userId, organisationId: user.organisationId });
  });
}
