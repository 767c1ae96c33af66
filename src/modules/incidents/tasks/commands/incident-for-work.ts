import { eq } from 'drizzle-orm';
import type { Tx } from '../../../../db/database.ts';
import type { Ctx, Principal } from '../../../../platform/actor.ts';
import { AppError } from '../../../../platform/errors.ts';
import { userRoles, users } from '../../../identity/tables.ts';
import { type LoadedIncident, loadIncident } from '../../load-incident.ts';
import { authorizeWorkIncident, canSeeIncident } from '../../policy.ts';

/** The incident, locked, after checking the acting user may work it (404 unseen, 403 seen only). */
export async function incidentForWork(tx: Tx, ctx: Ctx, incidentId: string): Promise<LoadedIncident> {
  const loaded = await loadIncident(tx, incidentId, { lock: true });
  if (ctx.actor.kind === 'user') authorizeWorkIncident(ctx.actor.principal, loaded.access);
  return loaded;
}

/** A task may only go to an enabled user who may see the incident (TLP included). */
export async function checkAssignee(tx: Tx, loaded: LoadedIncident, userId: string | null | undefined): Promise<void> {
  if (!userId) return;
  const [u] = await tx
    .select({ id: users.id, username: users.username, organisationId: users.organisationId, disabled: users.disabled })
    .from(users)
    .where(eq(users.id, userId));
  if (!u || u.disabled) throw new AppError(400, 'task_assignee_cannot_see');
  const roles = await tx.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId));
  const principal: Principal = {
    userId: u.id,
    username: u.username,
    organisationId: u.organisationId,
    roles: roles.map((r) => r.role),
    via: 'session',
  };
  if (!mayTakeTasks(principal, loaded.access)) throw new AppError(400, 'task_assignee_cannot_see');
}

/** A task goes to someone who sees the incident and may act: read-only viewers take no tasks. */
export function mayTakeTasks(p: Principal, access: LoadedIncident['access']): boolean {
  if (p.roles.every((r) => r === 'viewer')) return false;
  return canSeeIncident(p, access);
}

export const actingUserId = (ctx: Ctx): string | null =>
  ctx.actor.kind === 'user' ? ctx.actor.principal.userId : null;
