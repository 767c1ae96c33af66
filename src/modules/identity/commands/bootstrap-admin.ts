import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { runCommand } from '../../audit/command.ts';
import { randomPassword } from '../../constituency/commands/seed-constituency.ts';
import { organisations } from '../../constituency/tables.ts';
import { hashPassword } from '../passwords.ts';
import { userRoles, users } from '../tables.ts';

/**
 * First start: when no admin exists, create `admin` with a random password (returned once) in the
 * first coordinating organisation, creating a placeholder CSIRT organisation on an empty registry.
 */
export async function bootstrapAdmin(
  db: Db,
  ctx: Ctx,
): Promise<{ username: string; password: string; organisation: string } | null> {
  const admins = await db
    .select({ userId: userRoles.userId })
    .from(userRoles)
    .where(eq(userRoles.role, 'admin'))
    .limit(1);
  if (admins.length > 0) return null;
  const password = randomPassword();
  const passwordHash = await hashPassword(password);
  return runCommand(db, ctx, async ({ tx, audit }) => {
    const now = ctx.clock.now();
    let [org] = await tx
      .select({ id: organisations.id, code: organisations.code })
      .from(organisations)
      .where(eq(organisations.kind, 'coordinator'))
      .orderBy(organisations.code)
      .limit(1);
    if (!org) {
      [org] = await tx
        .insert(organisations)
        .values({
          code: 'CSIRT',
          name: 'Đội ứng cứu sự cố',
          nameEn: 'Incident response team',
          kind: 'coordinator',
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: organisations.id, code: organisations.code });
      if (!org) throw new Error('insert returned nothing');
      audit({
        action: 'organisation.create',
        subjectType: 'organisation',
        subjectId: org.id,
        organisationId: org.id,
        after: { code: 'CSIRT' },
      });
    }
    const username = (await tx.select({ id: users.id }).from(users).where(eq(users.username, 'admin'))).length
      ? `admin-${now.getTime()}`
      : 'admin';
    const [user] = await tx
      .insert(users)
      .values({
        username,
        displayName: 'Quản trị hệ thống',
        organisationId: org.id,
        passwordHash,
        passwordChangedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: users.id });
    if (!user) throw new Error('insert returned nothing');
    await tx.insert(userRoles).values({ userId: user.id, role: 'admin' });
    audit({
      action: 'user.create',
      subjectType: 'user',
      subjectId: user.id,
      organisationId: org.id,
      after: { username, roles: ['admin'] },
    });
    return { username, password, organisation: org.code };
  });
}
