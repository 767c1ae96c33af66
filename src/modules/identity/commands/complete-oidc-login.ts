import { and, eq, sql } from 'drizzle-orm';
import type { OidcConfig } from '../../../config.ts';
import type { Db, Queryable } from '../../../db/database.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { runCommand } from '../../audit/command.ts';
import { organisations } from '../../constituency/tables.ts';
import { loadUser, userSnapshot } from '../load-user.ts';
import { forgiveAddressAttempt } from '../login-throttle.ts';
import {
  type Claims,
  displayNameFromClaims,
  idpAssertsMfa,
  stringClaim,
  usernameFromClaims,
  verifiedEmail,
} from '../oidc/claims.ts';
import { openSession } from '../session-store.ts';
import { userIdentities, userRoles, users } from '../tables.ts';

/** Why an SSO login was refused: the audit trail records it and the login page explains it. */
export type SsoRefusal =
  | 'sso_disabled'
  | 'wrong_state'
  | 'replayed_state'
  | 'expired_state'
  | 'nonce_mismatch'
  | 'idp_error'
  | 'idp_unreachable'
  | 'invalid_response'
  | 'unknown_user'
  | 'disabled_user'
  | 'email_not_verified'
  | 'ambiguous_user'
  | 'identity_conflict'
  | 'jit_failed'
  | 'too_many_attempts';

export type OidcLoginResult =
  | { ok: true; cookie: string; csrfToken: string; mfaPending: boolean; userId: string }
  | { ok: false; reason: SsoRefusal };

type User = typeof users.$inferSelect;
type Match = { user: User; by: 'link' | OidcConfig['matchClaim'] | 'jit'; linked: boolean };

/** Records a refused SSO login (nothing else is written). */
export async function recordSsoRefusal(
  db: Db,
  ctx: Ctx,
  reason: SsoRefusal,
  detail: Record<string, unknown> = {},
  user?: { id: string; organisationId: string; username?: string },
): Promise<void> {
  await runCommand(db, user ? asUser(ctx, user) : ctx, async ({ audit }) => {
    audit({
      action: 'auth.sso_refused',
      subjectType: 'user',
      subjectId: user?.id ?? null,
      organisationId: user?.organisationId ?? null,
      detail: { reason, ...detail },
    });
  });
}

/**
 * The end of an SSO login, once the provider's answer is verified: find the user (a stored link to
 * the provider's `sub` first, then the configured claim), create one just in time if configured,
 * link the `sub`, and open the same session a password login opens. A user with MFA must still give
 * the second factor unless the provider asserts a multi-factor login (`amr`).
 */
export async function completeOidcLogin(
  db: Db,
  ctx: Ctx,
  input: { oidc: OidcConfig; issuer: string; claims: Claims; userAgent?: string },
): Promise<OidcLoginResult> {
  const { oidc, issuer, claims } = input;
  const subject = stringClaim(claims, 'sub', 255);
  const seen = {
    issuer,
    subject,
    email: stringClaim(claims, 'email'),
    username: stringClaim(claims, 'preferred_username'),
  };
  if (!subject) {
    await recordSsoRefusal(db, ctx, 'invalid_response', seen);
    return { ok: false, reason: 'invalid_response' };
  }
  const found = await findUser(db, oidc, issuer, subject, claims);
  if (!found.ok && (found.reason !== 'unknown_user' || !oidc.jit)) {
    await recordSsoRefusal(db, ctx, found.reason, seen, found.user);
    return { ok: false, reason: found.reason };
  }
  if (found.ok && found.match.user.disabled) {
    const user = found.match.user;
    await recordSsoRefusal(db, ctx, 'disabled_user', seen, user);
    return { ok: false, reason: 'disabled_user' };
  }
  const now = ctx.clock.now();
  const mfaByIdp = idpAssertsMfa(claims.amr);

  // The trail names the account that logged in; a just-in-time account is created by the SSO service.
  const actorCtx: Ctx = found.ok
    ? asUser(ctx, found.match.user)
    : { ...ctx, actor: { kind: 'system', name: 'system:oidc' } };
  const result = await runCommand(db, actorCtx, async ({ tx, audit }) => {
    let match: Match;
    if (found.ok) {
      match = found.match;
    } else {
      const created = await createJitUser(tx, oidc, claims, now);
      if (!created.ok) {
        audit({
          action: 'auth.sso_refused',
          subjectType: 'user',
          detail: { reason: 'jit_failed', why: created.why, ...seen },
        });
        return { ok: false, reason: 'jit_failed' } as const;
      }
      const user = await loadUser(tx, created.id);
      audit({
        action: 'user.create',
        subjectType: 'user',
        subjectId: user.id,
        organisationId: user.organisationId,
        after: userSnapshot(user),
        detail: { source: 'oidc', issuer, subject },
      });
      match = { user, by: 'jit', linked: false };
    }
    const { user } = match;
    if (!match.linked) {
      await tx.insert(userIdentities).values({ issuer, subject, userId: user.id, createdAt: now });
      audit({
        action: 'user.sso_link',
        subjectType: 'user',
        subjectId: user.id,
        organisationId: user.organisationId,
        detail: { issuer, subject, matchedBy: match.by },
      });
    }
    await tx
      .update(userIdentities)
      .set({ lastLoginAt: now })
      .where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, subject)));
    const mfaPassed = !user.mfaEnabled || mfaByIdp;
    const session = await openSession(tx, {
      userId: user.id,
      mfaPassed,
      mfaByIdp,
      now,
      ip: ctx.ip,
      userAgent: input.userAgent,
    });
    await forgiveAddressAttempt(tx, ctx.ip ?? 'unknown');
    // As with a password, an MFA user's login is complete (and counted) only after the second factor.
    if (mfaPassed) {
      await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, user.id));
    }
    audit({
      action: mfaPassed ? 'auth.sso_login' : 'auth.sso_verified',
      subjectType: 'user',
      subjectId: user.id,
      organisationId: user.organisationId,
      detail: { username: user.username, issuer, subject, matchedBy: match.by, mfaByIdp },
    });
    return { ok: true, ...session, mfaPending: !mfaPassed, userId: user.id } as const;
  });
  return result;
}

function asUser(ctx: Ctx, user: { id: string; organisationId: string; username?: string }): Ctx {
  return {
    ...ctx,
    actor: {
      kind: 'user',
      principal: {
        userId: user.id,
        username: user.username ?? user.id,
        organisationId: user.organisationId,
        roles: [],
        via: 'session',
      },
    },
  };
}

type FindResult = { ok: true; match: Match } | { ok: false; reason: SsoRefusal; user?: User };

async function findUser(
  db: Db,
  oidc: OidcConfig,
  issuer: string,
  subject: string,
  claims: Claims,
): Promise<FindResult> {
  const [linked] = await db
    .select({ user: users })
    .from(userIdentities)
    .innerJoin(users, eq(users.id, userIdentities.userId))
    .where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, subject)));
  if (linked) return { ok: true, match: { user: linked.user, by: 'link', linked: true } };

  let candidates: User[] = [];
  if (oidc.matchClaim === 'email') {
    const email = verifiedEmail(claims);
    if (!email) return { ok: false, reason: stringClaim(claims, 'email') ? 'email_not_verified' : 'unknown_user' };
    candidates = await db.select().from(users).where(sql`lower(${users.email}) = ${email}`).limit(2);
  } else if (oidc.matchClaim === 'preferred_username') {
    const username = stringClaim(claims, 'preferred_username', 63)?.toLowerCase();
    if (username) candidates = await db.select().from(users).where(eq(users.username, username));
  }
  // `sub` matching is by stored link only (above): an administrator links, or just-in-time creates.
  if (candidates.length > 1) return { ok: false, reason: 'ambiguous_user' };
  const user = candidates[0];
  if (!user) return { ok: false, reason: 'unknown_user' };
  const [other] = await db
    .select({ subject: userIdentities.subject })
    .from(userIdentities)
    .where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.userId, user.id)));
  // Already linked to another account at this provider: a second account must not take it over.
  if (other) return { ok: false, reason: 'identity_conflict', user };
  return { ok: true, match: { user, by: oidc.matchClaim, linked: false } };
}

async function createJitUser(
  q: Queryable,
  oidc: OidcConfig,
  claims: Claims,
  now: Date,
): Promise<{ ok: true; id: string } | { ok: false; why: string }> {
  if (!oidc.defaultOrgCode) return { ok: false, why: 'no default organisation configured' };
  const [org] = await q
    .select({ id: organisations.id, active: organisations.active })
    .from(organisations)
    .where(eq(organisations.code, oidc.defaultOrgCode));
  if (!org?.active) return { ok: false, why: `default organisation ${oidc.defaultOrgCode} not found or inactive` };
  const base = usernameFromClaims(claims);
  if (!base) return { ok: false, why: 'no usable preferred_username or verified email' };
  const email = verifiedEmail(claims) ?? null;
  for (const candidate of [base, ...[2, 3, 4, 5, 6, 7, 8, 9].map((n) => `${base}-${n}`)]) {
    const [row] = await q
      .insert(users)
      .values({
        username: candidate,
        displayName: displayNameFromClaims(claims, candidate),
        email,
        organisationId: org.id,
        // No password: this account logs in through the identity provider only.
        passwordHash: null,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: users.username })
      .returning({ id: users.id });
    if (!row) continue;
    await q.insert(userRoles).values({ userId: row.id, role: oidc.defaultRole });
    return { ok: true, id: row.id };
  }
  return { ok: false, why: `username ${base} and its variants are taken` };
}
