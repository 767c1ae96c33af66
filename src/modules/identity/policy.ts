import { hasRole, inScope, orgScope } from '../../platform/access.ts';
import type { Principal } from '../../platform/actor.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import type { Role } from './tables.ts';

type Target = { organisationId: string; roles: readonly Role[] };

/** Users are visible to the constituency readers and to the people of their own organisation. */
export function authorizeReadUser(p: Principal, target: { organisationId: string }): void {
  if (!inScope(orgScope(p), target.organisationId)) throw notFound();
}

/** May this principal manage users at all (open the create form)? */
export function authorizeManageUsers(p: Principal): void {
  if (!hasRole(p, 'admin', 'coordinator', 'member-lead')) throw forbidden();
}

/** Roles a principal may grant: admin any, coordinator any but admin, member-lead its own org's. */
export function grantableRoles(p: Principal): readonly Role[] {
  if (hasRole(p, 'admin')) return ['admin', 'coordinator', 'responder', 'member-lead', 'member', 'partner', 'viewer'];
  if (hasRole(p, 'coordinator')) return ['coordinator', 'responder', 'member-lead', 'member', 'partner', 'viewer'];
  if (hasRole(p, 'member-lead')) return ['member-lead', 'member'];
  return [];
}

/** Changing a user (roles, status, password, sessions): within scope and above the target's roles. */
export function authorizeManageUser(p: Principal, target: Target): void {
  authorizeReadUser(p, target);
  authorizeManageUsers(p);
  if (hasRole(p, 'member-lead') && !hasRole(p, 'admin', 'coordinator') && target.organisationId !== p.organisationId) {
    throw forbidden();
  }
  const grantable = grantableRoles(p);
  if (!target.roles.every((r) => grantable.includes(r))) throw forbidden();
}

export function authorizeGrantRoles(p: Principal, organisationId: string, roles: readonly Role[]): void {
  authorizeManageUser(p, { organisationId, roles: [] });
  const grantable = grantableRoles(p);
  const refused = roles.find((r) => !grantable.includes(r));
  if (refused) throw new AppError(403, 'role_not_allowed', { role: refused });
}

export function authorizeManageSettings(p: Principal): void {
  if (!hasRole(p, 'admin')) throw forbidden();
}
