import { hasRole, inScope, orgScope } from '../../platform/access.ts';
import type { Principal } from '../../platform/actor.ts';
import { forbidden, notFound } from '../../platform/errors.ts';

/** Seeing an organisation (and its contact points): the constituency readers, or its own people. */
export function authorizeReadOrganisation(p: Principal, organisationId: string): void {
  if (!inScope(orgScope(p), organisationId)) throw notFound();
}

export function authorizeManageOrganisations(p: Principal): void {
  if (!hasRole(p, 'admin', 'coordinator')) throw forbidden();
}

/** Contact points: coordinators everywhere, a member-lead for its own organisation. */
export function authorizeManageContacts(p: Principal, organisationId: string): void {
  authorizeReadOrganisation(p, organisationId);
  if (hasRole(p, 'admin', 'coordinator')) return;
  if (hasRole(p, 'member-lead') && p.organisationId === organisationId) return;
  throw forbidden();
}
