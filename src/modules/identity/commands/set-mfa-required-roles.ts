import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { runCommand } from '../../audit/command.ts';
import { type Role, settings } from '../tables.ts';

const KEY = 'mfa_required_roles';

export async function getMfaRequiredRoles(db: Db): Promise<Role[]> {
  const [row] = await db.select().from(settings).where(eq(settings.key, KEY));
  return row?.value ? (row.value.split(',') as Role[]) : [];
}

/** Roles whose holders must enrol in MFA before using anything else. */
export async function setMfaRequiredRoles(db: Db, ctx: Ctx, roles: Role[]) {
  const before = await getMfaRequiredRoles(db);
  const value = [...new Set(roles)].sort().join(',');
  await runCommand(db, ctx, async ({ tx, audit }) => {
    await tx
      .insert(settings)
      .values({ key: KEY, value, updatedAt: ctx.clock.now() })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: ctx.clock.now() } });
    audit({
      action: 'settings.mfa_required_roles',
      subjectType: 'settings',
      subjectId: KEY,
      before: { roles: before },
      after: { roles: value ? value.split(',') : [] },
    });
  });
}
