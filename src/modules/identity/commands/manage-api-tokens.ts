import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { notFound } from '../../../platform/errors.ts';
import { runCommand } from '../../audit/command.ts';
import { loadUser } from '../load-user.ts';
import { authorizeManageUser } from '../policy.ts';
import { newApiToken } from '../session-store.ts';
import { apiTokens } from '../tables.ts';
import { forgetCachedTokens } from '../token-cache.ts';

export function presentToken(t: typeof apiTokens.$inferSelect) {
  return {
    id: t.id,
    name: t.name,
    scopes: t.scopes,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

/** A new API token for the acting user: the secret is returned once, only its SHA-256 is kept. */
export async function createApiToken(
  db: Db,
  ctx: Ctx,
  userId: string,
  input: { name: string; scopes: ('read' | 'write')[]; expiresInDays: number },
) {
  const { token, hash } = newApiToken();
  const now = ctx.clock.now();
  return runCommand(db, ctx, async ({ tx, audit }) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        userId,
        name: input.name.trim(),
        tokenHash: hash,
        scopes: [...new Set(input.scopes)],
        createdAt: now,
        expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000),
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    audit({ action: 'api_token.create', subjectType: 'api_token', subjectId: row.id, after: presentToken(row) });
    return { token, item: presentToken(row) };
  });
}

/** Revokes one of a user's tokens: the user's own, or (an administrator) someone they manage. */
export async function revokeApiToken(db: Db, ctx: Ctx, userId: string, tokenId: string) {
  const self = ctx.actor.kind === 'user' && ctx.actor.principal.userId === userId;
  const owner = await loadUser(db, userId);
  if (ctx.actor.kind === 'user' && !self) authorizeManageUser(ctx.actor.principal, owner);
  await runCommand(db, ctx, async ({ tx, audit }) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: ctx.clock.now() })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
      .returning();
    if (!row) throw notFound();
    audit({
      action: 'api_token.revoke',
      subjectType: 'api_token',
      subjectId: row.id,
      organisationId: owner.organisationId,
      detail: { owner: owner.username, name: row.name },
    });
  });
  forgetCachedTokens();
}
