import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { runCommand } from '../../audit/command.ts';
import { organisations } from '../../constituency/tables.ts';
import { loadUser, userSnapshot } from '../load-user.ts';
import { checkPasswordPolicy, hashPassword } from '../passwords.ts';
import { authorizeGrantRoles } from '../policy.ts';
import { type Role, userRoles, users } from '../tables.ts';

export type CreateUserInput = {
  username: string;
  displayName: string;
  email?: string | null;
  organisationId: string;
  roles: Role[];
  password: string;
  locale?: 'vi' | 'en';
};

export async function createUser(db: Db, ctx: Ctx, input: CreateUserInput) {
  const username = input.username.trim().toLowerCase();
  if (ctx.actor.kind === 'user') authorizeGrantRoles(ctx.actor.principal, input.organisationId, input.roles);
  checkPasswordPolicy(input.password, username);
  const passwordHash = await hashPassword(input.password);
  return runCommand(db, ctx, async ({ tx, audit }) => {
    const [org] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.id, input.organisationId));
    if (!org) throw new AppError(400, 'unknown_organisation', { code: input.organisationId });
    const taken = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
    if (taken.length > 0) throw new AppError(409, 'username_taken', { username });
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(users)
      .values({
        username,
        displayName: input.displayName.trim(),
        email: input.email?.trim() || null,
        organisationId: input.organisationId,
        passwordHash,
        locale: input.locale ?? 'vi',
        passwordChangedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: users.id });
    if (!row) throw new Error('insert returned nothing');
    const roles = [...new Set(input.roles)];
    if (roles.length > 0) await tx.insert(userRoles).values(roles.map((role) => ({ userId: row.id, role })));
    const created = await loadUser(tx, row.id);
    audit({
      action: 'user.create',
      subjectType: 'user',
      subjectId: row.id,
      organisationId: input.organisationId,
      after: userSnapshot(created),
    });
    return created;
  });
}
