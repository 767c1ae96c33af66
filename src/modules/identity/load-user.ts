import { eq } from 'drizzle-orm';
import type { Queryable } from '../../db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { organisations } from '../constituency/tables.ts';
import { type Role, userRoles, users } from './tables.ts';

export type LoadedUser = typeof users.$inferSelect & {
  roles: Role[];
  organisation: { id: string; code: string; name: string; nameEn: string | null };
};

/** A user with roles and organisation; 404 when there is none. `lock` takes a row lock. */
export async function loadUser(q: Queryable, id: string, lock = false): Promise<LoadedUser> {
  const base = q.select().from(users).where(eq(users.id, id));
  const [user] = lock ? await base.for('update') : await base;
  if (!user) throw notFound();
  const roles = await q.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, id));
  const [org] = await q
    .select({ id: organisations.id, code: organisations.code, name: organisations.name, nameEn: organisations.nameEn })
    .from(organisations)
    .where(eq(organisations.id, user.organisationId));
  if (!org) throw notFound();
  return { ...user, roles: roles.map((r) => r.role), organisation: org };
}

/** The audit-visible shape of a user: no secrets. */
export function userSnapshot(u: LoadedUser) {
  return {
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    organisationId: u.organisationId,
    roles: [...u.roles].sort(),
    disabled: u.disabled,
    locale: u.locale,
    mfaEnabled: u.mfaEnabled,
  };
}
