import { hasRole, readsConstituency } from '../../../platform/access.ts';
import type { Principal } from '../../../platform/actor.ts';
import { AppError, forbidden, notFound } from '../../../platform/errors.ts';

/**
 * Information systems (Registry access, docs/ARCHITECTURE.md): coordinators and admins manage all;
 * responders and viewers read all; member-leads and members read and manage the systems their
 * organisation owns or operates; partners see none.
 */
export type SystemParties = { ownerOrgId: string; operatorOrgId: string };

function isParty(p: Principal, s: SystemParties): boolean {
  return (
    hasRole(p, 'member', 'member-lead') && (s.ownerOrgId === p.organisationId || s.operatorOrgId === p.organisationId)
  );
}

/** May this principal list systems at all (scoped by the query)? */
export function authorizeListSystems(p: Principal): void {
  if (readsConstituency(p) || hasRole(p, 'member', 'member-lead')) return;
  throw forbidden();
}

export function canReadSystem(p: Principal, s: SystemParties): boolean {
  return readsConstituency(p) || isParty(p, s);
}

export function canManageSystem(p: Principal, s: SystemParties): boolean {
  return hasRole(p, 'admin', 'coordinator') || isParty(p, s);
}

/** Outside a user's sight → 404; seen but not manageable → 403. */
export function authorizeReadSystem(p: Principal, s: SystemParties): void {
  if (!canReadSystem(p, s)) throw notFound();
}

export function authorizeManageSystem(p: Principal, s: SystemParties): void {
  authorizeReadSystem(p, s);
  if (!canManageSystem(p, s)) throw forbidden();
}

/** Creating, or moving a system to new owner/operator: the user's organisation must stay a party. */
export function authorizeSystemParties(p: Principal, s: SystemParties): void {
  if (hasRole(p, 'admin', 'coordinator')) return;
  if (!hasRole(p, 'member', 'member-lead')) throw forbidden();
  if (!isParty(p, s)) throw new AppError(403, 'system_keep_own_organisation');
}
