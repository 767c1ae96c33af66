import { hasRole, readsConstituency } from '../../../platform/access.ts';
import type { Principal } from '../../../platform/actor.ts';
import { forbidden } from '../../../platform/errors.ts';
import { authorizeReadOrganisation } from '../policy.ts';

/**
 * Contact publication (R8) is part of the registry: constituency readers see every organisation's,
 * member-leads and members their own; partners none (docs/ARCHITECTURE.md "Registry access").
 */
export function authorizeReadPublication(p: Principal, organisationId: string): void {
  authorizeReadOrganisation(p, organisationId);
  if (readsConstituency(p)) return;
  if (hasRole(p, 'member-lead', 'member')) return;
  throw forbidden();
}

/** The portal URL and "check now": coordinators everywhere, a member-lead for its organisation. */
export function authorizeManagePublication(p: Principal, organisationId: string): void {
  authorizeReadOrganisation(p, organisationId);
  if (hasRole(p, 'admin', 'coordinator')) return;
  if (hasRole(p, 'member-lead') && p.organisationId === organisationId) return;
  throw forbidden();
}

/** "My contact is current": the organisation's own people (member-lead, member) and coordinators. */
export function authorizeConfirmContact(p: Principal, organisationId: string): void {
  authorizeReadOrganisation(p, organisationId);
  if (hasRole(p, 'admin', 'coordinator')) return;
  if (hasRole(p, 'member-lead', 'member') && p.organisationId === organisationId) return;
  throw forbidden();
}

/** The constituency-wide status list (R8 scorecard): constituency readers. */
export function authorizeListPublication(p: Principal): void {
  if (!readsConstituency(p)) throw forbidden();
}
